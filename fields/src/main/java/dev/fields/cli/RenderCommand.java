package dev.fields.cli;

import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldKind;
import dev.fields.render.FieldRenderer;
import dev.fields.render.OfflineRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fields render FILE --out PNG}: headless OpenGL rendering of a blob. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a weight blob to PNG with OpenGL, headless (no display needed: EGL on Mesa works).",
                "SDF fields are sphere-traced, occupancy fields marched to the 0.5 level, radiance fields (fit-scene) composited",
                "front to back, 2-D fields drawn as an image; --weights texture bakes any 3-D field on a 96^3 grid first.",
                "CT slices (fit-ct) through a window/level and a colour map (--window, --level, --colour-map).",
                "--compare draws a surface field's view on both the texture and the literal path and writes one figure:",
                "texture | literal | heat map of the angle between their normals (black 0, white 10 degrees or more; grey",
                "where either missed), and prints that angle's mean and 95th percentile over the pixels both hit."},
        footer = {"", "Examples:", "  fields render runs/bunny/bunny.field --out bunny.png --size 512",
                "  fields render runs/bunny/bunny.field --out turn.png --turntable 36 --shading normals",
                "  fields render runs/bunny/bunny.field --out compare.png --compare --size 384",
                "  fields render runs/shepp-logan/shepp-logan.field --out slice.png --size 256 --window 0.4 --level 0.2 --colour-map viridis"})
public final class RenderCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Weight blob (.field).") Path file;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PNG", description = "Output PNG (turntables add _000, _001, ...).") Path out;
    @Option(names = "--size", defaultValue = "512", paramLabel = "N or WxH", description = "Image size. Default: ${DEFAULT-VALUE}.") Size size;
    @Option(names = "--azimuth", defaultValue = "30", description = "Camera azimuth in degrees. Default: ${DEFAULT-VALUE}.") double azimuth;
    @Option(names = "--elevation", defaultValue = "20", description = "Camera elevation in degrees. Default: ${DEFAULT-VALUE}.") double elevation;
    @Option(names = "--distance", defaultValue = "3.2", description = "Camera distance from the box centre in field units (box is [-1,1]^3). Default: ${DEFAULT-VALUE}.") double distance;
    @Option(names = "--shading", defaultValue = "lambert", description = "lambert, normals, depth or steps (cost heat map). Default: ${DEFAULT-VALUE}.") FieldRenderer.Shading shading;
    @Option(names = "--weights", defaultValue = "literal", description = "literal (baked constants), buffer (SSBO) or texture (baked 3-D grid: a surface's value and gradient, a radiance field's density and colour). Default: ${DEFAULT-VALUE}.") FieldRenderer.Path weights;
    @Option(names = "--turntable", defaultValue = "0", description = "Render N frames around the object.") int turntable;
    @Option(names = "--max-steps", defaultValue = "128", description = "Ray-marching steps per pixel.") int maxSteps;
    @Option(names = "--compare", description = "Surface fields: texture | literal | normal-angle figure of one view (--weights and --turntable do not apply).") boolean compare;
    @Mixin SliceOptions slice;

    @Override public Integer call() {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) throw new UserError("--out must name a .png file, got " + out);
        FieldBlob blob = BlobFormat.read(file);
        var request = slice.request(file, FieldKind.of(blob.spec()));
        String note = weights == FieldRenderer.Path.TEXTURE ? FieldRenderer.textureNote(blob.spec()) : null;
        if (note != null) System.out.println(note);
        if (compare) {
            if (turntable > 0) throw new UserError("--compare draws one view; drop --turntable " + turntable);
            var c = OfflineRenderer.compare(blob, out, new OfflineRenderer.Settings(size.width(), size.height(), azimuth, elevation, distance,
                    shading, weights, 0, Math.max(1, maxSteps), request));
            System.out.println("wrote " + c.file() + " (texture | literal | normal angle); normal angle texture vs literal: " + c.angles().describe());
            return 0;
        }
        OfflineRenderer.Rendered r = OfflineRenderer.render(blob, out, new OfflineRenderer.Settings(size.width(), size.height(), azimuth, elevation, distance,
                shading, weights, turntable, Math.max(1, maxSteps), request));
        List<Path> files = r.files();
        System.out.println("wrote " + (files.size() == 1 ? files.get(0) : files.size() + " frames " + files.get(0) + " .. " + files.get(files.size() - 1))
                + (r.slice() != null ? " (slice: " + r.slice().describe() + ")" : ""));
        return 0;
    }
}
