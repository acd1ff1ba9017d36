package dev.fields.ray;

/**
 * Front-to-back alpha compositing of density and colour samples (the volume-rendering quadrature of NeRF,
 * Mildenhall et al. 2020, eq. 3), with the forward pass's values kept for an O(k)-per-ray backward pass.
 *
 * <p>Per sample: {@code α_i = 1 − exp(−σ_i δ_i)}, transmittance {@code T_i = Π_{j<i} (1 − α_j)}, weight
 * {@code w_i = T_i α_i}. Per ray: colour {@code C = Σ w_i c_i + T · background}, opacity {@code Σ w_i = 1 − T} and
 * expected depth {@code Σ w_i t_i} (not divided by the opacity), where T is the transmittance left after the last
 * sample that contributes. Early termination, as in the tracers: sample i contributes only while
 * {@code T_i ≥ threshold} (so the sample that takes T below it still counts, and the rest neither contribute nor get
 * gradient); threshold 0 turns it off. Negative densities are read as 0, as the tracers do (gradient 0 there).
 *
 * <p>One instance per thread: it owns the saved arrays, reallocated only when the batch shape changes.
 */
public final class AlphaCompositor {
    /** Early-termination threshold on the transmittance: the constant of tracer.glsl and CpuTracer. */
    public static final double DEFAULT_THRESHOLD = 0.01;

    private final double threshold, bgR, bgG, bgB;
    private int rays = -1, perRay = -1;
    private float[] weights = new float[0], transmittanceAfter = new float[0], transmittance = new float[0];
    private int[] used = new int[0];

    /** Compositing over a constant background colour with the default early-termination threshold. */
    public AlphaCompositor(float[] background) {
        this(DEFAULT_THRESHOLD, background);
    }

    /** Compositing over a constant background colour; {@code threshold} 0 turns early termination off. */
    public AlphaCompositor(double threshold, float[] background) {
        if (background.length != 3) throw new IllegalArgumentException("the background is one RGB colour, got " + background.length + " values");
        if (!(threshold >= 0 && threshold < 1)) throw new IllegalArgumentException("the termination threshold must be in [0, 1), not " + threshold);
        this.threshold = threshold;
        bgR = background[0];
        bgG = background[1];
        bgB = background[2];
    }

    /**
     * Composites every ray of {@code s}: reads {@code sigma} (one per sample) and {@code rgb} (3 per sample) and writes
     * {@code colour} (3 per ray, background included), and when not null {@code opacity} and {@code depth} (one per ray).
     */
    public void forward(Samples s, float[] sigma, float[] rgb, float[] colour, float[] opacity, float[] depth) {
        int n = s.rays(), k = s.perRay();
        requireLength("sigma", sigma, n * k);
        requireLength("rgb", rgb, 3 * n * k);
        requireLength("colour", colour, 3 * n);
        if (opacity != null) requireLength("opacity", opacity, n);
        if (depth != null) requireLength("depth", depth, n);
        shape(n, k);
        float[] delta = s.delta(), ts = s.t();
        for (int r = 0; r < n; r++) {
            double T = 1, cr = 0, cg = 0, cb = 0, z = 0;
            int i = 0, base = r * k;
            for (; i < k && T >= threshold; i++) {
                int j = base + i;
                double x = Math.max(sigma[j], 0) * delta[j], a = -Math.expm1(-x), w = T * a;
                cr += w * rgb[3 * j];
                cg += w * rgb[3 * j + 1];
                cb += w * rgb[3 * j + 2];
                z += w * ts[j];
                T *= Math.exp(-x);
                weights[j] = (float) w;
                transmittanceAfter[j] = (float) T;
            }
            used[r] = i;
            for (; i < k; i++) { weights[base + i] = 0; transmittanceAfter[base + i] = (float) T; }
            transmittance[r] = (float) T;
            colour[3 * r] = (float) (cr + T * bgR);
            colour[3 * r + 1] = (float) (cg + T * bgG);
            colour[3 * r + 2] = (float) (cb + T * bgB);
            if (opacity != null) opacity[r] = (float) (1 - T);
            if (depth != null) depth[r] = (float) z;
        }
    }

    /**
     * Gradients of the last {@link #forward} on the same samples: from dL/dC ({@code dColour}, 3 per ray) and, when not
     * null, dL/d(opacity) and dL/d(depth) (one per ray), writes dL/dσ ({@code dSigma}, one per sample) and dL/dc
     * ({@code dRgb}, 3 per sample). {@code sigma} and {@code rgb} are the forward's inputs. With
     * {@code v_i = g·c_i + g_opacity + g_depth t_i} and the suffix {@code S_i = Σ_{j≥i} w_j v_j + T g·background}:
     * {@code dL/dσ_i = δ_i (T_{i+1} v_i − S_{i+1})} and {@code dL/dc_i = w_i g}.
     */
    public void backward(Samples s, float[] sigma, float[] rgb, float[] dColour, float[] dOpacity, float[] dDepth,
                         float[] dSigma, float[] dRgb) {
        int n = s.rays(), k = s.perRay();
        if (n != rays || k != perRay)
            throw new IllegalStateException("backward needs the forward pass of the same batch (" + rays + " × " + perRay
                    + " saved, " + n + " × " + k + " given)");
        requireLength("sigma", sigma, n * k);
        requireLength("rgb", rgb, 3 * n * k);
        requireLength("dColour", dColour, 3 * n);
        if (dOpacity != null) requireLength("dOpacity", dOpacity, n);
        if (dDepth != null) requireLength("dDepth", dDepth, n);
        requireLength("dSigma", dSigma, n * k);
        requireLength("dRgb", dRgb, 3 * n * k);
        float[] delta = s.delta(), ts = s.t();
        for (int r = 0; r < n; r++) {
            double gr = dColour[3 * r], gg = dColour[3 * r + 1], gb = dColour[3 * r + 2];
            double go = dOpacity == null ? 0 : dOpacity[r], gz = dDepth == null ? 0 : dDepth[r];
            double suffix = transmittance[r] * (gr * bgR + gg * bgG + gb * bgB);
            int base = r * k, m = used[r];
            for (int i = k - 1; i >= m; i--) {
                int j = base + i;
                dSigma[j] = 0;
                dRgb[3 * j] = 0; dRgb[3 * j + 1] = 0; dRgb[3 * j + 2] = 0;
            }
            for (int i = m - 1; i >= 0; i--) {
                int j = base + i;
                double w = weights[j];
                double v = gr * rgb[3 * j] + gg * rgb[3 * j + 1] + gb * rgb[3 * j + 2] + go + gz * ts[j];
                dSigma[j] = sigma[j] < 0 ? 0 : (float) (delta[j] * (transmittanceAfter[j] * v - suffix));
                dRgb[3 * j] = (float) (w * gr);
                dRgb[3 * j + 1] = (float) (w * gg);
                dRgb[3 * j + 2] = (float) (w * gb);
                suffix += w * v;
            }
        }
    }

    /** Weights w_i of the last forward pass (one per sample; 0 after termination). Live array. */
    public float[] weights() { return weights; }

    /** Per ray of the last forward pass: how many samples contributed (the tracers' step count). Live array. */
    public int[] samplesUsed() { return used; }

    /** Per ray of the last forward pass: the transmittance T left for the background. Live array. */
    public float[] transmittance() { return transmittance; }

    public double threshold() { return threshold; }

    private void shape(int n, int k) {
        rays = n;
        perRay = k;
        if (weights.length != n * k) { weights = new float[n * k]; transmittanceAfter = new float[n * k]; }
        if (used.length != n) { used = new int[n]; transmittance = new float[n]; }
    }

    private static void requireLength(String name, float[] a, int n) {
        if (a.length < n) throw new IllegalArgumentException(name + " needs " + n + " values, got " + a.length);
    }
}
