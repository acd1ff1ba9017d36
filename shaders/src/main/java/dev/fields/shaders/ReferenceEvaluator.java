package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.HashGridLayout;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;

/**
 * Plain-Java evaluation of an exported blob: the CPU twin of the trainer's forward pass and of the generated GLSL.
 * It defines, by code, what a blob means. Not thread-safe (owns scratch buffers); use {@link #copy()} per thread.
 */
public final class ReferenceEvaluator {
    private final FieldSpec spec;
    private final float[][] w; // per layer, row-major (out, in)
    private final float[][] b;
    private final float[] fourierB; // (m, d) or null
    private final Features features;
    private final float[] gateUW, gateUB, gateVW, gateVB; // modified MLP only
    private final Activation act;
    private final boolean modified;
    private final int[] widths;
    private final double[] h0, h1, feat, u, v;

    public ReferenceEvaluator(FieldBlob blob) {
        this.spec = blob.spec();
        this.widths = spec.layerWidths();
        int n = spec.layerCount();
        w = new float[n][];
        b = new float[n][];
        for (int i = 0; i < n; i++) {
            w[i] = blob.tensor("layers." + i + ".weight").data();
            b[i] = blob.tensor("layers." + i + ".bias").data();
        }
        fourierB = spec.encoding().accept(EncodingSpec.Visitor.<float[]>of(i -> null, p -> null, g -> blob.tensor("encoding.B").data(), h -> null));
        float[] tables = spec.encoding().accept(EncodingSpec.Visitor.<float[]>of(i -> null, p -> null, g -> null, h -> blob.tensor("encoding.tables").data()));
        features = features(spec, fourierB, tables);
        modified = spec.network().type() == NetworkSpec.Type.MODIFIED;
        gateUW = modified ? blob.tensor("gate_u.weight").data() : null;
        gateUB = modified ? blob.tensor("gate_u.bias").data() : null;
        gateVW = modified ? blob.tensor("gate_v.weight").data() : null;
        gateVB = modified ? blob.tensor("gate_v.bias").data() : null;
        act = spec.network().activation();
        int max = 0;
        for (int x : widths) max = Math.max(max, x);
        h0 = new double[max];
        h1 = new double[max];
        feat = new double[widths[0]];
        u = new double[max];
        v = new double[max];
    }

    private ReferenceEvaluator(ReferenceEvaluator o) {
        spec = o.spec; widths = o.widths; w = o.w; b = o.b; fourierB = o.fourierB; features = o.features; modified = o.modified;
        gateUW = o.gateUW; gateUB = o.gateUB; gateVW = o.gateVW; gateVB = o.gateVB; act = o.act;
        h0 = new double[o.h0.length]; h1 = new double[o.h1.length]; feat = new double[o.feat.length];
        u = new double[o.u.length]; v = new double[o.v.length];
    }

    /** An evaluator sharing the weights with its own scratch buffers (for another thread). */
    public ReferenceEvaluator copy() { return new ReferenceEvaluator(this); }

    public FieldSpec spec() { return spec; }

    /** Writes the encoded features of {@code x} (length inputDim) into {@code out} (length encodedDim). */
    public void encode(float[] x, int xOff, double[] out) { features.write(x, xOff, out); }

    /** The encoding of one point into its features, chosen once per evaluator. */
    private interface Features { void write(float[] x, int xOff, double[] out); }

    private static Features features(FieldSpec spec, float[] fourierB, float[] tables) {
        int d = spec.inputDim();
        return spec.encoding().accept(EncodingSpec.Visitor.<Features>of(
                identity -> (x, xOff, out) -> {
                    for (int i = 0; i < d; i++) out[i] = x[xOff + i];
                },
                p -> (x, xOff, out) -> {
                    int k = 0;
                    if (p.includeInput()) for (int i = 0; i < d; i++) out[k++] = x[xOff + i];
                    for (int f = 0; f < p.frequencies(); f++) {
                        double s = Math.scalb(Math.PI, f);
                        for (int i = 0; i < d; i++) out[k++] = Math.sin(s * x[xOff + i]);
                        for (int i = 0; i < d; i++) out[k++] = Math.cos(s * x[xOff + i]);
                    }
                },
                g -> (x, xOff, out) -> {
                    int m = g.features();
                    for (int j = 0; j < m; j++) {
                        double t = 0;
                        for (int i = 0; i < d; i++) t += (double) fourierB[j * d + i] * x[xOff + i];
                        t *= 2 * Math.PI;
                        out[j] = Math.cos(t);
                        out[m + j] = Math.sin(t);
                    }
                },
                h -> hashGrid(HashGridLayout.of(h, d), spec.frame(), tables)));
    }

    /** Hash-grid features as {@link HashGridLayout} defines them; scratch per call (evaluators are copied per thread). */
    private static Features hashGrid(HashGridLayout grid, dev.fields.io.spec.Frame frame, float[] tables) {
        int d = grid.dim(), corners = 1 << d, fpl = grid.features();
        double[] lo = frame.boxMin(), hi = frame.boxMax();
        if (tables.length != grid.values())
            throw new IllegalArgumentException("encoding.tables has " + tables.length + " values, the spec needs " + grid.values());
        return (x, xOff, out) -> {
            double[] u = new double[d], w = new double[corners], frac = new double[d];
            int[] idx = new int[corners];
            for (int k = 0; k < d; k++) u[k] = HashGridLayout.unit(x[xOff + k], lo[k], hi[k]);
            for (int l = 0; l < grid.levels(); l++) {
                grid.corners(l, u, idx, w, frac);
                for (int f = 0; f < fpl; f++) {
                    double s = 0;
                    for (int c = 0; c < corners; c++) s += w[c] * tables[idx[c] * fpl + f];
                    out[l * fpl + f] = s;
                }
            }
        };
    }

    /** Raw outputs before heads for one point. */
    public void evaluateRaw(float[] x, int xOff, double[] out) {
        features.write(x, xOff, feat);
        int n = spec.layerCount();
        double[] cur = h0, nxt = h1;
        if (modified) {
            dense(gateUW, gateUB, feat, widths[0], widths[1], u, true);
            dense(gateVW, gateVB, feat, widths[0], widths[1], v, true);
        }
        double[] in = feat;
        for (int l = 0; l < n; l++) {
            boolean last = l == n - 1;
            double[] dst = last ? out : nxt;
            dense(w[l], b[l], in, widths[l], widths[l + 1], dst, !last);
            if (modified && !last) for (int j = 0; j < widths[l + 1]; j++) dst[j] = dst[j] * u[j] + (1 - dst[j]) * v[j];
            if (!last) { in = dst; double[] t = cur; cur = nxt; nxt = t; }
        }
    }

    private void dense(float[] W, float[] B, double[] in, int nin, int nout, double[] out, boolean activate) {
        for (int o = 0; o < nout; o++) {
            double s = B[o];
            int row = o * nin;
            for (int i = 0; i < nin; i++) s += W[row + i] * in[i];
            out[o] = activate ? act.apply(s) : s;
        }
    }

    /** Outputs after heads for one point ({@code out} has length outputDim). */
    public void evaluate(float[] x, int xOff, double[] out) {
        evaluateRaw(x, xOff, out);
        int k = 0;
        for (Output o : spec.outputs()) for (int j = 0; j < o.size(); j++, k++) out[k] = o.head().apply(out[k]);
    }

    /** Evaluates {@code count} points stored contiguously in {@code xs}; writes outputs after heads into {@code out}. */
    public void evaluateBatch(float[] xs, int count, float[] out) {
        int d = spec.inputDim(), o = spec.outputDim();
        double[] tmp = new double[o];
        for (int p = 0; p < count; p++) {
            evaluate(xs, p * d, tmp);
            for (int j = 0; j < o; j++) out[p * o + j] = (float) tmp[j];
        }
    }

    /** First output (after head) at a single point: convenient for scalar fields such as SDFs. */
    public double scalar(float... x) {
        double[] tmp = new double[spec.outputDim()];
        evaluate(x, 0, tmp);
        return tmp[0];
    }
}
