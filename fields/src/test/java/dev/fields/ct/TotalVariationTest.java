package dev.fields.ct;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TotalVariationTest {
    @Test void gradientMatchesCentralDifferences() {
        int n = 7;
        SplittableRandom rng = new SplittableRandom(3);
        float[] v = new float[n * n], g = new float[n * n], scratch = new float[n * n];
        for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextDouble();
        TotalVariation.valueAndGradient(v, n, g);
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            float keep = v[i];
            double h = 1e-3;
            v[i] = (float) (keep + h);
            double up = TotalVariation.valueAndGradient(v, n, scratch);
            v[i] = (float) (keep - h);
            double down = TotalVariation.valueAndGradient(v, n, scratch);
            v[i] = keep;
            double fd = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - g[i]) / Math.max(1e-3, Math.abs(fd)));
        }
        assertEquals(0, worst, 2e-2, "worst relative error of dTV/dv against central differences");
    }

    @Test void analyticValues() {
        int n = 4;
        float[] flat = new float[n * n], g = new float[n * n];
        java.util.Arrays.fill(flat, 0.3f);
        assertEquals(Math.sqrt(TotalVariation.EPS), TotalVariation.valueAndGradient(flat, n, g), 1e-12, "a constant image has (almost) no variation");
        // a ramp v = c along columns: every forward difference is (1, 0), so TV = 1 per pixel pair
        float[] ramp = new float[n * n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) ramp[r * n + c] = c;
        assertEquals(Math.sqrt(1 + TotalVariation.EPS), TotalVariation.valueAndGradient(ramp, n, g), 1e-9);
        // a vertical step of height 1 between columns 1 and 2: only the (n−1) pairs at column 1 vary, TV = (n−1)/(n−1)²
        float[] step = new float[n * n];
        for (int r = 0; r < n; r++) for (int c = 2; c < n; c++) step[r * n + c] = 1;
        double expected = ((n - 1) * Math.sqrt(1 + TotalVariation.EPS) + (n - 1) * (n - 2) * Math.sqrt(TotalVariation.EPS)) / ((n - 1) * (n - 1));
        assertEquals(expected, TotalVariation.valueAndGradient(step, n, g), 1e-9);
    }
}
