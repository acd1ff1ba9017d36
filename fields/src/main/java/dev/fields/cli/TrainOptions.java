package dev.fields.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options of the training loop shared by every fit command; unset values take the command's defaults. */
public final class TrainOptions {
    @Option(names = "--steps", description = "Optimizer steps.")
    Integer steps;
    @Option(names = "--lr", description = "Adam learning rate.")
    Double lr;
    @Option(names = "--lr-decay", description = "Learning-rate decay factor per --lr-decay-steps (exponential; 1 = constant).")
    Double lrDecay;
    @Option(names = "--lr-decay-steps", description = "Steps over which the learning rate decays by --lr-decay.")
    Integer lrDecaySteps;
    @Option(names = "--seed", defaultValue = "0", description = "Random seed: runs with the same seed and options are identical (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output directory (default: runs/NAME).")
    Path out;
    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Write a resumable checkpoint every N steps (0 = never; default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--eval-every", description = "Evaluate metrics (e.g. PSNR) every N steps.")
    Integer evalEvery;
    @Option(names = "--resume", description = "Continue from the checkpoint in the output directory.")
    boolean resume;
    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;
    @Option(names = "--verbose", description = "Show library start-up logs.")
    boolean verbose;

    public int steps(int d) { return positive("--steps", steps != null ? steps : d); }
    public double lr(double d) { return lr != null ? lr : d; }
    public double lrDecay(double d) { return lrDecay != null ? lrDecay : d; }
    public int lrDecaySteps(int d) { return positive("--lr-decay-steps", lrDecaySteps != null ? lrDecaySteps : d); }
    public int evalEvery(int d) { return positive("--eval-every", evalEvery != null ? evalEvery : d); }
    public Path out(String name) { return out != null ? out : Path.of("runs", name); }

    private static int positive(String name, int v) {
        if (v < 1) throw new dev.fields.io.UserError(name + " must be >= 1, got " + v);
        return v;
    }
}
