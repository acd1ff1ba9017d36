package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldKind;
import dev.fields.shaders.ReferenceEvaluator;
import org.joml.Vector3f;

import java.util.stream.IntStream;

/**
 * The CPU twin as it was before rays were marched in wavefronts: one ray at a time, start to finish, each point through
 * {@link ReferenceEvaluator#evaluate}. Kept as the answer the wavefront tracer must reproduce bit for bit.
 */
final class PerRayTracer {
    private PerRayTracer() {}

    /** One ray through the field: {t or opacity, steps} and, composited, {r, g, b} after them. */
    private interface Ray {
        double[] march(ReferenceEvaluator ev, double[] out, float[] p, double dx, double dy, double dz);
    }

    /** The frame as the per-ray tracer traced it. */
    static CpuTracer.Hits trace(FieldBlob blob, OrbitCamera cam, int w, int h, int maxSteps) {
        FieldKind kind = FieldKind.of(blob.spec());
        ReferenceEvaluator base = new ReferenceEvaluator(blob);
        Vector3f eye = cam.eye(new Vector3f()), f = new Vector3f(), r = new Vector3f(), u = new Vector3f();
        cam.basis(f, r, u);
        float tan = cam.tanHalfFov();
        double[] lo = blob.spec().frame().boxMin(), hi = blob.spec().frame().boxMax();
        double L = Math.max(blob.spec().lipschitz(), 1.0), pixelAngle = 2 * tan / h;
        Ray ray = switch (kind) {
            case SDF_SURFACE -> (ev, out, p, dx, dy, dz) -> sphereTrace(ev, out, p, eye, dx, dy, dz, lo, hi, L, maxSteps, pixelAngle);
            case OCCUPANCY_SURFACE -> (ev, out, p, dx, dy, dz) -> marchToLevel(ev, out, p, eye, dx, dy, dz, lo, hi, maxSteps);
            case RADIANCE -> (ev, out, p, dx, dy, dz) -> composite(ev, out, p, eye, dx, dy, dz, lo, hi, maxSteps);
            case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalArgumentException("a " + kind + " field is not traced");
        };
        boolean composited = kind == FieldKind.RADIANCE;
        float[] t = new float[w * h], steps = new float[w * h], rgb = composited ? new float[3 * w * h] : null;
        IntStream.range(0, h).parallel().forEach(y -> {
            ReferenceEvaluator ev = base.copy();
            double[] out = new double[blob.spec().outputDim()];
            float[] p = new float[3];
            for (int x = 0; x < w; x++) {
                // pixel centre in GL's convention (row 0 at the bottom)
                double ux = ((x + 0.5) / w) * 2 - 1, uy = ((h - 1 - y + 0.5) / h) * 2 - 1;
                ux *= (double) w / h;
                double dx = f.x + tan * (ux * r.x + uy * u.x), dy = f.y + tan * (ux * r.y + uy * u.y), dz = f.z + tan * (ux * r.z + uy * u.z);
                double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
                double[] res = ray.march(ev, out, p, dx / len, dy / len, dz / len);
                t[y * w + x] = (float) res[0];
                steps[y * w + x] = (float) res[1];
                if (rgb != null) for (int k = 0; k < 3; k++) rgb[3 * (y * w + x) + k] = (float) res[2 + k];
            }
        });
        return new CpuTracer.Hits(w, h, t, steps, rgb);
    }

    private static double value(ReferenceEvaluator ev, double[] out, float[] p, Vector3f o, double dx, double dy, double dz, double t) {
        p[0] = (float) (o.x + t * dx); p[1] = (float) (o.y + t * dy); p[2] = (float) (o.z + t * dz);
        ev.evaluate(p, 0, out);
        return out[0];
    }

    /** The ray's span inside the box, from max(entry, 0) to exit, or null on a miss. */
    private static double[] clip(Vector3f o, double dx, double dy, double dz, double[] lo, double[] hi) {
        double[] d = {dx, dy, dz}, org = {o.x, o.y, o.z};
        double tn = -Double.MAX_VALUE, tf = Double.MAX_VALUE;
        for (int c = 0; c < 3; c++) {
            double inv = 1 / d[c], a = (lo[c] - org[c]) * inv, b = (hi[c] - org[c]) * inv;
            tn = Math.max(tn, Math.min(a, b));
            tf = Math.min(tf, Math.max(a, b));
        }
        return tf < Math.max(tn, 0) ? null : new double[]{Math.max(tn, 0), tf};
    }

    /** Front-to-back compositing as in tracer.glsl: returns opacity, steps, r, g, b. */
    private static double[] composite(ReferenceEvaluator ev, double[] out, float[] p, Vector3f o, double dx, double dy, double dz,
                                      double[] lo, double[] hi, int maxSteps) {
        double[] span = clip(o, dx, dy, dz, lo, hi);
        if (span == null) return new double[5];
        double t = span[0], tf = span[1], dt = (tf - t) / maxSteps, T = 1, r = 0, g = 0, b = 0;
        int steps = 0;
        for (int i = 0; i < maxSteps; i++) {
            value(ev, out, p, o, dx, dy, dz, t + 0.5 * dt);
            double a = 1 - Math.exp(-Math.max(out[0], 0) * dt);
            r += T * a * out[1];
            g += T * a * out[2];
            b += T * a * out[3];
            T *= 1 - a;
            steps = i + 1;
            if (T < 0.01) break;
            t += dt;
        }
        return new double[]{1 - T, steps, r, g, b};
    }

    /** Sphere tracing as in tracer.glsl: returns t at the hit (or -1) and steps. */
    private static double[] sphereTrace(ReferenceEvaluator ev, double[] out, float[] p, Vector3f o, double dx, double dy, double dz,
                                        double[] lo, double[] hi, double L, int maxSteps, double pixelAngle) {
        double[] span = clip(o, dx, dy, dz, lo, hi);
        if (span == null) return new double[]{-1, 0};
        double t = span[0], tf = span[1];
        double prev = t, prevV = 0;
        for (int i = 0; i < maxSteps; i++) {
            double v = value(ev, out, p, o, dx, dy, dz, t);
            double eps = Math.max(1e-3 * Math.max(t, 1.0), 0.5 * pixelAngle * t);
            if (v < eps) return new double[]{v > -eps ? t : prev + (t - prev) * prevV / (prevV - v), i + 1};
            prev = t;
            prevV = v;
            t += v / L;
            if (t > tf) return new double[]{-1, i + 1};
        }
        return new double[]{-1, maxSteps};
    }

    /** Marching to the 0.5 level then 8 bisections, as in tracer.glsl: returns t at the hit (or -1) and steps. */
    private static double[] marchToLevel(ReferenceEvaluator ev, double[] out, float[] p, Vector3f o, double dx, double dy, double dz,
                                         double[] lo, double[] hi, int maxSteps) {
        double[] span = clip(o, dx, dy, dz, lo, hi);
        if (span == null) return new double[]{-1, 0};
        double t = span[0], tf = span[1];
        double dt = (tf - t) / maxSteps, prev = t;
        for (int i = 0; i < maxSteps; i++) {
            if (value(ev, out, p, o, dx, dy, dz, t) > 0.5) {
                double a = prev, b = t;
                for (int k = 0; k < 8; k++) { double m = 0.5 * (a + b); if (value(ev, out, p, o, dx, dy, dz, m) > 0.5) b = m; else a = m; }
                return new double[]{b, i + 1};
            }
            prev = t;
            t += dt;
        }
        return new double[]{-1, maxSteps};
    }
}
