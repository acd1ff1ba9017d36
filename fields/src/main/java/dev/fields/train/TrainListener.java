package dev.fields.train;

/**
 * Observes a training run: progress output, checkpoints and live blobs are listeners, so a run without a terminal or
 * an output folder (a cluster task, a benchmark, a test) simply has fewer of them. Listeners run in the order given,
 * on the training thread.
 */
public interface TrainListener {
    /** Before the first step; {@code start} is 0 or the step a resumed run continues from. */
    default void started(Trainer<?> trainer, long start, long total) {}

    /** After every step (metrics are non-empty on evaluation steps). */
    default void stepped(Trainer<?> trainer, StepRecord record) {}

    /**
     * Asked after every step, once every listener has seen it: true ends the run there (a time budget, a benchmark's
     * last mark). The result then holds the steps done.
     */
    default boolean stopAfter(StepRecord record) { return false; }

    /** After the last step. */
    default void finished(Trainer<?> trainer, TrainResult result) {}

    /** A clause for the divergence message (e.g. which checkpoint is kept), or null. */
    default String onDivergence() { return null; }
}
