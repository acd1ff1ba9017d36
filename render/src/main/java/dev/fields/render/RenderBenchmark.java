package dev.fields.render;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.UserError;
import dev.fields.shaders.FieldEvaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Timing of the GL tracer for a blob at several sizes on each weight path (compile/bake time reported separately), and
 * of the Java CPU tracer on the same frame, as a ratio. Frames are drawn offscreen and waited for (glFinish) without
 * reading pixels back, as the viewer draws them. On the viewer's default view at {@link #VIEW}² it also reads back, per
 * path, the mean sphere-tracing steps per pixel (network or texture evaluations of the march; the literal and buffer
 * paths' empty-space skipping on the coarse bake is not counted) and, when both the literal and texture paths run, the
 * angle between their normals over the pixels both hit, for each {@link FieldRenderer.TextureNormals} reconstruction;
 * for a radiance field, the steps composited per pixel and the colour and opacity difference between the two paths
 * ({@link FrameDifference}).
 * The CPU tracer runs on the reference evaluator and on the evaluator the caller gives (the product's fast one).
 * Behind {@code fields bench render}.
 */
public final class RenderBenchmark {
    /** Side of the frame the steps and normal angles are measured on. */
    public static final int VIEW = 512;
    private final Path blob;
    private final int frames, cpuSize;
    private final java.util.List<FieldRenderer.Path> paths;
    private final java.util.function.Function<FieldBlob, FieldEvaluator> twin;

    /** {@code twin} builds the fast CPU evaluator of a blob (its toString names it in the printout). */
    public RenderBenchmark(Path blob, int frames, int cpuSize, java.util.List<FieldRenderer.Path> paths,
                           java.util.function.Function<FieldBlob, FieldEvaluator> twin) {
        this.blob = blob;
        this.frames = frames;
        this.cpuSize = cpuSize;
        this.paths = paths;
        this.twin = twin;
    }

    /** Runs and prints the table. */
    public void run() {
        if (!Files.exists(blob)) throw new UserError("no blob at " + blob + " — run 'fields fit-shape scenes/bunny.obj' first or pass --blob");
        FieldBlob b = BlobFormat.read(blob);
        boolean radiance = switch (dev.fields.io.spec.FieldKind.of(b.spec())) {
            case RADIANCE -> true;
            case SDF_SURFACE, OCCUPANCY_SURFACE -> false;
            case IMAGE_2D, ATTENUATION_SLICE -> throw new UserError("fields bench render times 3-D fields; " + blob + " is a 2-D field (render it with 'fields render')");
        };
        OrbitCamera cam = new OrbitCamera();
        System.out.printf(Locale.ROOT, "blob %s: %s, %,d parameters, lipschitz %.2f%n", blob, Arrays.toString(b.spec().layerWidths()), b.spec().parameterCount(), b.spec().lipschitz());
        double glSmall = 0;
        FieldRenderer.Path glSmallPath = null;
        FieldRenderer.Frame literal = null, textureView = null;
        Map<FieldRenderer.TextureNormals, FieldRenderer.Frame> texture = new EnumMap<>(FieldRenderer.TextureNormals.class);
        try (GlContext ctx = GlContext.headless()) {
            for (FieldRenderer.Path p : paths) {
                long t0 = System.nanoTime();
                try (FieldRenderer r = new FieldRenderer(b, p)) {
                    r.render(cam, 16, 16, FieldRenderer.Shading.LAMBERT);
                    FieldRenderer.finish();
                    double setup = (System.nanoTime() - t0) / 1e9;
                    String name = p.name().toLowerCase(Locale.ROOT);
                    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s compile%s + first frame %.2f s", name,
                            p == FieldRenderer.Path.TEXTURE ? String.format(Locale.ROOT, " + bake %d^3 (%.1f MB)", r.volumeSize, r.textureBytes() / 1e6) : "", setup));
                    for (int size : new int[]{cpuSize, 256, VIEW}) {
                        double ms = time(r, cam, size);
                        if (size == cpuSize && (glSmall == 0 || p == FieldRenderer.Path.LITERAL)) { glSmall = ms; glSmallPath = p; }
                        sb.append(String.format(Locale.ROOT, " | %d^2: %.1f ms/frame (%.1f fps)", size, ms, 1000 / ms));
                    }
                    System.out.println(sb);
                    cam.set(30, 20, 3.2);
                    float[] steps = r.render(cam, VIEW, VIEW, FieldRenderer.Shading.STEPS).steps();
                    FieldRenderer.Frame view = r.render(cam, VIEW, VIEW, FieldRenderer.Shading.LAMBERT);
                    System.out.printf(Locale.ROOT, "%-8s default view %d^2: %s%n", name, VIEW,
                            radiance ? describeComposited(steps, view.t(), r.maxSteps) : describeSteps(steps, view.t(), r.maxSteps));
                    if (p == FieldRenderer.Path.LITERAL) literal = view;
                    if (p == FieldRenderer.Path.TEXTURE) textureView = view;
                    if (p == FieldRenderer.Path.TEXTURE && !radiance) {
                        for (FieldRenderer.TextureNormals n : FieldRenderer.TextureNormals.values()) {
                            r.textureNormals = n;
                            texture.put(n, r.render(cam, VIEW, VIEW, FieldRenderer.Shading.LAMBERT));
                            if (n != FieldRenderer.TextureNormals.BAKED_GRADIENT)
                                System.out.printf(Locale.ROOT, "%-8s normals %s: %d^2 %.1f ms/frame%n", name, label(n), VIEW, time(r, cam, VIEW));
                        }
                        r.textureNormals = FieldRenderer.TextureNormals.BAKED_GRADIENT;
                    }
                }
            }
        }
        if (radiance) {
            if (literal != null && textureView != null)
                System.out.printf(Locale.ROOT, "texture vs literal, default view %d^2: %s%n", VIEW, FrameDifference.of(textureView, literal).describe());
        } else if (literal != null && !texture.isEmpty()) {
            for (var e : texture.entrySet())
                System.out.printf(Locale.ROOT, "normal angle texture (%s) vs literal, default view %d^2: %s%n", label(e.getKey()), VIEW, NormalAgreement.of(e.getValue(), literal).describe());
        }
        if (literal != null && !radiance) System.out.printf(Locale.ROOT, "normal turn between neighbouring pixels, literal: %s%n", NormalAgreement.neighbours(literal).describe());
        for (var e : texture.entrySet())
            System.out.printf(Locale.ROOT, "normal turn between neighbouring pixels, texture (%s): %s%n", label(e.getKey()), NormalAgreement.neighbours(e.getValue()).describe());
        if (literal != null && !texture.isEmpty()) {
            System.out.println("side-by-side figure (texture | literal | angle): fields render " + blob + " --compare --out compare.png");
        }
        long c0 = System.nanoTime();
        CpuTracer.trace(b, cam, cpuSize, cpuSize, 128);
        double refMs = (System.nanoTime() - c0) / 1e6;
        FieldEvaluator fast = twin.apply(b);
        CpuTracer.trace(fast, cam, 16, 16, 128); // builds the evaluator's kernel outside the timing
        long c1 = System.nanoTime();
        CpuTracer.trace(fast, cam, cpuSize, cpuSize, 128);
        double cpuMs = (System.nanoTime() - c1) / 1e6;
        System.out.printf(Locale.ROOT, "cpu tracer %d^2: reference evaluator %.0f ms/frame, %s %.0f ms/frame%s%n",
                cpuSize, refMs, fast, cpuMs, glSmallPath == null ? "" : String.format(Locale.ROOT, " -> GL %s path is %.1fx faster than the latter",
                        glSmallPath.name().toLowerCase(Locale.ROOT), cpuMs / glSmall));
    }

    static String label(FieldRenderer.TextureNormals n) {
        return switch (n) {
            case BAKED_GRADIENT -> "baked gradient";
            case VALUE_DIFFERENCES -> "differences of the interpolated value, before";
        };
    }

    /** "steps/pixel 9.8 (hit pixels 21.3, 34% hit; 0.2% ran out of 96 steps)". */
    static String describeSteps(float[] steps, float[] t, int maxSteps) {
        double all = 0, onHits = 0;
        int hits = 0, out = 0;
        for (int i = 0; i < steps.length; i++) {
            all += steps[i];
            if (t[i] >= 0) { hits++; onHits += steps[i]; }
            else if (steps[i] >= maxSteps) out++;
        }
        return String.format(Locale.ROOT, "steps/pixel %.2f (hit pixels %.2f, %.1f%% hit; %.2f%% ran out of %d steps)",
                all / steps.length, hits == 0 ? 0 : onHits / hits, 100.0 * hits / steps.length, 100.0 * out / steps.length, maxSteps);
    }

    /** "steps/pixel 12.3 (mean opacity 0.41; 5.0% of pixels composited all 96 steps)". */
    static String describeComposited(float[] steps, float[] opacity, int maxSteps) {
        double all = 0, op = 0;
        int full = 0;
        for (int i = 0; i < steps.length; i++) {
            all += steps[i];
            op += opacity[i];
            if (steps[i] >= maxSteps) full++;
        }
        return String.format(Locale.ROOT, "steps/pixel %.2f (mean opacity %.3f; %.1f%% of pixels composited all %d steps)",
                all / steps.length, op / steps.length, 100.0 * full / steps.length, maxSteps);
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
