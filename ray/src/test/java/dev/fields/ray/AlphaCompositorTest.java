package dev.fields.ray;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Compositing against a double-precision transcription of the tracers' loop, and its backward pass against central
 * differences of that loop: rays that terminate early, a ray that misses, negative densities, the background term.
 */
class AlphaCompositorTest {
    static final float[] BG = {0.2f, 0.5f, 0.9f};
    static final int K = 12;

    /** CpuTracer's compositing loop in double, for one ray: r, g, b (background included), opacity, depth. */
    static double[] reference(Samples s, double[] sigma, double[] rgb, double threshold, int r) {
        double T = 1, cr = 0, cg = 0, cb = 0, z = 0;
        for (int i = 0; i < s.perRay(); i++) {
            int j = r * s.perRay() + i;
            double a = 1 - Math.exp(-Math.max(sigma[j], 0) * s.delta()[j]);
            cr += T * a * rgb[3 * j];
            cg += T * a * rgb[3 * j + 1];
            cb += T * a * rgb[3 * j + 2];
            z += T * a * s.t()[j];
            T *= 1 - a;
            if (T < threshold) break;
        }
        return new double[]{cr + T * BG[0], cg + T * BG[1], cb + T * BG[2], 1 - T, z};
    }

    /** Transmittance before each sample of ray r without termination. */
    static double[] transmittances(Samples s, double[] sigma, int r) {
        double[] T = new double[s.perRay() + 1];
        T[0] = 1;
        for (int i = 0; i < s.perRay(); i++) T[i + 1] = T[i] * Math.exp(-Math.max(sigma[r * s.perRay() + i], 0) * s.delta()[r * s.perRay() + i]);
        return T;
    }

    /** L = Σ_r g_r · C_r + g_opacity,r O_r + g_depth,r D_r. */
    static double loss(Samples s, double[] sigma, double[] rgb, double threshold, float[] g) {
        double l = 0;
        for (int r = 0; r < s.rays(); r++) {
            double[] o = reference(s, sigma, rgb, threshold, r);
            for (int c = 0; c < 5; c++) l += g[5 * r + c] * o[c];
        }
        return l;
    }

    /** Ray 0 moderate density, 1 dense (terminates), 2 misses, 3 with negative densities, 4 nearly transparent. */
    static Samples samples() {
        Rays rays = Rays.of(3, new float[]{-3, 0.1f, 0.2f, -3, -0.3f, 0, -3, 3, 0, 0.2f, -3, 0.4f, 0, 0, 0},
                new float[]{1, 0.1f, 0, 1, 0, 0.2f, 1, 0, 0, 0, 1, 0.1f, 0.3f, 0.4f, 1}).clipToBox(RaysTest.CUBE_MIN, RaysTest.CUBE_MAX);
        assertFalse(rays.hit(2));
        return new StratifiedSampler(K).jittered(rays, new SplittableRandom(11), new Samples());
    }

    static float[] densities(Samples s) {
        SplittableRandom rnd = new SplittableRandom(12);
        float[] sigma = new float[s.count()];
        for (int i = 0; i < K; i++) {
            sigma[i] = (float) rnd.nextDouble(0, 1.5);
            sigma[K + i] = (float) rnd.nextDouble(3, 8);
            sigma[2 * K + i] = (float) rnd.nextDouble(0, 5);
            sigma[3 * K + i] = (float) (i % 3 == 0 ? -rnd.nextDouble(0.1, 2) : rnd.nextDouble(0.1, 3));
            sigma[4 * K + i] = (float) rnd.nextDouble(0, 0.05);
        }
        return sigma;
    }

    static float[] colours(Samples s) {
        SplittableRandom rnd = new SplittableRandom(13);
        float[] c = new float[3 * s.count()];
        for (int j = 0; j < c.length; j++) c[j] = (float) rnd.nextDouble();
        return c;
    }

    static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    @Test void forwardIsTheTracersLoop() {
        Samples s = samples();
        float[] sigma = densities(s), rgb = colours(s), colour = new float[15], opacity = new float[5], depth = new float[5];
        for (double thr : new double[]{AlphaCompositor.DEFAULT_THRESHOLD, 0}) {
            AlphaCompositor comp = new AlphaCompositor(thr, BG);
            comp.forward(s, sigma, rgb, colour, opacity, depth);
            for (int r = 0; r < 5; r++) {
                double[] want = reference(s, widen(sigma), widen(rgb), thr, r);
                for (int c = 0; c < 3; c++) assertEquals(want[c], colour[3 * r + c], 1e-6, "colour of ray " + r);
                assertEquals(want[3], opacity[r], 1e-6, "opacity of ray " + r);
                assertEquals(want[4], depth[r], 1e-6, "depth of ray " + r);
                double sum = 0;
                for (int i = 0; i < K; i++) sum += comp.weights()[r * K + i];
                assertEquals(opacity[r], sum, 1e-6, "opacity is the sum of the weights");
                assertEquals(1 - opacity[r], comp.transmittance()[r], 1e-6);
            }
            int used = comp.samplesUsed()[1];
            if (thr > 0) {
                assertTrue(used < K, "the dense ray terminates early: " + used);
                for (int i = used; i < K; i++) assertEquals(0, comp.weights()[K + i], "no weight after termination");
            } else assertEquals(K, used, "threshold 0 composites every sample");
            for (int c = 0; c < 3; c++) assertEquals(BG[c], colour[6 + c], "a miss shows the background");
            assertEquals(0, opacity[2]);
        }
        assertEquals(0.01, AlphaCompositor.DEFAULT_THRESHOLD, "tracer.glsl and CpuTracer stop at T < 0.01");
    }

    @Test void backwardMatchesCentralDifferences() {
        Samples s = samples();
        float[] sigma = densities(s), rgb = colours(s);
        SplittableRandom rnd = new SplittableRandom(14);
        float[] g = new float[25];
        for (int i = 0; i < g.length; i++) g[i] = (float) rnd.nextDouble(-1, 1);
        float[] dC = new float[15], dO = new float[5], dZ = new float[5];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) dC[3 * r + c] = g[5 * r + c];
            dO[r] = g[5 * r + 3];
            dZ[r] = g[5 * r + 4];
        }
        double[] sd = widen(sigma), cd = widen(rgb);
        for (double thr : new double[]{AlphaCompositor.DEFAULT_THRESHOLD, 0}) {
            // finite differences must not move the termination point: every transmittance keeps its side of the threshold
            for (int r = 0; r < 5; r++)
                for (double T : transmittances(s, sd, r)) assertTrue(thr == 0 || Math.abs(T - thr) > 1e-4, "T = " + T + " too close to the threshold");
            AlphaCompositor comp = new AlphaCompositor(thr, BG);
            comp.forward(s, sigma, rgb, new float[15], new float[5], new float[5]);
            float[] dSigma = new float[s.count()], dRgb = new float[3 * s.count()];
            comp.backward(s, sigma, rgb, dC, dO, dZ, dSigma, dRgb);
            int zeroAfterTermination = 0;
            for (int j = 0; j < s.count(); j++) {
                assertGradient(fd(s, sd, cd, j, thr, g, true), dSigma[j], "dL/dσ of sample " + j + " (threshold " + thr + ")");
                for (int c = 0; c < 3; c++)
                    assertGradient(fd(s, sd, cd, 3 * j + c, thr, g, false), dRgb[3 * j + c], "dL/dc of sample " + j);
                if (j / K == 2) assertEquals(0, dSigma[j], 0, "a miss gets no gradient");
                if (j / K == 3 && sigma[j] < 0) assertEquals(0, dSigma[j], 0, "negative densities are clamped");
                if (j / K == 1 && j % K >= comp.samplesUsed()[1]) { assertEquals(0, dSigma[j], 0); zeroAfterTermination++; }
            }
            assertEquals(thr > 0, zeroAfterTermination > 0, "samples after termination get zero gradient");
        }
        // the background term alone: with black samples and only dL/dC_red on ray 4, dL/dσ_i = −δ_i T bg_red
        java.util.Arrays.fill(rgb, 4 * K * 3, 5 * K * 3, 0f);
        float[] onlyBg = new float[15], dSigma = new float[s.count()], dRgb = new float[3 * s.count()];
        onlyBg[12] = 1;
        AlphaCompositor comp = new AlphaCompositor(0, BG);
        comp.forward(s, sigma, rgb, new float[15], null, null);
        comp.backward(s, sigma, rgb, onlyBg, null, null, dSigma, dRgb);
        assertTrue(comp.transmittance()[4] > 0.9, "ray 4 sees the background: " + comp.transmittance()[4]);
        for (int i = 0; i < K; i++)
            assertEquals(-s.delta()[4 * K + i] * comp.transmittance()[4] * BG[0], dSigma[4 * K + i], 1e-7, "background gradient of sample " + i);
    }

    private static double fd(Samples s, double[] sigma, double[] rgb, int index, double thr, float[] g, boolean density) {
        double[] x = density ? sigma : rgb;
        double h = 1e-6, keep = x[index];
        x[index] = keep + h;
        double up = loss(s, sigma, rgb, thr, g);
        x[index] = keep - h;
        double down = loss(s, sigma, rgb, thr, g);
        x[index] = keep;
        return (up - down) / (2 * h);
    }

    private static void assertGradient(double fd, float got, String what) {
        assertEquals(fd, got, 1e-4 * Math.max(Math.abs(fd), 1e-4), what + ": " + got + " vs " + fd);
    }

    @Test void backwardNeedsTheForwardOfTheSameBatch() {
        Samples s = samples();
        AlphaCompositor comp = new AlphaCompositor(BG);
        float[] sigma = densities(s), rgb = colours(s);
        assertThrows(IllegalStateException.class, () -> comp.backward(s, sigma, rgb, new float[15], null, null, new float[s.count()], new float[3 * s.count()]));
    }
}
