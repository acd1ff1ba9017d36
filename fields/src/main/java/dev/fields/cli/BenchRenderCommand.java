package dev.fields.cli;

import dev.fields.render.RenderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fields bench render}: GL ms/frame per weight path and size, and the CPU tracer as a ratio. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Time GL frames (literal, buffer, texture paths; 128^2, 256^2 and 512^2) of a fit-shape blob and the CPU tracer.",
                "Run with MESA_SHADER_CACHE_DISABLE=true for honest compile times."})
public final class BenchRenderCommand implements Callable<Integer> {
    @Option(names = "--blob", defaultValue = "runs/bunny/bunny.field", description = "Blob to render (default: the README's bunny run).") Path blob;
    @Option(names = "--frames", defaultValue = "10") int frames;
    @Option(names = "--cpu-size", defaultValue = "128", description = "Side of the frame compared with the CPU tracer.") int cpuSize;

    @Override public Integer call() {
        new RenderBenchmark(blob, frames, cpuSize).run();
        return 0;
    }
}
