package dev.fields.ray;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Ray–box clipping against analytic hits, and the CT beam geometries against their stated conventions. */
class RaysTest {
    static final double[] CUBE_MIN = {-1, -1, -1}, CUBE_MAX = {1, 1, 1};

    private static Rays clip(float[] o, float[] d, double[] lo, double[] hi) {
        return Rays.of(lo.length, o, d).clipToBox(lo, hi);
    }

    private static void assertInterval(Rays rays, int r, double near, double far) {
        assertTrue(rays.hit(r), "ray " + r + " hits");
        assertEquals(near, rays.near()[r], 1e-6, "near of ray " + r);
        assertEquals(far, rays.far()[r], 1e-6, "far of ray " + r);
    }

    private static void assertMiss(Rays rays, int r) {
        assertFalse(rays.hit(r), "ray " + r + " misses");
        assertTrue(rays.near()[r] > rays.far()[r], "a miss has an empty interval");
    }

    @Test void axisRaysEnterAndLeaveAtTheFaces() {
        Rays rays = clip(new float[]{-3, 0, 0, 0, 5, 0.5f, 0.2f, 0.3f, -4}, new float[]{2, 0, 0, 0, -1, 0, 0, 0, 7}, CUBE_MIN, CUBE_MAX);
        assertInterval(rays, 0, 2, 4);
        assertInterval(rays, 1, 4, 6);
        assertInterval(rays, 2, 3, 5);
        assertEquals(1, rays.directions()[0], 0, "directions are normalized");
    }

    @Test void diagonalRaysInABoxThatIsNotACube() {
        double[] lo = {0, 0, 0}, hi = {1, 2, 3};
        // (−1, 0.5, 1) + s (1, 1, 0): x ∈ [0, 1] for s ∈ [1, 2], y ∈ [0, 2] for s ∈ [−0.5, 1.5], z = 1 inside
        Rays rays = clip(new float[]{-1, 0.5f, 1, -2, -2, -2}, new float[]{1, 1, 0, 1, 1, 1}, lo, hi);
        assertInterval(rays, 0, Math.sqrt(2), 1.5 * Math.sqrt(2));
        // (−2, −2, −2) + s (1, 1, 1): enters at s = 2 (the corner), leaves at s = 3 (x = 1)
        assertInterval(rays, 1, 2 * Math.sqrt(3), 3 * Math.sqrt(3));
    }

    @Test void raysFromInsideStartAtTheirOrigin() {
        Rays rays = clip(new float[]{0, 0, 0, 0.5f, -0.5f, 0.25f}, new float[]{0, 0, 1, -1, 2, 0}, CUBE_MIN, CUBE_MAX);
        assertInterval(rays, 0, 0, 1);
        // (0.5, −0.5, 0.25) + s (−1, 2, 0) reaches y = 1 at s = 0.75, before x = −1 at s = 1.5
        assertInterval(rays, 1, 0, 0.75 * Math.sqrt(5));
    }

    @Test void missesAreFlaggedWithAnEmptyInterval() {
        Rays rays = clip(new float[]{-3, 0, 0, 3, 0, 0, -3, 2, 0, -3, 0, 0},
                new float[]{1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, -1}, CUBE_MIN, CUBE_MAX);
        assertMiss(rays, 0); // the line y = x + 3 passes the corner (−1, 1) at distance 1/√2
        assertMiss(rays, 1); // the box is behind the origin
        assertMiss(rays, 2); // parallel to the y slab, outside it
        assertMiss(rays, 3); // parallel to x and y slabs, outside x
        assertEquals(Rays.MISS_NEAR, rays.near()[0]);
        assertEquals(Rays.MISS_FAR, rays.far()[0]);
    }

    @Test void raysParallelToASlabInsideItAreUnconstrainedByIt() {
        // on the face y = 1 (closed box), and with a negative-zero component
        Rays rays = clip(new float[]{-3, 1, 0, 0.5f, -3, 0.5f}, new float[]{1, 0, 0, -0.0f, 1, 0}, CUBE_MIN, CUBE_MAX);
        assertInterval(rays, 0, 2, 4);
        assertInterval(rays, 1, 2, 4);
    }

    @Test void clippingTwiceIntersectsTheIntervals() {
        Rays rays = clip(new float[]{-3, 0, 0}, new float[]{1, 0, 0}, CUBE_MIN, CUBE_MAX);
        rays.clipToBox(new double[]{0, -1, -1}, new double[]{5, 1, 1});
        assertInterval(rays, 0, 3, 4);
        rays.clipToBox(new double[]{2, -1, -1}, new double[]{5, 1, 1});
        assertMiss(rays, 0);
    }

    @Test void planeRaysClipToARectangle() {
        Rays rays = clip(new float[]{-2, 0.5f, 0, 0}, new float[]{1, 0, 1, 1}, new double[]{-1, -1}, new double[]{1, 1});
        assertInterval(rays, 0, 1, 3);
        assertInterval(rays, 1, 0, Math.sqrt(2));
    }

    @Test void degenerateDirectionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Rays.of(3, new float[3], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new Rays(4));
    }

    @Test void parallelBeamRaysAreTheLinesOfTheRadonTransform() {
        float[] angles = {0, 0.7f, 2.5f}, offsets = {-0.8f, 0, 0.3f};
        double radius = 1.6;
        Rays rays = new Rays(2).parallelBeam(angles, offsets, radius);
        assertEquals(9, rays.count());
        for (int v = 0; v < 3; v++)
            for (int j = 0; j < 3; j++) {
                int r = v * 3 + j;
                double c = Math.cos(angles[v]), s = Math.sin(angles[v]);
                double ox = rays.origins()[2 * r], oy = rays.origins()[2 * r + 1], dx = rays.directions()[2 * r], dy = rays.directions()[2 * r + 1];
                assertEquals(-s, dx, 1e-7);
                assertEquals(c, dy, 1e-7);
                assertEquals(offsets[j], ox * c + oy * s, 1e-6, "the ray lies on x cosθ + y sinθ = s");
                assertEquals(offsets[j] * c, ox + radius * dx, 1e-6, "closest to the centre at t = radius");
                assertEquals(offsets[j] * s, oy + radius * dy, 1e-6);
                assertEquals(0, rays.near()[r]);
                assertEquals(2 * radius, rays.far()[r], 1e-6);
            }
        // at θ = 0 the rays run along +y at x = s
        assertEquals(-0.8f, rays.origins()[0], 1e-6);
    }

    @Test void fanBeamCentralRayPassesThroughTheCentre() {
        double R = 3, D = 5;
        float[] angles = {0, 0.4f, 2f, -2.9f};
        Rays rays = new Rays(2).fanBeam(angles, new float[]{0}, R, D);
        for (int v = 0; v < angles.length; v++) {
            double ox = rays.origins()[2 * v], oy = rays.origins()[2 * v + 1], dx = rays.directions()[2 * v], dy = rays.directions()[2 * v + 1];
            assertEquals(R * Math.cos(angles[v]), ox, 1e-6);
            assertEquals(R * Math.sin(angles[v]), oy, 1e-6);
            assertEquals(0, ox * dy - oy * dx, 1e-6, "distance of the central ray from the origin");
            assertTrue(ox * dx + oy * dy < 0, "the central ray points at the centre");
        }
    }

    @Test void fanBeamDetectorOffsetsMapToTheFanAngle() {
        double R = 3, D = 5;
        float theta = 0.9f;
        float[] u = {-2, -0.5f, 0.75f, 3};
        Rays rays = new Rays(2).fanBeam(new float[]{theta}, u, R, D);
        double c = Math.cos(theta), s = Math.sin(theta);
        for (int j = 0; j < u.length; j++) {
            double dx = rays.directions()[2 * j], dy = rays.directions()[2 * j + 1];
            double gamma = Math.atan(u[j] / D);
            double polar = Math.atan2(dy, dx), want = theta + Math.PI - gamma;
            assertEquals(0, Math.IEEEremainder(polar - want, 2 * Math.PI), 1e-6, "polar angle θ + π − atan(u/D)");
            assertEquals(Math.cos(gamma), -(dx * c + dy * s), 1e-6, "angle to the central ray");
            // the ray ends on the detector point S − D (cosθ, sinθ) + u (−sinθ, cosθ)
            double far = rays.far()[j];
            assertEquals(R * c - D * c - u[j] * s, rays.origins()[2 * j] + far * dx, 1e-5);
            assertEquals(R * s - D * s + u[j] * c, rays.origins()[2 * j + 1] + far * dy, 1e-5);
            // the same line as the parallel-beam ray (θ + π/2 − γ, R sin γ)
            Rays par = new Rays(2).parallelBeam(new float[]{(float) (theta + Math.PI / 2 - gamma)}, new float[]{(float) (R * Math.sin(gamma))}, 4);
            assertEquals(par.directions()[0], dx, 1e-6);
            assertEquals(par.directions()[1], dy, 1e-6);
            double phi = theta + Math.PI / 2 - gamma;
            assertEquals(R * Math.sin(gamma), rays.origins()[2 * j] * Math.cos(phi) + rays.origins()[2 * j + 1] * Math.sin(phi), 1e-6);
        }
    }
}
