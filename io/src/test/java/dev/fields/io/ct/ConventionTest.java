package dev.fields.io.ct;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The astra convention against ASTRA's own vector form of its geometries (its documentation's astra.geom_2vec). */
class ConventionTest {
    static final double[] ANGLES = {0, 0.4, 1.3, 2.9, -0.7, 4.4};

    @Test void astraParallelRaysAreOurLines() {
        int n = 7;
        double width = 0.6;
        Geometry g = Convention.ASTRA.geometry(Geometry.Beam.PARALLEL, ANGLES, n, width, 0, 0, 0, 8, 1);
        for (int v = 0; v < ANGLES.length; v++) {
            double a = ANGLES[v], theta = g.angles()[v];
            double[] ray = {Math.sin(a), -Math.cos(a)}, u = {Math.cos(a) * width, Math.sin(a) * width};
            for (int i = 0; i < n; i++) {
                double k = i - n / 2.0 + 0.5;                     // ASTRA: corner = centre − n/2 · u, element i at corner + (i + ½) u
                double px = k * u[0], py = k * u[1];
                for (double t : new double[]{-3, 0, 2.5}) {
                    double x = px + t * ray[0], y = py + t * ray[1];
                    assertEquals(g.detector(i), x * Math.cos(theta) + y * Math.sin(theta), 1e-12, "view " + v + " bin " + i);
                }
            }
        }
    }

    @Test void astraFanflatSourceAndDetectorPixelsAreOurs() {
        int n = 6;
        double width = 1.5, so = 12, od = 7;
        Geometry g = Convention.ASTRA.geometry(Geometry.Beam.FAN, ANGLES, n, width, 0, so, so + od, 8, 1);
        for (int v = 0; v < ANGLES.length; v++) {
            double a = ANGLES[v], phi = g.angles()[v];
            double[] src = {Math.sin(a) * so, -Math.cos(a) * so}, d = {-Math.sin(a) * od, Math.cos(a) * od}, u = {Math.cos(a) * width, Math.sin(a) * width};
            assertEquals(src[0], g.sourceOrigin() * Math.cos(phi), 1e-12);
            assertEquals(src[1], g.sourceOrigin() * Math.sin(phi), 1e-12);
            for (int i = 0; i < n; i++) {
                double k = i - n / 2.0 + 0.5;
                double ax = d[0] + k * u[0], ay = d[1] + k * u[1];
                double centre = g.sourceOrigin() - g.sourceDetector(), ui = g.detector(i);
                double ox = centre * Math.cos(phi) - ui * Math.sin(phi), oy = centre * Math.sin(phi) + ui * Math.cos(phi);
                assertEquals(ax, ox, 1e-12, "view " + v + " bin " + i + " x");
                assertEquals(ay, oy, 1e-12, "view " + v + " bin " + i + " y");
            }
        }
    }

    @Test void fieldsIsTheIdentity() {
        Geometry g = Convention.FIELDS.geometry(Geometry.Beam.FAN, ANGLES, 5, 0.5, 0.1, 3, 8, 4, 0.5);
        assertEquals(new Geometry(Geometry.Beam.FAN, ANGLES, 5, 0.5, 0.1, 3, 8, 4, 0.5), g);
        assertFalse(Convention.FIELDS.reversesDetectors() || Convention.ASTRA.reversesDetectors() || Convention.SKIMAGE.reversesDetectors());
        assertEquals(1, Convention.ASTRA.valueScale(0.5));
    }
}
