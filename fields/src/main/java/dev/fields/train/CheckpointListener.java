package dev.fields.train;

import java.nio.file.Path;

/**
 * Writes a resumable checkpoint every {@code every} steps and after the last one (atomically, so an interrupted write
 * never replaces a good checkpoint).
 */
public final class CheckpointListener implements TrainListener {
    private final Path path;
    private final int every;
    private long lastGood = -1;

    public CheckpointListener(Path path, int every) {
        this.path = path;
        this.every = every;
    }

    public Path path() { return path; }

    @Override public void started(Trainer<?> t, long start, long total) {
        if (start > 0) lastGood = start;
    }

    @Override public void stepped(Trainer<?> t, StepRecord r) {
        if (every <= 0 || r.step() % every != 0) return;
        save(t, r.step());
    }

    @Override public void finished(Trainer<?> t, TrainResult result) {
        if (every > 0 && lastGood != result.steps()) save(t, result.steps());
    }

    private void save(Trainer<?> t, long step) {
        t.requireFiniteParameters(step);
        Checkpoints.save(path, t.network(), t.optimizer(), step, t.seed());
        lastGood = step;
    }

    @Override public String onDivergence() {
        return lastGood >= 0 ? "the last good checkpoint (step " + lastGood + ") is kept in " + path : null;
    }
}
