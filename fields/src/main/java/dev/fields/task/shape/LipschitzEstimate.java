package dev.fields.task.shape;

import dev.fields.eval.BlobField;

import java.util.SplittableRandom;

/**
 * Estimates a field's Lipschitz constant for sphere tracing: the 99.9th percentile of gradient norms (central
 * differences) at random box points within 0.1 of the surface (|f| < 0.1), with a 25% margin, at least 1. The band is
 * where a too-long step can cross a thin part; farther out the renderer skips space on a coarse bake, and a step that
 * lands inside is resolved by the secant to the last outside point. Not a proof: a guaranteed bound (product of
 * spectral norms) is usually hundreds of times too loose to trace with.
 */
final class LipschitzEstimate {
    private LipschitzEstimate() {}

    /** Box points the estimate probes. */
    static final int POINTS = 65536;

    static double of(BlobField f, long seed) { return of(f, points(seed)); }

    /** The {@link #POINTS} uniform box points (xyz interleaved) of a fit with {@code seed}. */
    static float[] points(long seed) {
        SplittableRandom r = new SplittableRandom(seed + 5);
        float[] c = new float[3 * POINTS];
        for (int i = 0; i < c.length; i++) c[i] = (float) (2 * r.nextDouble() - 1);
        return c;
    }

    /** The estimate from central differences at the given box points. */
    static double of(BlobField f, float[] centres) {
        int n = centres.length / 3;
        float h = 1e-3f;
        float[] p = new float[3 * 7 * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 7; k++) {
                int o = 3 * (7 * i + k);
                System.arraycopy(centres, 3 * i, p, o, 3);
                if (k < 6) p[o + k / 2] += (k % 2 == 0 ? h : -h);
            }
        }
        float[] v = f.evaluate(p, 7 * n);
        double[] g = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(v[7 * i + 6]) >= 0.1) continue;
            double gx = (v[7 * i] - v[7 * i + 1]) / (2 * h), gy = (v[7 * i + 2] - v[7 * i + 3]) / (2 * h), gz = (v[7 * i + 4] - v[7 * i + 5]) / (2 * h);
            g[m++] = Math.sqrt(gx * gx + gy * gy + gz * gz);
        }
        if (m < 100) return 1.0; // hardly any surface in the box: nothing to overshoot
        java.util.Arrays.sort(g, 0, m);
        return Math.max(1.0, 1.25 * g[(int) (0.999 * (m - 1))]);
    }
}
