package dev.fields.nn.fused;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vectorized softplus and its derivative from the output against the definitions in double: a sweep of z over
 * [-30, 30] (a fine grid, random points, 0 and tiny arguments), the tails out to |z| = 10⁴, and the bounds stated in
 * {@link VectorSoftplus}'s documentation.
 */
class VectorSoftplusTest {
    /** Bounds asserted on [-30, 30] (the class documentation states the measured values below them). */
    private static final double REL = 3e-7, DERIVATIVE_REL = 4e-7;

    private static double softplus(double z) { return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))); }

    private static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /** The points of the sweep: a grid of step 1e-4 over [-30, 30], random points, then 0, ±tiny and the ends. */
    private static float[] sweep() {
        int grid = 600_001, random = 1 << 16;
        float[] special = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 1e-7f, -1e-7f, 0.3465f, -0.3467f, 30f, -30f};
        int n = (grid + random + special.length + 7) / 8 * 8;
        float[] z = new float[n];
        Random r = new Random(8);
        int i = 0;
        for (int g = 0; g < grid; g++) z[i++] = (float) (-30 + 60.0 * g / (grid - 1));
        for (int g = 0; g < random; g++) z[i++] = (float) ((r.nextDouble() - 0.5) * 60);
        for (float s : special) z[i++] = s;
        while (i < n) z[i++] = 0f;
        return z;
    }

    @Test void softplusIsWithinItsStatedErrorOnMinus30To30() {
        float[] z = sweep(), y = new float[z.length], d = new float[z.length];
        VectorSoftplus.softplus(z, 0, y, 0, z.length);
        VectorSoftplus.derivativeFromOutput(y, 0, d, 0, z.length);
        double abs = 0, rel = 0, dRel = 0, dAbs = 0;
        for (int i = 0; i < z.length; i++) {
            double ref = Math.log1p(Math.exp(z[i])); // the definition, safe in double on [-30, 30]
            abs = Math.max(abs, Math.abs(y[i] - ref));
            rel = Math.max(rel, Math.abs(y[i] - ref) / ref);
            double s = sigmoid(z[i]);
            dAbs = Math.max(dAbs, Math.abs(d[i] - s));
            dRel = Math.max(dRel, Math.abs(d[i] - s) / s);
        }
        System.out.printf(java.util.Locale.ROOT, "softplus on [-30, 30]: max abs %.3g, max rel %.3g; derivative max abs %.3g, max rel %.3g%n", abs, rel, dAbs, dRel);
        assertTrue(rel < REL, "softplus max relative error " + rel);
        assertTrue(abs < 1e-6, "softplus max absolute error " + abs); // half an ulp of 30 is 9.5e-7
        assertTrue(dRel < DERIVATIVE_REL, "derivative max relative error " + dRel);
        assertEquals((float) Math.log(2), y[600_001 + (1 << 16)], 1e-7f, "softplus(0) = ln 2");
        assertEquals(0.5f, d[600_001 + (1 << 16)], 1e-7f, "sigmoid(0) = 1/2");
    }

    @Test void tailsOutTo1e4() {
        int n = 80_000;
        float[] z = new float[n], y = new float[n], d = new float[n];
        for (int i = 0; i < n; i++) z[i] = (float) ((i < n / 2 ? -1 : 1) * Math.pow(10, 4.0 * (i % (n / 2)) / (n / 2 - 1))); // ±[1, 1e4], log-spaced
        z[0] = -Float.MAX_VALUE; z[1] = Float.MAX_VALUE; z[2] = Float.NEGATIVE_INFINITY; z[3] = Float.POSITIVE_INFINITY;
        VectorSoftplus.softplus(z, 0, y, 0, n);
        VectorSoftplus.derivativeFromOutput(y, 0, d, 0, n);
        double relNormal = 0, absBelow = 0, dAbs = 0;
        for (int i = 0; i < n; i++) {
            double ref = softplus(z[i]), s = sigmoid(z[i]);
            assertTrue(y[i] >= 0, "softplus(" + z[i] + ") = " + y[i]);
            if (z[i] >= -87.3f && Double.isFinite(ref)) relNormal = Math.max(relNormal, Math.abs(y[i] - ref) / ref);
            if (z[i] < -87.3f) absBelow = Math.max(absBelow, Math.abs(y[i] - ref));
            if (z[i] > 20) assertEquals(z[i], y[i], "softplus(z) = z in float for large z");
            if (Double.isFinite(s)) dAbs = Math.max(dAbs, Math.abs(d[i] - s));
        }
        System.out.printf(java.util.Locale.ROOT, "softplus on |z| in [1, 1e4]: max rel %.3g down to -87.3, max abs %.3g below; derivative max abs %.3g%n", relNormal, absBelow, dAbs);
        assertTrue(relNormal < REL, "relative error down to -87.3: " + relNormal);
        assertTrue(absBelow < 1.3e-38, "absolute error below -87.3: " + absBelow);
        assertTrue(dAbs < 1e-7, "derivative absolute error " + dAbs);
        assertEquals(1f, d[1], "sigmoid(max) = 1");
        assertEquals(Float.POSITIVE_INFINITY, y[3]);
        assertTrue(d[0] < 1.3e-38, "sigmoid(-max) ~ 0: " + d[0]);
    }
}
