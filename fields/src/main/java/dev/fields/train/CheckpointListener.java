package dev.fields.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a resumable checkpoint every {@code every} steps and after the last one (atomically, so an interrupted write
 * never replaces a good checkpoint). Each checkpoint carries the history so far: that of the run it continues
 * ({@code before}, from the checkpoint it resumed) and every step since.
 */
public final class CheckpointListener implements TrainListener {
    private final Path path;
    private final int every;
    private final TrainResult before;
    private final List<StepRecord> history;
    private long lastGood = -1;

    public CheckpointListener(Path path, int every) { this(path, every, TrainResult.none()); }

    public CheckpointListener(Path path, int every, TrainResult before) {
        this.path = path;
        this.every = every;
        this.before = before;
        this.history = new ArrayList<>(before.history());
    }

    public Path path() { return path; }

    @Override public void started(Trainer<?> t, long start, long total) {
        if (start > 0) lastGood = start;
    }

    @Override public void stepped(Trainer<?> t, StepRecord r) {
        StepRecord shifted = r.later(before.seconds());
        history.add(shifted);
        if (every <= 0 || r.step() % every != 0) return;
        save(t, r.step(), shifted.seconds());
    }

    @Override public void finished(Trainer<?> t, TrainResult result) {
        if (every > 0 && lastGood != result.steps()) save(t, result.steps(), before.seconds() + result.seconds());
    }

    private void save(Trainer<?> t, long step, double seconds) {
        t.requireFiniteParameters(step);
        Checkpoints.save(path, t.network(), t.optimizer(), step, t.seed(), new TrainResult(history, seconds, step));
        lastGood = step;
    }

    @Override public String onDivergence() {
        return lastGood >= 0 ? "the last good checkpoint (step " + lastGood + ") is kept in " + path : null;
    }
}
