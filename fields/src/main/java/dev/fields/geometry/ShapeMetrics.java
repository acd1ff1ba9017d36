package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.SplittableRandom;

/** Shape quality: IoU of labels, and Chamfer-L1, F-score and normal consistency between two meshes. */
public final class ShapeMetrics {
    private ShapeMetrics() {}

    /** Intersection over union of two inside-label arrays (values > 0.5 count as inside). */
    public static double iou(float[] a, float[] b) {
        long inter = 0, union = 0;
        for (int i = 0; i < a.length; i++) {
            boolean x = a[i] > 0.5f, y = b[i] > 0.5f;
            if (x && y) inter++;
            if (x || y) union++;
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }

    /** Mesh-to-mesh comparison from area-weighted samples. */
    public record Comparison(double chamferL1, double precision, double recall, double fscore, double normalConsistency, int samples) {}

    /**
     * Chamfer-L1 = mean of the two directed mean distances; F-score at {@code threshold}; normal consistency = mean
     * |n_a · n_b| at nearest points, both directions.
     */
    public static Comparison compare(Mesh pred, Mesh truth, int samples, double threshold, long seed) {
        if (pred.triangleCount() == 0) return new Comparison(Double.POSITIVE_INFINITY, 0, 0, 0, 0, samples);
        GroundTruth gp = new GroundTruth(pred, GroundTruth.InsideTest.WINDING), gt = new GroundTruth(truth, GroundTruth.InsideTest.WINDING);
        SurfaceSampler sp = new SurfaceSampler(pred), st = new SurfaceSampler(truth);
        SplittableRandom rng = new SplittableRandom(seed);
        float[] xp = new float[3 * samples], np = new float[3 * samples], xt = new float[3 * samples], nt = new float[3 * samples];
        sp.sample(samples, rng, xp, np);
        st.sample(samples, rng, xt, nt);
        float[] dpt = new float[samples], dtp = new float[samples], npt = new float[3 * samples], ntp = new float[3 * samples];
        gt.closest(xp, samples, dpt, npt, st.normals());
        gp.closest(xt, samples, dtp, ntp, sp.normals());
        double a = 0, b = 0, nc = 0;
        int prec = 0, rec = 0;
        for (int i = 0; i < samples; i++) {
            a += dpt[i];
            b += dtp[i];
            if (dpt[i] <= threshold) prec++;
            if (dtp[i] <= threshold) rec++;
            nc += Math.abs(np[3 * i] * npt[3 * i] + np[3 * i + 1] * npt[3 * i + 1] + np[3 * i + 2] * npt[3 * i + 2]);
            nc += Math.abs(nt[3 * i] * ntp[3 * i] + nt[3 * i + 1] * ntp[3 * i + 1] + nt[3 * i + 2] * ntp[3 * i + 2]);
        }
        double p = (double) prec / samples, r = (double) rec / samples;
        return new Comparison((a / samples + b / samples) / 2, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, nc / (2.0 * samples), samples);
    }
}
