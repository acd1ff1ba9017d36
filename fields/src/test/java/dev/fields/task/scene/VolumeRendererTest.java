package dev.fields.task.scene;

import dev.fields.ray.AlphaCompositor;
import dev.fields.ray.Rays;
import dev.fields.ray.Samples;
import dev.fields.ray.StratifiedSampler;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The evaluation renderer composites like the ray layer, and its culling and termination only drop what contributes nothing. */
class VolumeRendererTest {
    static final float[] BG = {1, 0.5f, 0.25f};

    /** A ball of radius 0.5, density 8 at the centre falling to 0 at its edge, coloured by position, empty elsewhere. */
    static final VolumeRenderer.Field BALL = (pts, n) -> {
        float[] out = new float[4 * n];
        for (int i = 0; i < n; i++) {
            double x = pts[3 * i], y = pts[3 * i + 1], z = pts[3 * i + 2];
            out[4 * i] = (float) (8 * Math.max(0, 1 - (x * x + y * y + z * z) / 0.25)); // zero outside, falling smoothly to the edge
            out[4 * i + 1] = (float) (0.5 + 0.5 * x);
            out[4 * i + 2] = (float) (0.5 + 0.5 * y);
            out[4 * i + 3] = (float) (0.5 + 0.5 * z);
        }
        return out;
    };

    private static Rays rays() {
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 200;
        float[] o = new float[3 * n], d = new float[3 * n];
        for (int r = 0; r < n; r++) {
            o[3 * r] = (float) rnd.nextDouble(-1, 1);
            o[3 * r + 1] = (float) rnd.nextDouble(-1, 1);
            o[3 * r + 2] = 3;
            d[3 * r] = (float) rnd.nextDouble(-0.2, 0.2);
            d[3 * r + 1] = (float) rnd.nextDouble(-0.2, 0.2);
            d[3 * r + 2] = -1;
        }
        return Rays.of(3, o, d).clipToBox(new double[]{-1, -1, -1}, new double[]{1, 1, 1});
    }

    @Test void withoutCullingOrTerminationItIsTheCompositorOnMidpoints() {
        Rays rays = rays();
        int k = 64;
        float[] got = new VolumeRenderer(k, null, BG, 0).render(rays, BALL);
        Samples s = new StratifiedSampler(k).midpoints(rays, new Samples());
        float[] out = BALL.at(s.points(), s.count()), sigma = new float[s.count()], rgb = new float[3 * s.count()], want = new float[3 * rays.count()];
        for (int j = 0; j < s.count(); j++) {
            sigma[j] = out[4 * j];
            System.arraycopy(out, 4 * j + 1, rgb, 3 * j, 3);
        }
        new AlphaCompositor(0, BG).forward(s, sigma, rgb, want, null, null);
        assertArrayEquals(want, got, 1e-5f);
    }

    @Test void anOccupancyGridAndEarlyTerminationChangeAlmostNothingAndSaveEvaluations() {
        Rays rays = rays();
        int k = 64;
        VolumeRenderer plain = new VolumeRenderer(k, null, BG, 0);
        float[] want = plain.render(rays, BALL);
        OccupancyGrid grid = new OccupancyGrid(new double[]{-1, -1, -1}, new double[]{1, 1, 1}, 16, 0.95, 0.01);
        grid.update((pts, n) -> {
            float[] v = BALL.at(pts, n), s = new float[n];
            for (int i = 0; i < n; i++) s[i] = v[4 * i];
            return s;
        }, new SplittableRandom(1), true);
        for (int pass = 0; pass < 3; pass++) grid.update((pts, n) -> {
            float[] v = BALL.at(pts, n), s = new float[n];
            for (int i = 0; i < n; i++) s[i] = v[4 * i];
            return s;
        }, new SplittableRandom(pass + 5), true);
        grid.dilate();
        VolumeRenderer fast = new VolumeRenderer(k, grid, BG, 1e-4);
        float[] got = fast.render(rays, BALL);
        double worst = 0;
        for (int i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]));
        assertTrue(worst < 5e-3, "largest colour change " + worst);
        assertTrue(fast.evaluations() < plain.evaluations() / 3, fast.evaluations() + " vs " + plain.evaluations() + " evaluations");
    }

    /**
     * A view-dependent (sh:1) ball: density as {@link #BALL}, colour coefficients fixed so that R follows the ray's z,
     * G its x and B only Y00. The renderer's colours are the compositor's over sigmoid(Σ c_k Y_k(ω)) per ray, with
     * Y00 = 1/(2√π), Y10 = √(3/4π) z, Y11 = −√(3/4π) x written out here.
     */
    @Test void aViewDependentFieldIsColouredAlongEachRaysDirection() {
        Rays rays = rays();
        int k = 32, o = 13;
        VolumeRenderer.Field shBall = (pts, n) -> {
            float[] ball = BALL.at(pts, n), out = new float[o * n];
            for (int i = 0; i < n; i++) {
                out[o * i] = ball[4 * i];
                out[o * i + 1 + 2] = 2f;          // R: 2 Y10
                out[o * i + 5 + 3] = -1.5f;       // G: -1.5 Y11
                out[o * i + 9] = 1f;              // B: Y00
            }
            return out;
        };
        float[] got = new VolumeRenderer(k, null, BG, 0, dev.fields.io.spec.ViewDependence.SH1).render(rays, shBall);
        Samples s = new StratifiedSampler(k).midpoints(rays, new Samples());
        float[] out = BALL.at(s.points(), s.count()), sigma = new float[s.count()], rgb = new float[3 * s.count()], want = new float[3 * rays.count()];
        double c0 = 0.5 / Math.sqrt(Math.PI), c1 = Math.sqrt(3 / (4 * Math.PI));
        for (int j = 0; j < s.count(); j++) {
            int r = j / k;
            float[] d = rays.directions();
            double len = Math.sqrt(d[3 * r] * d[3 * r] + d[3 * r + 1] * d[3 * r + 1] + d[3 * r + 2] * d[3 * r + 2]);
            double dx = d[3 * r] / len, dz = d[3 * r + 2] / len; // the ray's unit direction
            sigma[j] = out[4 * j];
            rgb[3 * j] = (float) sigmoid(2 * c1 * dz);
            rgb[3 * j + 1] = (float) sigmoid(-1.5 * -c1 * dx);
            rgb[3 * j + 2] = (float) sigmoid(c0);
        }
        new AlphaCompositor(0, BG).forward(s, sigma, rgb, want, null, null);
        assertArrayEquals(want, got, 1e-5f);
        // the same field without view dependence would be another picture: the direction matters
        double diff = 0;
        float[] flat = new VolumeRenderer(k, null, BG, 0).render(rays, BALL);
        for (int i = 0; i < got.length; i++) diff = Math.max(diff, Math.abs(got[i] - flat[i]));
        assertTrue(diff > 0.05, "largest difference " + diff);
    }

    private static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }
}
