package dev.fields.fit;

/**
 * The training schedule: Adam at {@code lr} with exponential decay {@code lr · lrDecay^(t / lrDecaySteps)}, for
 * {@code steps} steps from {@code seed}, metrics every {@code evalEvery} steps.
 *
 * @param lrDecaySteps 0 = the whole run (resolved to {@code steps})
 * @param evalEvery 0 = about 20 evaluations per run (resolved to {@code max(1, steps / 20)})
 * @param weightDecay L2 weight decay λ on the dense layers' weight matrices only (not biases, not encoding tables):
 *                    {@code g += λ·w} before Adam's moments; 0 = off (absent in older configurations: 0)
 * @param coarseToFine the schedule that opens the encoding's frequency bands over the run; null = all on from the
 *                     start (absent in older configurations: null)
 */
public record TrainingConfig(int steps, double lr, double lrDecay, int lrDecaySteps, long seed, int evalEvery, double weightDecay,
                             dev.fields.train.CoarseToFine coarseToFine) {
    public TrainingConfig {
        if (steps < 1) throw new IllegalArgumentException("training.steps must be >= 1, got " + steps);
        if (!(lr > 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("training.lr must be a finite number > 0, got " + lr);
        if (!(lrDecay > 0 && lrDecay <= 1)) throw new IllegalArgumentException("training.lrDecay must be in (0, 1], got " + lrDecay);
        if (lrDecaySteps < 0) throw new IllegalArgumentException("training.lrDecaySteps must be >= 0, got " + lrDecaySteps);
        if (evalEvery < 0) throw new IllegalArgumentException("training.evalEvery must be >= 0, got " + evalEvery);
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) throw new IllegalArgumentException("training.weightDecay must be a finite number >= 0, got " + weightDecay);
    }

    public TrainingConfig resolved() {
        return new TrainingConfig(steps, lr, lrDecay, lrDecaySteps > 0 ? lrDecaySteps : steps, seed,
                evalEvery > 0 ? evalEvery : Math.max(1, steps / 20), weightDecay, coarseToFine);
    }

    public TrainingConfig withSeed(long s) { return new TrainingConfig(steps, lr, lrDecay, lrDecaySteps, s, evalEvery, weightDecay, coarseToFine); }

    public TrainingConfig withEvalEvery(int n) { return new TrainingConfig(steps, lr, lrDecay, lrDecaySteps, seed, n, weightDecay, coarseToFine); }

    public TrainingConfig withLr(double r) { return new TrainingConfig(steps, r, lrDecay, lrDecaySteps, seed, evalEvery, weightDecay, coarseToFine); }

    public TrainingConfig withCoarseToFine(dev.fields.train.CoarseToFine c) { return new TrainingConfig(steps, lr, lrDecay, lrDecaySteps, seed, evalEvery, weightDecay, c); }

    public TrainingConfig withSteps(int n) { return new TrainingConfig(n, lr, lrDecay, lrDecaySteps, seed, evalEvery, weightDecay, coarseToFine); }
}
