package dev.fields.ray;

/**
 * Line integrals of a field along sampled rays (CT projections), by the quadrature of the samples:
 * {@code p_r = Σ_i μ(x_ri) δ_ri}, accumulated in double. Stateless; arrays are caller-owned.
 */
public final class LineIntegral {
    private LineIntegral() {}

    /** Writes {@code p_r} for every ray into {@code projections} (length ≥ rays) from {@code mu} (one value per sample). */
    public static void forward(Samples s, float[] mu, float[] projections) {
        check(s, mu, projections);
        int k = s.perRay();
        float[] delta = s.delta();
        for (int r = 0; r < s.rays(); r++) {
            double p = 0;
            for (int j = r * k; j < (r + 1) * k; j++) p += (double) mu[j] * delta[j];
            projections[r] = (float) p;
        }
    }

    /** Given dL/dp per ray, writes dL/dμ = dL/dp_r · δ_ri for every sample into {@code dMu} (length ≥ samples). */
    public static void backward(Samples s, float[] dProjections, float[] dMu) {
        check(s, dMu, dProjections);
        int k = s.perRay();
        float[] delta = s.delta();
        for (int r = 0; r < s.rays(); r++) {
            float g = dProjections[r];
            for (int j = r * k; j < (r + 1) * k; j++) dMu[j] = g * delta[j];
        }
    }

    private static void check(Samples s, float[] perSample, float[] perRay) {
        if (perSample.length < s.count() || perRay.length < s.rays())
            throw new IllegalArgumentException("need " + s.count() + " values per sample and " + s.rays() + " per ray, got "
                    + perSample.length + " and " + perRay.length);
    }
}
