package dev.fields.render;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.UserError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Timing of the GL tracer for a blob at several sizes on each weight path (compile/bake time reported separately), and
 * of the Java CPU tracer on the same frame, as a ratio. Frames are drawn offscreen and waited for (glFinish) without
 * reading pixels back, as the viewer draws them. Behind {@code fields bench render}.
 */
public final class RenderBenchmark {
    private final Path blob;
    private final int frames, cpuSize;
    private final java.util.List<FieldRenderer.Path> paths;

    public RenderBenchmark(Path blob, int frames, int cpuSize, java.util.List<FieldRenderer.Path> paths) {
        this.blob = blob;
        this.frames = frames;
        this.cpuSize = cpuSize;
        this.paths = paths;
    }

    /** Runs and prints the table. */
    public void run() {
        if (!Files.exists(blob)) throw new UserError("no blob at " + blob + " — run 'fields fit-shape scenes/bunny.obj' first or pass --blob");
        FieldBlob b = BlobFormat.read(blob);
        OrbitCamera cam = new OrbitCamera();
        System.out.printf(Locale.ROOT, "blob %s: %s, %,d parameters, lipschitz %.2f%n", blob, Arrays.toString(b.spec().layerWidths()), b.spec().parameterCount(), b.spec().lipschitz());
        double glSmall = 0;
        try (GlContext ctx = GlContext.headless()) {
            for (FieldRenderer.Path p : paths) {
                long t0 = System.nanoTime();
                try (FieldRenderer r = new FieldRenderer(b, p)) {
                    r.render(cam, 16, 16, FieldRenderer.Shading.LAMBERT);
                    FieldRenderer.finish();
                    double setup = (System.nanoTime() - t0) / 1e9;
                    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s compile%s + first frame %.2f s", p.name().toLowerCase(Locale.ROOT), p == FieldRenderer.Path.TEXTURE ? " + bake 96^3" : "", setup));
                    for (int size : new int[]{cpuSize, 256, 512}) {
                        double ms = time(r, cam, size);
                        if (size == cpuSize && (glSmall == 0 || p == FieldRenderer.Path.LITERAL)) glSmall = ms;
                        sb.append(String.format(Locale.ROOT, " | %d^2: %.1f ms/frame (%.1f fps)", size, ms, 1000 / ms));
                    }
                    System.out.println(sb);
                }
            }
        }
        long c0 = System.nanoTime();
        CpuTracer.trace(b, cam, cpuSize, cpuSize, 128);
        double cpuMs = (System.nanoTime() - c0) / 1e6;
        System.out.printf(Locale.ROOT, "cpu tracer %d^2: %.0f ms/frame -> GL literal path is %.0fx faster%n", cpuSize, cpuMs, cpuMs / glSmall);
    }

    private double time(FieldRenderer r, OrbitCamera cam, int size) {
        double[] ms = new double[frames];
        for (int i = 0; i < frames; i++) {
            cam.set(30 + 7 * i, 20, 3.2);
            long t0 = System.nanoTime();
            r.drawOffscreen(cam, size, size, FieldRenderer.Shading.LAMBERT);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[frames / 2];
    }
}
