package dev.fields.ct;

import dev.fields.io.UserError;
import dev.fields.io.ct.Geometry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FbpTest {
    private static final Phantom SL = Phantom.modifiedSheppLogan();

    private static float[] truth(int n) { return SL.rasterize(CtFixtures.parallel(n, 1), Phantom.SUPERSAMPLING); }

    private static double[] psnr(Geometry g, Fbp.Filter filter, float[] truth) {
        float[] rec = new Fbp(g, filter).reconstruct(SL.sinogram(g));
        return new double[]{CtMetrics.psnr(rec, truth), CtMetrics.psnrInCircle(rec, truth, g.gridSize())};
    }

    /**
     * CT.md's numpy anchors are full-grid PSNRs: this reconstruction reproduces them to 0.01 dB in numpy, so they are
     * held to 0.1 dB here; inside the circle the same images score higher (no streaks beyond it in the truth's zero).
     */
    @Test void reachesTheNumpyAnchors() {
        float[] truth = truth(256);
        double[][] cases = {{180, 0, 32.17}, {180, 1, 32.55}, {20, 0, 14.06}, {20, 1, 14.54}};
        for (double[] c : cases) {
            Fbp.Filter f = c[1] == 0 ? Fbp.Filter.RAM_LAK : Fbp.Filter.SHEPP_LOGAN;
            double[] p = psnr(CtFixtures.parallel(256, (int) c[0]), f, truth);
            System.out.printf("FBP %s, %d views: %.2f dB over the grid (anchor %.2f), %.2f dB in the circle%n", f.id(), (int) c[0], p[0], c[2], p[1]);
            assertEquals(c[2], p[0], 0.1, f.id() + " at " + (int) c[0] + " views");
            assertTrue(p[1] > p[0] - 0.5, "the circle excludes no better region than it keeps: " + p[1]);
        }
    }

    @Test void aCentredDiscReconstructsToItsDensityInside() {
        Phantom disc = new Phantom(List.of(new Ellipse(0.5, 0.6, 0.6, 0, 0, 0)), false);
        for (Geometry g : new Geometry[]{CtFixtures.parallel(128, 180), CtFixtures.fan(128, 360)}) {
            for (Fbp.Filter f : Fbp.Filter.values()) {
                float[] rec = new Fbp(g, f).reconstruct(disc.sinogram(g));
                int n = g.gridSize();
                double h = g.pixelSize(), c = (n - 1) / 2.0, sum = 0, worst = 0;
                int count = 0;
                for (int r = 0; r < n; r++)
                    for (int col = 0; col < n; col++) {
                        double x = (col - c) * h, y = (c - r) * h, rad = Math.hypot(x, y);
                        if (rad < 0.45) { sum += rec[r * n + col]; worst = Math.max(worst, Math.abs(rec[r * n + col] - 0.5)); count++; }
                        if (rad > 0.8 && rad < 1) worst = Math.max(worst, Math.abs(rec[r * n + col]));
                    }
                assertEquals(0.5, sum / count, 0.005, g.beam() + " " + f.id() + ": mean inside");
                assertTrue(worst < 0.02, g.beam() + " " + f.id() + ": worst deviation inside and outside the rim " + worst);
            }
        }
    }

    /** The fan scan sees the unit circle only (its detector ends there), so both are scored inside the circle. */
    @Test void fanBeamReconstructsThePhantomLikeParallel() {
        float[] truth = truth(256);
        Geometry g = CtFixtures.fan(256, 360);
        double fan = CtMetrics.psnrInCircle(new Fbp(g, Fbp.Filter.RAM_LAK).reconstruct(SL.sinogram(g)), truth, 256);
        double par = psnr(CtFixtures.parallel(256, 180), Fbp.Filter.RAM_LAK, truth)[1];
        System.out.printf("FBP ram-lak 256² in the circle: fan 360 views %.2f dB, parallel 180 views %.2f dB%n", fan, par);
        assertTrue(fan > par - 0.5, "fan " + fan + " vs parallel " + par);
    }

    @Test void windowsShapeTheRamp() {
        Geometry g = CtFixtures.parallel(64, 4);
        Fbp ramLak = new Fbp(g, Fbp.Filter.RAM_LAK);
        int p = ramLak.paddedLength(), half = p / 2;
        double tau = g.detectorSpacing();
        assertEquals(256, p, "the power of two at least twice 95 detectors");
        // the spatial kernel's DFT is the ramp |f| / τ away from DC (plus its small positive DC value 1/(4τ)·(1/N-ish))
        for (int k : new int[]{8, 40, 100}) assertEquals(k / (double) p / tau, ramLak.response(k), 0.01 / tau, "bin " + k);
        assertTrue(ramLak.response(0) > 0, "the spatial kernel keeps a positive DC gain");
        assertEquals(ramLak.response(7), ramLak.response(p - 7), 1e-9, "even");
        assertEquals(2 / Math.PI * ramLak.response(half), new Fbp(g, Fbp.Filter.SHEPP_LOGAN).response(half), 1e-9);
        assertEquals(0, new Fbp(g, Fbp.Filter.COSINE).response(half), 1e-9);
        assertEquals(0, new Fbp(g, Fbp.Filter.HANN).response(half), 1e-9);
        assertEquals(0.5 * ramLak.response(64), new Fbp(g, Fbp.Filter.HANN).response(64), 1e-9, "Hann at a quarter cycle");
        assertEquals(Fbp.Filter.SHEPP_LOGAN, Fbp.Filter.parse("Shepp-Logan"));
        assertThrows(UserError.class, () -> Fbp.Filter.parse("parzen"));
    }

    @Test void viewWeightsShareTheAngularRange() {
        double[] w = Fbp.viewWeights(new double[]{0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4}, Math.PI);
        assertArrayEquals(new double[]{Math.PI / 4, Math.PI / 4, Math.PI / 4, Math.PI / 4}, w, 1e-12);
        double[] twice = Fbp.viewWeights(new double[]{0, Math.PI / 2, Math.PI, 3 * Math.PI / 2}, Math.PI);
        assertEquals(Math.PI, twice[0] + twice[1] + twice[2] + twice[3], 1e-12, "a full circle of parallel views covers π once");
        double[] uneven = Fbp.viewWeights(new double[]{0, 0.1, 0.3}, Math.PI / 2);
        assertArrayEquals(new double[]{(0.1 + (Math.PI / 2 - 0.3)) / 2, 0.15, (0.2 + (Math.PI / 2 - 0.3)) / 2}, uneven, 1e-12);
    }
}
