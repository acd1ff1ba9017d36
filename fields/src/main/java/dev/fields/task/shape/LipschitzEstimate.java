package dev.fields.task.shape;

import dev.fields.eval.BlobField;
import dev.fields.geometry.FieldNormals;
import dev.fields.geometry.MarchingCubes;

import java.util.SplittableRandom;

/**
 * Estimates a field's Lipschitz constant for sphere tracing: the 99.9th percentile of the field's slope over a tracer's
 * step ({@link #stepSecantPercentile}) at random box points within 0.1 of the surface (|f| < 0.1), with a 25% margin,
 * at least 1; {@link #bandPercentile}, the same percentile of gradient norms, is reported beside it. The band is
 * where a too-long step can cross a thin part; farther out the renderer skips space on a coarse bake, and a step that
 * lands inside is resolved by the secant to the last outside point. Not a proof: a guaranteed bound (product of
 * spectral norms) is usually hundreds of times too loose to trace with.
 */
final class LipschitzEstimate {
    private LipschitzEstimate() {}

    /** Box points the estimate probes. */
    static final int POINTS = 65536;

    static double of(BlobField f, long seed) { return of(f, points(seed), seed); }

    /** The {@link #POINTS} uniform box points (xyz interleaved) of a fit with {@code seed}. */
    static float[] points(long seed) {
        SplittableRandom r = new SplittableRandom(seed + 5);
        float[] c = new float[3 * POINTS];
        for (int i = 0; i < c.length; i++) c[i] = (float) (2 * r.nextDouble() - 1);
        return c;
    }

    /**
     * Both band figures of a field at the given box points, from one evaluation of f and its central differences:
     * {@code gradient} the 99.9th percentile of |∇f| within 0.1 of the surface, {@code secant} the 99.9th percentile of
     * the slope over a tracer's step there (NaN where fewer than 100 points lie in the band).
     */
    record Band(double gradient, double secant) {
        /** The field's Lipschitz estimate: the step secant, or the gradient figure when the secant is missing (NaN if both are). */
        double estimate() { return Double.isNaN(secant) ? gradient : secant; }

        /** The tracer's bound: the estimate with the margin ({@link #withMargin}). */
        double bound() { return withMargin(estimate()); }
    }

    /** The tracer's bound at the given box points ({@link Band#bound}). */
    static double of(BlobField f, float[] centres, long seed) { return measure(f, centres, seed).bound(); }

    /** The tracer's bound from a percentile: 25% above it, at least 1 (1 when there was no band to measure). */
    static double withMargin(double percentile) {
        return Double.isNaN(percentile) ? 1.0 : Math.max(1.0, 1.25 * percentile);
    }

    /**
     * The 99.9th percentile of |∇f| (central differences) at the given box points within 0.1 of the surface, without
     * the margin: the field's own Lipschitz figure, about 1 for a true distance field. NaN when fewer than 100 points
     * lie in the band.
     */
    static double bandPercentile(BlobField f, float[] centres) { return measure(f, centres, 0).gradient(); }

    /**
     * The 99.9th percentile of the field's slope over the step a sphere tracer takes, at the given box points with
     * 10⁻³ &lt; |f| &lt; 0.1: from each point x, two probes at distance |f(x)| (the step of a unit bound), one toward
     * the surface along −sign(f) ∇f / |∇f| and one in a random direction, each giving |f(x) − f(y)| / |f(x)|; a point
     * counts with the larger of its two. A distance field gives 1. Unlike {@link #bandPercentile} it does not see
     * ripples much shorter than the step (their slope is steep but their height tiny, so they cannot make a step
     * overshoot by more than that height). NaN when fewer than 100 points lie in the band.
     */
    static double stepSecantPercentile(BlobField f, float[] centres, long seed) { return measure(f, centres, seed).secant(); }

    /** Both figures ({@link Band}); {@code seed} draws the random probe directions. */
    static Band measure(BlobField f, float[] centres, long seed) {
        int n = centres.length / 3;
        float[] v = f.evaluate(centres, n);
        float[] grad = FieldNormals.gradients(scalar(f), centres, 1e-3);
        double[] g = new double[n];
        int[] idx = new int[n];
        int inBand = 0, m = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(v[i]);
            if (a >= 0.1) continue;
            double gx = grad[3 * i], gy = grad[3 * i + 1], gz = grad[3 * i + 2];
            g[inBand++] = Math.sqrt(gx * gx + gy * gy + gz * gz);
            if (a > 1e-3) idx[m++] = i;
        }
        return new Band(inBand < 100 ? Double.NaN : percentile(g, inBand), m < 100 ? Double.NaN : secant(f, centres, v, grad, idx, m, seed));
    }

    private static double secant(BlobField f, float[] centres, float[] v, float[] grad, int[] idx, int m, long seed) {
        float[] toward = new float[3 * m], random = new float[3 * m];
        SplittableRandom r = new SplittableRandom(seed + 7);
        for (int k = 0; k < m; k++) {
            int i = idx[k];
            double gx = grad[3 * i], gy = grad[3 * i + 1], gz = grad[3 * i + 2], gn = Math.sqrt(gx * gx + gy * gy + gz * gz);
            double step = Math.abs(v[i]), s = gn > 0 ? -Math.signum(v[i]) * step / gn : 0;
            double ux = r.nextGaussian(), uy = r.nextGaussian(), uz = r.nextGaussian(), un = Math.sqrt(ux * ux + uy * uy + uz * uz);
            toward[3 * k] = (float) (centres[3 * i] + s * gx);
            toward[3 * k + 1] = (float) (centres[3 * i + 1] + s * gy);
            toward[3 * k + 2] = (float) (centres[3 * i + 2] + s * gz);
            random[3 * k] = (float) (centres[3 * i] + step * ux / un);
            random[3 * k + 1] = (float) (centres[3 * i + 1] + step * uy / un);
            random[3 * k + 2] = (float) (centres[3 * i + 2] + step * uz / un);
        }
        float[] ft = f.evaluate(toward, m), fr = f.evaluate(random, m);
        double[] slope = new double[m];
        for (int k = 0; k < m; k++) {
            double fx = v[idx[k]];
            slope[k] = Math.max(Math.abs(fx - ft[k]), Math.abs(fx - fr[k])) / Math.abs(fx);
        }
        return percentile(slope, m);
    }

    private static double percentile(double[] values, int count) {
        java.util.Arrays.sort(values, 0, count);
        return values[(int) (0.999 * (count - 1))];
    }

    /** A blob's first output as the scalar field the geometry code evaluates. */
    static MarchingCubes.ScalarField scalar(BlobField f) {
        return (xyz, count, out) -> System.arraycopy(f.evaluate(xyz, count), 0, out, 0, count);
    }
}
