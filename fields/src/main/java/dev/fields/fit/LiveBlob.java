package dev.fields.fit;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.nn.FieldNetwork;
import dev.fields.train.StepRecord;
import dev.fields.train.TrainListener;
import dev.fields.train.Trainer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * Republishes the field as a viewable blob (atomic rename) every {@code every} steps, so a viewer watching the file
 * follows the run. A failed write is reported and never stops training.
 */
final class LiveBlob implements TrainListener {
    private final Path path;
    private final int every;
    private final BiFunction<FieldNetwork, Long, FieldBlob> export;
    private final PrintStream log;
    private long total;

    LiveBlob(Path path, int every, BiFunction<FieldNetwork, Long, FieldBlob> export, PrintStream log) {
        this.path = path;
        this.every = every;
        this.export = export;
        this.log = log;
    }

    @Override public void started(Trainer<?> t, long start, long total) { this.total = total; }

    /** Not after the last step: the final blob, with its metrics, is what the results are written with. */
    @Override public void stepped(Trainer<?> t, StepRecord r) {
        if (every <= 0 || r.step() % every != 0 || r.step() == total) return;
        try {
            BlobFormat.write(path, export.apply(t.network(), r.step()));
        } catch (RuntimeException e) { // a live preview must never cost the run
            if (log != null) log.println("could not publish the live blob at step " + r.step() + ": " + e.getMessage());
        }
    }
}
