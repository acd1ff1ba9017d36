package dev.fields.ct;

import dev.fields.io.ct.Geometry;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SystemMatrixTest {
    private static final Phantom SL = Phantom.modifiedSheppLogan();

    private static double projectionError(Geometry g) {
        float[] y = new float[g.views() * g.detectors()];
        SystemMatrix.of(g).forward(SL.rasterize(g, Phantom.SUPERSAMPLING), y);
        return CtFixtures.relativeL2(y, SL.sinogram(g));
    }

    @Test void projectsTheRasterizedPhantomToTheAnalyticSinogram() {
        double e = projectionError(CtFixtures.parallel(256, 20));
        System.out.printf("relative L2 error, 256², 20 views: %.5f%n", e);
        assertTrue(e < 0.02, "relative L2 error " + e);
        double fan = projectionError(CtFixtures.fan(256, 24));
        System.out.printf("relative L2 error, 256², 24 fan views: %.5f%n", fan);
        assertTrue(fan < 0.02, "fan: relative L2 error " + fan);
    }

    @Test void projectionErrorFallsWithResolution() {
        double e128 = projectionError(CtFixtures.parallel(128, 8)), e256 = projectionError(CtFixtures.parallel(256, 8)),
                e512 = projectionError(CtFixtures.parallel(512, 8));
        System.out.printf("relative L2 error at 8 views: 128² %.5f, 256² %.5f, 512² %.5f%n", e128, e256, e512);
        assertTrue(e256 < 0.8 * e128 && e512 < 0.8 * e256, e128 + " " + e256 + " " + e512);
    }

    @Test void transposeIsTheAdjoint() {
        for (Geometry g : new Geometry[]{CtFixtures.parallel(64, 7), CtFixtures.fan(64, 9)}) {
            SystemMatrix a = SystemMatrix.of(g);
            SplittableRandom r = new SplittableRandom(2);
            float[] x = new float[a.columns()], y = new float[a.rows()], ax = new float[a.rows()], aty = new float[a.columns()];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
            for (int i = 0; i < y.length; i++) y[i] = (float) r.nextDouble(-1, 1);
            a.forward(x, ax);
            a.transpose(y, aty);
            double lhs = 0, rhs = 0, scale = 0;
            for (int i = 0; i < y.length; i++) { lhs += (double) ax[i] * y[i]; scale += Math.abs((double) ax[i] * y[i]); }
            for (int i = 0; i < x.length; i++) rhs += (double) x[i] * aty[i];
            assertEquals(lhs, rhs, 1e-6 * scale, g.beam() + ": <Ax, y> vs <x, Aᵀy>");
            assertTrue(scale > 1, "the products are not trivially zero: " + scale);
        }
    }

    @Test void repeatedCallsGiveTheSameResult() {
        SystemMatrix a = SystemMatrix.of(CtFixtures.parallel(64, 5));
        float[] x = new float[a.columns()], y1 = new float[a.rows()], y2 = new float[a.rows()], b1 = new float[a.columns()], b2 = new float[a.columns()];
        for (int i = 0; i < x.length; i++) x[i] = i % 7;
        a.forward(x, y1);
        a.transpose(y1, b1);
        java.util.Arrays.fill(y2, 5);
        java.util.Arrays.fill(b2, 5);
        a.forward(x, y2);
        a.transpose(y2, b2);
        assertArrayEquals(y1, y2);
        assertArrayEquals(b1, b2);
    }

    @Test void rowSumsAreChordLengthsInGeometryUnits() {
        Geometry g = CtFixtures.parallel(256, 4);
        float[] rows = SystemMatrix.of(g).rowSums();
        int centre = (g.detectors() - 1) / 2;
        // the bilinear interpolant of a ones image is 1 between the outer pixel centres and ramps to 0 half a pixel
        // beyond: its integral across the grid is the grid's side, 2
        assertEquals(2.0, rows[centre], 1e-5, "θ = 0, through the centre");
        assertEquals(2.0, rows[2 * g.detectors() + centre], 1e-5, "θ = π/2, through the centre");
        assertEquals(0f, rows[0], "the outermost ray passes beyond the grid");
    }

    @Test void aSinglePixelProjectsToItsFootprint() {
        int n = 256, r = 10, c = 200;
        double h = 2.0 / n;
        Geometry g = new Geometry(Geometry.Beam.PARALLEL, new double[]{0, Math.PI / 2, 0.3}, 367, h, 0, 0, 0, n, h);
        SystemMatrix a = SystemMatrix.of(g);
        float[] x = new float[a.columns()], y = new float[a.rows()];
        x[r * n + c] = 1;
        a.forward(x, y);
        int d = g.detectors();
        // θ = 0: rays along +y, s = x; the pixel's column centre x = (c − 127.5) h sits half-way between detectors
        // c + 55 and c + 56, each seeing half the pixel over an along-ray integral of h
        for (int j = 0; j < d; j++) assertEquals(j == c + 55 || j == c + 56 ? h / 2 : 0, y[j], 1e-6 * h, "θ = 0, detector " + j);
        // θ = π/2: rays along −x, s = y = (127.5 − r) h: detectors 310 − r and 311 − r
        for (int j = 0; j < d; j++) assertEquals(j == 310 - r || j == 311 - r ? h / 2 : 0, y[d + j], 1e-5 * h, "θ = π/2, detector " + j);
        // θ = 0.3: zero beyond the tent's shadow, and the footprint integrates to the tent's area h²
        double theta = 0.3, sp = (c - 127.5) * h * Math.cos(theta) + (127.5 - r) * h * Math.sin(theta);
        double reach = h * (Math.abs(Math.cos(theta)) + Math.abs(Math.sin(theta))), area = 0;
        int nonZero = 0;
        for (int j = 0; j < d; j++) {
            double v = y[2 * d + j];
            if (Math.abs(g.detector(j) - sp) >= reach) assertEquals(0, v, "θ = 0.3, detector " + j + " outside the shadow");
            else if (v > 0) nonZero++;
            area += v * h;
        }
        System.out.printf("single-pixel footprint at θ = 0.3: area %.6f h² over %d detectors%n", area / (h * h), nonZero);
        assertEquals(h * h, area, 0.01 * h * h);
        assertTrue(nonZero >= 2);
    }

    @Test void memoryIsEightBytesPerWeight() {
        SystemMatrix a = SystemMatrix.of(CtFixtures.parallel(256, 20));
        long nnz = a.nonZeros();
        System.out.printf("256², 20 × 367: %,d non-zeros, %,d bytes%n", nnz, a.bytes());
        long rows = 20 * 368, sums = 20 * 367 + 65536, partials = (long) (Math.min(20, Runtime.getRuntime().availableProcessors()) - 1) * 65536;
        assertEquals(8 * nnz + 4 * (rows + sums + partials), a.bytes());
        assertTrue(nnz > 2_500_000 && nnz < 3_500_000, "≈ 2.4 distinct pixels per pixel length of ray: " + nnz);
    }
}
