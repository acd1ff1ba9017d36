package dev.fields.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fields bench}: benchmarks that produce the numbers quoted in notes (never timing assertions in tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: speed of a training step, image, shape, CT and scene quality tables, weight scaling, mesh export, rendering.",
        subcommands = {dev.fields.bench.TrainStepBench.class, dev.fields.bench.ImageQualityBench.class, dev.fields.bench.WeightScalingBench.class,
                dev.fields.bench.GroundTruthBench.class, dev.fields.bench.ShapeQualityBench.class, dev.fields.bench.MeshBench.class, dev.fields.bench.ShapePoolDump.class, dev.fields.bench.CtQualityBench.class, dev.fields.bench.HashGridBench.class, dev.fields.bench.SceneQualityBench.class, BenchRenderCommand.class})
public final class BenchCommand implements Runnable {
    @Override public void run() { new CommandLine(this).usage(System.out); }
}
