package dev.fields.ct;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CtMetricsTest {
    @Test void circleKeepsPixelsWithinHalfTheGrid() {
        int n = 256, inside = 0;
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) if (CtMetrics.inCircle(n, r, c)) inside++;
        assertEquals(Math.PI / 4, inside / (double) (n * n), 0.005);
        assertTrue(CtMetrics.inCircle(n, 128, 0) && !CtMetrics.inCircle(n, 0, 0));
    }

    @Test void psnrCountsOnlyTheCircleAndUsesTheTruthsPeak() {
        int n = 64;
        float[] truth = new float[n * n], image = new float[n * n];
        truth[32 * n + 32] = 2;
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) {
                image[r * n + c] = truth[r * n + c] + (CtMetrics.inCircle(n, r, c) ? 0.02f : 0.5f);
            }
        assertEquals(10 * Math.log10(4 / (0.02 * 0.02)), CtMetrics.psnrInCircle(image, truth, n), 1e-4);
        assertTrue(CtMetrics.psnr(image, truth) < 20, "the grid's PSNR sees the corners' error");
    }

    @Test void ssimIsOneForTheTruthAndScaleFree() {
        int n = 64;
        float[] truth = Phantom.modifiedSheppLogan().rasterize(PhantomTest.grid(n), 2), noisy = truth.clone(), scaledT = truth.clone(), scaledN = truth.clone();
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < noisy.length; i++) noisy[i] += (float) (0.05 * Gaussian.next(r));
        for (int i = 0; i < noisy.length; i++) { scaledT[i] = 3 * truth[i]; scaledN[i] = 3 * noisy[i]; }
        assertEquals(1, CtMetrics.ssimInCircle(truth, truth, n), 1e-12);
        double s = CtMetrics.ssimInCircle(noisy, truth, n);
        assertTrue(s < 0.9 && s > 0, "noise lowers SSIM: " + s);
        assertEquals(s, CtMetrics.ssimInCircle(scaledN, scaledT, n), 1e-5, "data range follows the truth's peak");
    }
}
