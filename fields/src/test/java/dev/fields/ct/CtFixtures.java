package dev.fields.ct;

import dev.fields.io.ct.Geometry;

/** Scans of the numpy anchors of CT.md: an N² grid on [−1, 1]², detectors at pixel pitch, views kπ/n. */
final class CtFixtures {
    private CtFixtures() {}

    /** 2⌈N/√2⌉ + 3 detectors: 367 at N = 256, covering the grid's diagonal. */
    static int detectors(int n) { return 2 * (int) Math.ceil(n / Math.sqrt(2)) + 3; }

    static Geometry parallel(int n, int views) {
        double[] angles = new double[views];
        for (int k = 0; k < views; k++) angles[k] = k * Math.PI / views;
        return new Geometry(Geometry.Beam.PARALLEL, angles, detectors(n), 2.0 / n, 0, 0, 0, n, 2.0 / n);
    }

    /** A full-circle flat-detector fan scan seeing the whole unit circle: source at 3, detector at 6. */
    static Geometry fan(int n, int views) {
        double[] angles = new double[views];
        for (int k = 0; k < views; k++) angles[k] = 2 * k * Math.PI / views;
        double r = 3, d = 6, pitch = 2.0 / n * d / r;
        int det = 2 * (int) Math.ceil(d * Math.tan(Math.asin(1.02 / r)) / pitch) + 1;
        return new Geometry(Geometry.Beam.FAN, angles, det, pitch, 0, r, d, n, 2.0 / n);
    }

    static double relativeL2(float[] a, float[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) { num += (a[i] - b[i]) * (double) (a[i] - b[i]); den += (double) b[i] * b[i]; }
        return Math.sqrt(num / den);
    }
}
