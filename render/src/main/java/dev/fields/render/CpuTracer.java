package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.Channel;
import dev.fields.shaders.ReferenceEvaluator;
import org.joml.Vector3f;

import java.util.stream.IntStream;

/**
 * The Java twin of the GLSL tracer (same camera, box clipping, step rule, hit tolerance, bisection), on the reference
 * evaluator: the answer GL renders are checked against, and a CPU fallback for previews.
 */
public final class CpuTracer {
    private CpuTracer() {}

    /**
     * Per pixel (top row first): ray distance at the hit or -1 (radiance fields: opacity), steps taken, and for radiance
     * fields the composited colour (3 per pixel, before the background), else null.
     */
    public record Hits(int width, int height, float[] t, float[] steps, float[] rgb) {}

    public static Hits trace(FieldBlob blob, OrbitCamera cam, int w, int h, int maxSteps) {
        ReferenceEvaluator base = new ReferenceEvaluator(blob);
        Vector3f eye = cam.eye(new Vector3f()), f = new Vector3f(), r = new Vector3f(), u = new Vector3f();
        cam.basis(f, r, u);
        float tan = cam.tanHalfFov();
        double[] lo = blob.spec().frame().boxMin(), hi = blob.spec().frame().boxMax();
        boolean sdf = blob.spec().has(Channel.SDF), radiance = FieldRenderer.isRadiance(blob.spec());
        double L = Math.max(blob.spec().lipschitz(), 1.0);
        float[] t = new float[w * h], steps = new float[w * h], rgb = radiance ? new float[3 * w * h] : null;
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
                dx /= len; dy /= len; dz /= len;
                if (radiance) {
                    double[] c = composite(ev, out, p, eye, dx, dy, dz, lo, hi, maxSteps);
                    t[y * w + x] = (float) c[3];
                    steps[y * w + x] = (float) c[4];
                    for (int k = 0; k < 3; k++) rgb[3 * (y * w + x) + k] = (float) c[k];
                    continue;
                }
                double[] res = trace(ev, out, p, eye, dx, dy, dz, lo, hi, sdf, L, maxSteps, 2 * tan / h);
                t[y * w + x] = (float) res[0];
                steps[y * w + x] = (float) res[1];
            }
        });
        return new Hits(w, h, t, steps, rgb);
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

    /** Front-to-back compositing as in tracer.glsl: returns r, g, b, opacity, steps. */
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
        return new double[]{r, g, b, 1 - T, steps};
    }

    private static double[] trace(ReferenceEvaluator ev, double[] out, float[] p, Vector3f o, double dx, double dy, double dz,
                                  double[] lo, double[] hi, boolean sdf, double L, int maxSteps, double pixelAngle) {
        double[] span = clip(o, dx, dy, dz, lo, hi);
        if (span == null) return new double[]{-1, 0};
        double t = span[0], tf = span[1];
        if (sdf) {
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
