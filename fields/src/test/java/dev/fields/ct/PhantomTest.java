package dev.fields.ct;

import dev.fields.io.UserError;
import dev.fields.io.ct.Geometry;
import dev.fields.ray.Rays;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PhantomTest {
    private static final Phantom SL = Phantom.modifiedSheppLogan();

    @Test void analyticProjectionMatchesTheReferenceVectors() {
        assertEquals(0.51460000, SL.project(0, 0), 1e-7);
        assertEquals(0.20767596, SL.project(0, Math.toRadians(90)), 1e-7);
        assertEquals(0.36166776, SL.project(0.25, Math.toRadians(45)), 1e-7);
        assertEquals(0.35076158, SL.project(0.5, 0), 1e-7);
        assertEquals(0.32775254, SL.project(-0.4, Math.toRadians(135)), 1e-7);
    }

    @Test void rowNineIsPinnedAtMinus0606() {
        Ellipse e = SL.ellipses().get(8);
        assertEquals(-0.606, e.y0());
        assertEquals(0.023, e.a());
    }

    @Test void everyProjectionIntegratesToThePhantomsMass() {
        assertEquals(0.4952646, SL.mass(), 1e-7);
        int n = 400_000;
        double lo = -1.2, step = 2.4 / n;
        for (double theta : new double[]{0, 0.3, 1.2, Math.PI / 2, 2.5, 4}) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += SL.project(lo + (i + 0.5) * step, theta);
            assertEquals(0.4952646, sum * step, 1e-6, "θ = " + theta);
        }
    }

    @Test void fanProjectionIsTheParallelProjectionOfTheSameLine() {
        double r = 3, d = 5;
        Geometry g = new Geometry(Geometry.Beam.FAN, new double[]{0, 0.7, 2.1, 4.0, 5.9}, 61, 0.1, 0.03, r, d, 64, 2.0 / 64);
        float[] sino = SL.sinogram(g);
        float[] angles = new float[g.views()], u = new float[g.detectors()];
        for (int v = 0; v < angles.length; v++) angles[v] = (float) g.angles()[v];
        for (int j = 0; j < u.length; j++) u[j] = (float) g.detector(j);
        Rays rays = new Rays(2).fanBeam(angles, u, r, d);
        int nonZero = 0;
        for (int i = 0; i < rays.count(); i++) {
            double ox = rays.origins()[2 * i], oy = rays.origins()[2 * i + 1], dx = rays.directions()[2 * i], dy = rays.directions()[2 * i + 1];
            // CT.md: n = (−u_y, u_x) = (cosθ, sinθ), θ = atan2(u_x, −u_y), t = S·n
            double theta = Math.atan2(dx, -dy), t = ox * -dy + oy * dx;
            assertEquals(SL.project(t, theta), sino[i], 2e-5, "ray " + i);
            if (sino[i] > 0.05) nonZero++;
        }
        assertTrue(nonZero > rays.count() / 3, nonZero + " of " + rays.count() + " rays cross the phantom");
        // and by brute force along a few of the rays themselves
        for (int i : new int[]{30, 61 + 12, 2 * 61 + 45, 4 * 61 + 29}) {
            double ox = rays.origins()[2 * i], oy = rays.origins()[2 * i + 1], dx = rays.directions()[2 * i], dy = rays.directions()[2 * i + 1];
            int k = 400_000;
            double len = rays.far()[i], step = len / k, sum = 0;
            for (int s = 0; s < k; s++) {
                double t = (s + 0.5) * step;
                sum += SL.density(ox + t * dx, oy + t * dy);
            }
            assertEquals(sum * step, sino[i], 3e-4, "ray " + i);
        }
    }

    @Test void rasterIsOrientedWithRowZeroAtTheTop() {
        int n = 200;
        Geometry g = grid(n);
        float[] img = SL.rasterize(g, 1);
        double h = 2.0 / n;
        // pixel centres: x = (c − 99.5) h, y = (99.5 − r) h; ellipse 5 sits at y = +0.35: density 1 − 0.8 + 0.1
        int r = (int) Math.round(99.5 - 0.35 / h), c = (int) Math.round(99.5);
        assertEquals(0.3, img[r * n + c], 1e-6);
        assertEquals(SL.density((c - 99.5) * h, (99.5 - r) * h), img[r * n + c], 1e-6);
        int mirrored = n - 1 - r;
        assertEquals(0.2, img[mirrored * n + c], 1e-6, "below the centre there is no ellipse 5");
        assertEquals(0f, img[0], "corner outside the skull");
    }

    @Test void supersampledRasterConservesMassAndStaysInRange() {
        int n = 256;
        float[] img = SL.rasterize(grid(n), Phantom.SUPERSAMPLING);
        double sum = 0, min = 1, max = 0;
        for (float v : img) { sum += v; min = Math.min(min, v); max = Math.max(max, v); }
        double h = 2.0 / n;
        assertEquals(0.4952646, sum * h * h, 5e-4);
        assertEquals(0, min, 1e-6);
        assertEquals(1, max, 1e-6);
    }

    @Test void randomFamilyIsSeededAndPerturbsEveryEntry() {
        Phantom a = Phantom.random(7), b = Phantom.parse("random:7"), c = Phantom.random(8);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertTrue(a.clipped());
        double sq = 0;
        for (int i = 0; i < 10; i++) {
            Ellipse p = a.ellipses().get(i), q = SL.ellipses().get(i);
            double[] d = {p.density() - q.density(), p.a() - q.a(), p.b() - q.b(), p.x0() - q.x0(), p.y0() - q.y0(), p.phi() - q.phi()};
            for (double x : d) { assertNotEquals(0, x); sq += x * x; }
        }
        double sd = Math.sqrt(sq / 60);
        assertTrue(sd > 0.035 && sd < 0.065, "perturbations have standard deviation 1/20, measured " + sd);
        float[] img = a.rasterize(grid(64), 2);
        for (float v : img) assertTrue(v >= 0 && v <= 1, "clipped to [0, 1]: " + v);
    }

    @Test void randomPhantomOfASeedIsPinned() {
        Ellipse e = Phantom.random(7).ellipses().get(0);
        assertArrayEquals(new double[]{PIN[0], PIN[1], PIN[2], PIN[3], PIN[4], PIN[5]},
                new double[]{e.density(), e.a(), e.b(), e.x0(), e.y0(), e.phi()}, 1e-12);
    }

    /** Ellipse 1 of random:7, computed outside Java from SplitMix64 (SplittableRandom's algorithm) and Box–Muller. */
    private static final double[] PIN = {1.0494237166159368, 0.5967872096634386, 0.9201960103607595,
            -0.026463535023709572, -0.022948480887043127, 0.022640760894203856};

    @Test void unknownNamesAreUserErrors() {
        assertEquals(SL, Phantom.parse("Shepp-Logan"));
        assertThrows(UserError.class, () -> Phantom.parse("random:x"));
        assertThrows(UserError.class, () -> Phantom.parse("disc"));
    }

    @Test void chordEndsLieOnTheEllipseAndItsLengthIsTheProjection() {
        Ellipse e = new Ellipse(0.7, 0.5, 0.2, 0.1, -0.3, 0.6);
        int hits = 0;
        for (double theta : new double[]{0, 0.4, 1.3, 2.9, 4.4})
            for (double t = -0.9; t <= 0.9; t += 0.05) {
                double[] ch = e.chord(t, theta);
                if (ch == null) { assertEquals(0, e.project(t, theta)); continue; }
                hits++;
                assertEquals(e.project(t, theta), e.density() * (ch[1] - ch[0]), 1e-12);
                double nx = Math.cos(theta), ny = Math.sin(theta);
                for (double u : ch) {
                    double x = t * nx - u * ny, y = t * ny + u * nx;
                    double c = Math.cos(e.phi()), s = Math.sin(e.phi()), dx = x - e.x0(), dy = y - e.y0();
                    double p = dx * c + dy * s, q = -dx * s + dy * c;
                    assertEquals(1, p * p / (e.a() * e.a()) + q * q / (e.b() * e.b()), 1e-9, "a chord end is on the boundary");
                }
            }
        assertTrue(hits > 40, hits + " lines cross the ellipse");
    }

    @Test void clippedProjectionIsTheLineIntegralOfTheClippedDensity() {
        Phantom p = Phantom.random(3);
        Phantom unclipped = new Phantom(p.ellipses(), false);
        double largest = 0;
        for (double theta : new double[]{0.2, 1.1, 2.0, 3.0})
            for (double t : new double[]{-0.62, -0.3, -0.05, 0.17, 0.44, 0.7}) {
                int k = 200_000;
                double lo = -1.5, step = 3.0 / k, sum = 0, nx = Math.cos(theta), ny = Math.sin(theta);
                for (int i = 0; i < k; i++) {
                    double u = lo + (i + 0.5) * step;
                    sum += p.density(t * nx - u * ny, t * ny + u * nx);
                }
                assertEquals(sum * step, p.project(t, theta), 2e-4, "θ " + theta + ", t " + t);
                largest = Math.max(largest, Math.abs(unclipped.project(t, theta) - p.project(t, theta)));
            }
        assertTrue(largest > 0.01, "clipping changes some of random:3's line integrals (largest change " + largest + ")");
        // on a phantom that stays in [0, 1] clipping changes nothing
        Phantom sl = new Phantom(SL.ellipses(), true);
        for (double theta : new double[]{0, 0.7, 2.2})
            for (double t = -0.95; t <= 0.95; t += 0.1) assertEquals(SL.project(t, theta), sl.project(t, theta), 1e-12);
    }

    static Geometry grid(int n) {
        return new Geometry(Geometry.Beam.PARALLEL, new double[]{0}, 1, 1, 0, 0, 0, n, 2.0 / n);
    }
}
