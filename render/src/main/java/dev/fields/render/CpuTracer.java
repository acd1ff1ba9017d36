package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.ValueRange;
import dev.fields.io.spec.FieldKind;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.PixelGrid;
import dev.fields.shaders.FieldEvaluator;
import dev.fields.shaders.ReferenceFieldEvaluator;
import dev.fields.shaders.SliceDisplay;
import org.joml.Vector3f;

/**
 * The Java twin of the GLSL tracer (same camera, box clipping, step rule, hit tolerance, bisection) and of the 2-D
 * image quad (same {@link PixelGrid} mapping, window/level and colour map). On the reference evaluator (the
 * {@link FieldBlob} overloads) it is the answer GL renders are checked against; on a faster {@link FieldEvaluator} it is
 * the CPU fallback for previews and benchmarks. Rays are marched together and their points evaluated in batches.
 */
public final class CpuTracer {
    private CpuTracer() {}

    /**
     * Per pixel (top row first): ray distance at the hit or -1 (radiance fields: opacity), steps taken, and for radiance
     * fields the composited colour (3 per pixel, before the background), else null.
     */
    public record Hits(int width, int height, float[] t, float[] steps, float[] rgb) {}

    /**
     * A 2-D field drawn as an image, top row first: the field's outputs at each pixel ({@code outputs} per pixel) and
     * the colour the GL quad shows (3 per pixel in [0, 1]).
     */
    public record Picture(int width, int height, int outputs, float[] values, float[] rgb) {}

    /** Traces a 3-D field as the GL tracer does, on the reference evaluator; a 2-D field is an {@link #image}, not traced. */
    public static Hits trace(FieldBlob blob, OrbitCamera cam, int w, int h, int maxSteps) {
        return trace(new ReferenceFieldEvaluator(blob), cam, w, h, maxSteps);
    }

    /**
     * Traces a 3-D field as the GL tracer does, its points evaluated by {@code field} in batches (the rays of the frame
     * marched together, {@link Wavefront}); a 2-D field is an {@link #image}, not traced.
     */
    public static Hits trace(FieldEvaluator field, OrbitCamera cam, int w, int h, int maxSteps) {
        return trace(field, cam, w, h, maxSteps, Wavefront.DEFAULT_SLOTS);
    }

    /** As above with at most {@code slots} rays in flight (the pixels do not depend on it). */
    static Hits trace(FieldEvaluator field, OrbitCamera cam, int w, int h, int maxSteps, int slots) {
        FieldSpec s = field.spec();
        FieldKind kind = FieldKind.of(s);
        Vector3f eye = cam.eye(new Vector3f());
        float tan = cam.tanHalfFov();
        double[] lo = s.frame().boxMin(), hi = s.frame().boxMax();
        double L = Math.max(s.lipschitz(), 1.0), pixelAngle = 2 * tan / h;
        int pixels = w * h, cap = Math.max(1, Math.min(slots, pixels));
        RayMarch march = switch (kind) {
            case SDF_SURFACE -> new RayMarch.SphereTrace(eye, lo, hi, maxSteps, cap, pixels, L, pixelAngle);
            case OCCUPANCY_SURFACE -> new RayMarch.Level(eye, lo, hi, maxSteps, cap, pixels);
            case RADIANCE -> new RayMarch.Composite(eye, lo, hi, maxSteps, cap, pixels, s.viewDependence());
            case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalArgumentException("a " + kind + " field is drawn as an image, not traced: use CpuTracer.image");
        };
        Wavefront.run(field, march, cam, w, h, cap);
        return new Hits(w, h, march.tOut, march.stepsOut, march.rgbOut);
    }

    /**
     * Draws a 2-D field at {@code w × h} as the GL image quad does (a CT slice with {@link #defaultSlice}); a 3-D
     * field is {@link #trace traced} instead.
     */
    public static Picture image(FieldBlob blob, int w, int h) {
        return image(blob, w, h, FieldKind.of(blob.spec()) == FieldKind.ATTENUATION_SLICE ? defaultSlice(blob) : null);
    }

    /** The CPU twin of {@link FieldRenderer#defaultSlice()}: the declared range, else the percentiles on the field's own grid. */
    public static SliceDisplay defaultSlice(FieldBlob blob) {
        return SliceDisplay.spanning(SliceDisplay.DEFAULT_MAP, SliceDisplay.declaredRange(blob).orElseGet(() -> {
            PixelGrid g = PixelGrid.of(blob.spec().frame(), 256, 256);
            Picture p = image(blob, g.width(), g.height(), new SliceDisplay(SliceDisplay.DEFAULT_MAP, 1, 0.5));
            return ValueRange.of(p.values(), 0, p.outputs());
        }));
    }

    /**
     * Draws a 2-D field as the GL image quad does; a CT slice ({@link FieldKind#ATTENUATION_SLICE}) is coloured by
     * {@code slice} (required for slices, ignored for images).
     */
    public static Picture image(FieldBlob blob, int w, int h, SliceDisplay slice) {
        return image(new ReferenceFieldEvaluator(blob), w, h, slice);
    }

    /** As above, the pixels' points evaluated by {@code field} in batches of whole rows. */
    public static Picture image(FieldEvaluator field, int w, int h, SliceDisplay slice) {
        FieldSpec s = field.spec();
        FieldKind kind = FieldKind.of(s);
        boolean windowed = switch (kind) {
            case ATTENUATION_SLICE -> true;
            case IMAGE_2D -> false;
            case SDF_SURFACE, OCCUPANCY_SURFACE, RADIANCE -> throw new IllegalArgumentException("a " + kind + " field is traced, not drawn as an image: use CpuTracer.trace");
        };
        if (windowed && slice == null) throw new IllegalArgumentException("a CT slice needs a SliceDisplay");
        PixelGrid grid = PixelGrid.of(s.frame(), w, h);
        double[] lo = s.frame().boxMin(), hi = s.frame().boxMax();
        int o = s.outputDim(), channels = s.outputs().get(0).size();
        float[] values = new float[o * w * h], rgb = new float[3 * w * h];
        int rows = Math.max(1, Math.min(h, Wavefront.DEFAULT_SLOTS / Math.max(w, 1)));
        float[] p = new float[2 * rows * w];
        double[] out = new double[o * rows * w];
        for (int y0 = 0; y0 < h; y0 += rows) {
            int n = Math.min(rows, h - y0) * w;
            for (int k = 0; k < n; k++) {
                p[2 * k] = (float) PixelGrid.toBox(grid.u(k % w, w), lo[0], hi[0]);
                p[2 * k + 1] = (float) PixelGrid.toBox(grid.v(y0 + k / w, h, kind.yUp()), lo[1], hi[1]);
            }
            field.evaluate(p, n, out);
            for (int k = 0; k < n; k++) {
                int i = y0 * w + k;
                for (int c = 0; c < o; c++) values[o * i + c] = (float) out[o * k + c];
                if (windowed) slice.rgb(out[o * k], rgb, 3 * i);
                else for (int c = 0; c < 3; c++) rgb[3 * i + c] = (float) clamp(out[o * k + (channels >= 3 ? c : 0)]);
            }
        }
        return new Picture(w, h, o, values, rgb);
    }

    private static double clamp(double v) { return Math.min(Math.max(v, 0), 1); }
}
