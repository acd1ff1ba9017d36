package dev.fields.fit;

import dev.fields.io.blob.FieldBlob;
import dev.fields.train.TrainListener;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How one run of a fit is hosted, apart from what it computes: where progress goes (null = silent), whether and
 * where it checkpoints, resumes and publishes a live blob, an initial blob, and any extra listeners. The default
 * session touches no file: a benchmark, a test or a cluster task runs a fit with {@link #silent()}.
 *
 * @param checkpoint where checkpoints are written every {@code checkpointEvery} steps (null = none)
 * @param resume continue from {@code checkpoint}
 * @param live where the field is republished at every checkpoint for a viewer (null = nowhere)
 * @param init a blob whose parameters the network starts from (null = fresh initialization)
 */
public record FitSession(PrintStream log, Path checkpoint, int checkpointEvery, boolean resume, Path live,
                         FieldBlob init, List<TrainListener> listeners) {
    public FitSession {
        listeners = List.copyOf(listeners);
        if (resume && checkpoint == null) throw new IllegalArgumentException("resuming needs a checkpoint path");
    }

    public static FitSession silent() { return new FitSession(null, null, 0, false, null, null, List.of()); }

    public static FitSession logging(PrintStream log) { return new FitSession(log, null, 0, false, null, null, List.of()); }

    public FitSession withInit(FieldBlob b) { return new FitSession(log, checkpoint, checkpointEvery, resume, live, b, listeners); }

    public FitSession withListener(TrainListener l) {
        List<TrainListener> ls = new ArrayList<>(listeners);
        ls.add(l);
        return new FitSession(log, checkpoint, checkpointEvery, resume, live, init, ls);
    }
}
