package dev.fields.ray;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Bins, midpoints, jitter inside the bins, and zero-length segments for empty intervals. */
class StratifiedSamplerTest {
    /** Ray 0 crosses the cube over [2, 4]; ray 1 starts inside, [0, √2]; ray 2 misses. */
    static Rays threeRays() {
        return Rays.of(3, new float[]{-3, 0.2f, 0.1f, 0, 0, 0, -3, 2, 0}, new float[]{1, 0, 0, 1, 1, 0, 1, 0, 0})
                .clipToBox(RaysTest.CUBE_MIN, RaysTest.CUBE_MAX);
    }

    @Test void midpointsSitInTheMiddleOfEqualBins() {
        Rays rays = threeRays();
        int k = 8;
        Samples s = new StratifiedSampler(k).midpoints(rays, new Samples());
        assertEquals(3 * k * 3, s.points().length);
        for (int r = 0; r < 2; r++) {
            double near = rays.near()[r], far = rays.far()[r], delta = (far - near) / k, sum = 0;
            for (int i = 0; i < k; i++) {
                int j = r * k + i;
                assertEquals(near + (i + 0.5) * delta, s.t()[j], 1e-6);
                assertEquals(delta, s.delta()[j], 1e-7);
                sum += s.delta()[j];
                for (int c = 0; c < 3; c++)
                    assertEquals(rays.origins()[3 * r + c] + s.t()[j] * rays.directions()[3 * r + c], s.points()[3 * j + c], 1e-6);
            }
            assertEquals(far - near, sum, 1e-6, "the segments cover the interval");
        }
        assertEquals(2.125, s.t()[0], 1e-6);
        assertEquals(-3 + 2.125, s.points()[0], 1e-6);
    }

    @Test void missesGetZeroLengthSegmentsAtTheirOrigin() {
        Samples s = new StratifiedSampler(4).jittered(threeRays(), new SplittableRandom(1), new Samples());
        for (int i = 8; i < 12; i++) {
            assertEquals(0, s.delta()[i]);
            assertEquals(-3, s.points()[3 * i]);
            assertEquals(2, s.points()[3 * i + 1]);
        }
    }

    @Test void jitteredSamplesAreUniformInsideTheirBins() {
        int k = 32, n = 64;
        float[] o = new float[3 * n], d = new float[3 * n];
        for (int r = 0; r < n; r++) { o[3 * r] = -3; o[3 * r + 1] = -0.9f + 1.8f * r / n; d[3 * r] = 1; d[3 * r + 2] = 0.3f; }
        Rays rays = Rays.of(3, o, d).clipToBox(RaysTest.CUBE_MIN, RaysTest.CUBE_MAX);
        StratifiedSampler sampler = new StratifiedSampler(k);
        Samples a = sampler.jittered(rays, new SplittableRandom(7), new Samples());
        double mean = 0;
        for (int r = 0; r < n; r++) {
            double near = rays.near()[r], delta = (rays.far()[r] - near) / k;
            for (int i = 0; i < k; i++) {
                double u = (a.t()[r * k + i] - near) / delta - i;
                assertTrue(u >= -1e-4 && u <= 1 + 1e-4, "sample " + i + " of ray " + r + " in its bin: " + u);
                assertEquals(delta, a.delta()[r * k + i], 1e-6, "each sample stands for its bin");
                mean += u / (n * k);
            }
        }
        // 2048 uniform offsets: standard deviation of the mean 0.289 / 45 = 0.0064
        assertEquals(0.5, mean, 0.03);
        float[] first = a.t().clone();
        Samples b = sampler.jittered(rays, new SplittableRandom(7), new Samples());
        assertArrayEquals(first, b.t(), "the same seed draws the same samples");
        sampler.jittered(rays, new SplittableRandom(8), b);
        assertNotEquals(first[0], b.t()[0]);
    }

    @Test void unclippedRaysCannotBeSampled() {
        Rays rays = Rays.of(2, new float[]{0, 0}, new float[]{1, 0});
        assertThrows(IllegalStateException.class, () -> new StratifiedSampler(4).midpoints(rays, new Samples()));
    }
}
