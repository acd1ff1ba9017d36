package dev.fields.cli;

import dev.fields.eval.BlobField;
import dev.fields.render.FieldRenderer;
import dev.fields.render.RenderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fields bench render}: GL ms/frame per weight path and size, and the CPU tracer (reference and network evaluator) as a ratio. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Time GL frames (weight paths; 128^2, 256^2 and 512^2) of a 3-D blob (fit-shape's surfaces, fit-scene's radiance fields),",
                "drawn as the viewer draws them, and the CPU tracer. Radiance fields: also the colour and opacity difference texture vs literal.",
                "Run with MESA_SHADER_CACHE_DISABLE=true for honest compile times."})
public final class BenchRenderCommand implements Callable<Integer> {
    @Option(names = "--blob", defaultValue = "runs/bunny/bunny.field", description = "Blob to render (default: the README's bunny run).") Path blob;
    @Option(names = "--frames", defaultValue = "10", description = "Timed frames per size (median reported). Default: ${DEFAULT-VALUE}.") int frames;
    @Option(names = "--cpu-size", defaultValue = "128", description = "Side of the frame compared with the CPU tracer.") int cpuSize;
    @Option(names = "--paths", split = "\\s*,\\s*", defaultValue = "literal,texture",
            description = "Weight paths to time (literal, buffer, texture). Default: ${DEFAULT-VALUE} (the buffer path of a 64-wide network "
                    + "takes minutes to compile and draw on software OpenGL).") List<FieldRenderer.Path> paths;

    @Override public Integer call() {
        new RenderBenchmark(blob, frames, cpuSize, paths, BlobField::new).run();
        return 0;
    }
}
