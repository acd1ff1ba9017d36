package dev.fields.task.shape;

import dev.fields.eval.BlobField;

import java.util.SplittableRandom;

/**
 * Estimates a field's Lipschitz constant for sphere tracing: the 99.9th percentile of gradient norms (central
 * differences) over random points in the box, with a 25% margin, at least 1. Not a proof: a guaranteed bound
 * (product of spectral norms) is usually hundreds of times too loose to trace with, and the maximum is set by a few
 * noisy spots; tracers add their own hit tolerance.
 */
final class LipschitzEstimate {
    private LipschitzEstimate() {}

    static double of(BlobField f, long seed) {
        int n = 32768;
        float h = 1e-3f;
        SplittableRandom r = new SplittableRandom(seed + 5);
        float[] p = new float[3 * 6 * n];
        for (int i = 0; i < n; i++) {
            float x = (float) (2 * r.nextDouble() - 1), y = (float) (2 * r.nextDouble() - 1), z = (float) (2 * r.nextDouble() - 1);
            for (int k = 0; k < 6; k++) {
                int o = 3 * (6 * i + k);
                p[o] = x; p[o + 1] = y; p[o + 2] = z;
                p[o + k / 2] += (k % 2 == 0 ? h : -h);
            }
        }
        float[] v = f.evaluate(p, 6 * n);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double gx = (v[6 * i] - v[6 * i + 1]) / (2 * h), gy = (v[6 * i + 2] - v[6 * i + 3]) / (2 * h), gz = (v[6 * i + 4] - v[6 * i + 5]) / (2 * h);
            g[i] = Math.sqrt(gx * gx + gy * gy + gz * gz);
        }
        java.util.Arrays.sort(g);
        return Math.max(1.0, 1.25 * g[(int) (0.999 * (n - 1))]);
    }
}
