package dev.fields.train;

import java.util.ArrayList;
import java.util.List;

/** The outcome of a training run: per-step history, wall seconds and steps completed. */
public record TrainResult(List<StepRecord> history, double seconds, long steps) {
    /** Nothing trained yet. */
    public static TrainResult none() { return new TrainResult(List.of(), 0, 0); }

    /**
     * This run as the continuation of {@code earlier} (a resumed fit): the earlier history, then this one with its
     * wall seconds counted from the earlier run's start; seconds add up.
     */
    public TrainResult after(TrainResult earlier) {
        if (earlier.history().isEmpty() && earlier.seconds() == 0) return this;
        List<StepRecord> h = new ArrayList<>(earlier.history());
        for (StepRecord r : history) h.add(r.later(earlier.seconds()));
        return new TrainResult(h, earlier.seconds() + seconds, steps);
    }
}
