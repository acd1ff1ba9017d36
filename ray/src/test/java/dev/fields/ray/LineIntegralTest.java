package dev.fields.ray;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Projections against the analytic Radon transform of an ellipse, and the backward pass against central differences.
 *
 * <p>The ellipse has density ρ inside {@code (x'/a)² + (y'/b)² ≤ 1}, where {@code (x', y')} are the coordinates
 * relative to the centre {@code (x0, y0)} rotated by −φ. In those coordinates the ray (θ, s) is the line
 * {@code x' cos ψ + y' sin ψ = s'} with ψ = θ − φ and {@code s' = s − (x0 cosθ + y0 sinθ)}. Scaling {@code x' = a u,
 * y' = b v} maps the ellipse to the unit disc and the line to one at distance {@code s'/√A} from its centre,
 * {@code A = a² cos²ψ + b² sin²ψ}, where the chord is {@code 2 √(1 − s'²/A)}; a unit step along the line in
 * {@code (x', y')} is a step of {@code √A / (ab)} in {@code (u, v)}, so the chord in field units is
 * {@code p(θ, s) = 2ρab √(A − s'²) / A} for {@code s'² < A}, else 0.
 */
class LineIntegralTest {
    static final double RHO = 1.3, A = 0.5, B = 0.3, X0 = 0.2, Y0 = -0.15, PHI = 0.6;

    static double radon(double theta, double s) {
        double sp = s - (X0 * Math.cos(theta) + Y0 * Math.sin(theta)), psi = theta - PHI;
        double a2 = A * A * Math.cos(psi) * Math.cos(psi) + B * B * Math.sin(psi) * Math.sin(psi);
        return sp * sp >= a2 ? 0 : 2 * RHO * A * B * Math.sqrt(a2 - sp * sp) / a2;
    }

    static float[] ellipse(Samples s) {
        float[] mu = new float[s.count()], p = s.points();
        double c = Math.cos(PHI), sn = Math.sin(PHI);
        for (int j = 0; j < mu.length; j++) {
            double x = p[2 * j] - X0, y = p[2 * j + 1] - Y0, xr = c * x + sn * y, yr = -sn * x + c * y;
            mu[j] = (xr / A) * (xr / A) + (yr / B) * (yr / B) <= 1 ? (float) RHO : 0;
        }
        return mu;
    }

    /**
     * Midpoint rule on an indicator: a bin the boundary does not cross is exact, and a line crosses an ellipse's
     * boundary at most twice, so each projection is off by at most 2ρδ. Inside the unit square δ ≤ 2√2 / k, which at
     * k = 2048 bounds every error by 1.8e-3, 0.14% of the largest projection 2ρa = 1.3: the mean must be below 0.2%.
     */
    private static void assertRadon(Rays rays, Samples s, double[] theta, double[] offset, double meanBound) {
        float[] p = new float[rays.count()];
        LineIntegral.forward(s, ellipse(s), p);
        double sumErr = 0, max = 0;
        for (int r = 0; r < rays.count(); r++) {
            double want = radon(theta[r], offset[r]), err = Math.abs(p[r] - want);
            double bound = 2 * RHO * s.delta()[r * s.perRay()] + 1e-5;
            assertTrue(err <= bound, "ray " + r + ": " + p[r] + " vs " + want + " (bound " + bound + ")");
            sumErr += err;
            max = Math.max(max, want);
        }
        assertTrue(max > 1.0, "the views see the ellipse: " + max);
        double mean = sumErr / rays.count();
        assertTrue(mean < meanBound * max, "mean abs error " + mean + " vs max projection " + max);
    }

    @Test void parallelBeamProjectionsOfAnEllipseAreItsRadonTransform() {
        int views = 24, dets = 64, k = 2048;
        float[] angles = new float[views], offsets = new float[dets];
        for (int v = 0; v < views; v++) angles[v] = (float) (Math.PI * v / views);
        for (int j = 0; j < dets; j++) offsets[j] = (float) (-1.2 + 2.4 * (j + 0.5) / dets);
        Rays rays = new Rays(2).parallelBeam(angles, offsets, 1.5).clipToBox(new double[]{-1, -1}, new double[]{1, 1});
        Samples s = new StratifiedSampler(k).midpoints(rays, new Samples());
        double[] theta = new double[rays.count()], off = new double[rays.count()];
        for (int r = 0; r < rays.count(); r++) { theta[r] = angles[r / dets]; off[r] = offsets[r % dets]; }
        assertRadon(rays, s, theta, off, 0.002);
    }

    @Test void fanBeamProjectionsAreTheRebinnedRadonTransform() {
        double R = 3, D = 4.5;
        int views = 12, dets = 48, k = 2048;
        float[] angles = new float[views], u = new float[dets];
        for (int v = 0; v < views; v++) angles[v] = (float) (2 * Math.PI * v / views);
        for (int j = 0; j < dets; j++) u[j] = (float) (-2.2 + 4.4 * (j + 0.5) / dets);
        Rays rays = new Rays(2).fanBeam(angles, u, R, D).clipToBox(new double[]{-1, -1}, new double[]{1, 1});
        Samples s = new StratifiedSampler(k).midpoints(rays, new Samples());
        double[] theta = new double[rays.count()], off = new double[rays.count()];
        for (int r = 0; r < rays.count(); r++) {
            double gamma = Math.atan(u[r % dets] / D);
            theta[r] = angles[r / dets] + Math.PI / 2 - gamma;
            off[r] = R * Math.sin(gamma);
        }
        assertRadon(rays, s, theta, off, 0.002);
    }

    @Test void backwardMatchesCentralDifferences() {
        // a squared-error loss L = Σ ½ (p_r − y_r)², differentiated through the projections; ray 2 misses the box
        Rays rays = Rays.of(2, new float[]{-2, 0.3f, 0.1f, -2, 3, 3}, new float[]{1, 0.2f, 0.3f, 1, 1, 0})
                .clipToBox(new double[]{-1, -1}, new double[]{1, 1});
        assertFalse(rays.hit(2));
        Samples s = new StratifiedSampler(16).jittered(rays, new SplittableRandom(3), new Samples());
        SplittableRandom rnd = new SplittableRandom(4);
        float[] mu = new float[s.count()], y = {0.4f, -0.7f, 0.2f}, p = new float[3], dp = new float[3], dMu = new float[s.count()];
        for (int j = 0; j < mu.length; j++) mu[j] = (float) rnd.nextDouble(-1, 2);
        LineIntegral.forward(s, mu, p);
        double[] md = new double[mu.length];
        for (int j = 0; j < mu.length; j++) md[j] = mu[j];
        for (int r = 0; r < 3; r++) {
            assertEquals(project(s, md, r), p[r], 1e-6, "forward");
            dp[r] = p[r] - y[r];
        }
        LineIntegral.backward(s, dp, dMu);
        for (int j = 0; j < mu.length; j++) {
            double h = 1e-6, keep = md[j];
            md[j] = keep + h;
            double up = loss(s, md, y);
            md[j] = keep - h;
            double down = loss(s, md, y);
            md[j] = keep;
            double fd = (up - down) / (2 * h);
            assertEquals(fd, dMu[j], 1e-4 * Math.max(Math.abs(fd), 1e-3), "dL/dμ of sample " + j);
            if (j >= 32) assertEquals(0, dMu[j], 0, "a miss gets no gradient");
        }
    }

    private static double project(Samples s, double[] mu, int r) {
        double p = 0;
        for (int i = 0; i < s.perRay(); i++) p += mu[r * s.perRay() + i] * s.delta()[r * s.perRay() + i];
        return p;
    }

    private static double loss(Samples s, double[] mu, float[] y) {
        double l = 0;
        for (int r = 0; r < s.rays(); r++) { double e = project(s, mu, r) - y[r]; l += 0.5 * e * e; }
        return l;
    }
}
