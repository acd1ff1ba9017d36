package dev.fields.fit;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldSpec;
import dev.fields.train.Task;

import java.io.PrintStream;

/**
 * One fit described for the {@link FitRunner}: the field to train (its spec: outputs, frame, encoding, network), the
 * task that trains it, and what is computed from the saved blob afterwards. A problem reads its input when it is
 * made and writes nothing; the runner owns the loop, checkpoints, the live blob and provenance.
 */
public interface FitProblem {
    /** Registry name of the task ("image", "shape"), recorded in provenance. */
    String task();

    /** The field being trained. */
    FieldSpec spec();

    /** The training task (called once per run). */
    Task<?> newTask();

    /** One line describing the fit before training starts. */
    String describe(long parameters, int steps);

    /** The blob to show while training (a problem may refine the spec, e.g. a Lipschitz estimate); default: as is. */
    default FieldBlob live(FieldBlob blob) { return blob; }

    /** Final metrics, details and artifacts, computed from the saved blob only. */
    Evaluation evaluate(FieldBlob saved, PrintStream log);
}
