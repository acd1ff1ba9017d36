package dev.fields.cli;

import dev.fields.io.AtomicFiles;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.shaders.StandaloneShader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fields export-glsl FILE --out FILE.glsl}: a self-contained fragment shader with the weights baked in. */
@Command(name = "export-glsl", mixinStandardHelpOptions = true,
        description = {"Write a self-contained fragment shader that renders the field with its weights baked in.",
                "--target shadertoy: paste into shadertoy.com (mainImage entry point, orbits with iTime).",
                "--target glsl330: a plain '#version 330 core' fragment shader (uniforms iResolution, iTime)."})
public final class ExportGlslCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Weight blob (.field) of a 3-D SDF or occupancy field.") Path file;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.glsl") Path out;
    @Option(names = "--target", defaultValue = "shadertoy", description = "shadertoy or glsl330. Default: ${DEFAULT-VALUE}.") StandaloneShader.Target target;

    @Override public Integer call() {
        FieldBlob blob = BlobFormat.read(file);
        String src = StandaloneShader.generate(blob, target);
        AtomicFiles.writeString(out, src);
        System.out.printf("wrote %s (%,d characters, %s)%n", out, src.length(), target.name().toLowerCase(java.util.Locale.ROOT));
        return 0;
    }
}
