package dev.fields.nn;

import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.HashGridLayout;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The multiresolution hash encoding in plain Java on the network's own buffers (no copies): the tables are the first
 * {@link #values()} entries of the flat parameter buffer, their gradient the same range of the flat gradient. Forward
 * and backward run one task per level (levels own disjoint table ranges and feature columns, so the backward's
 * scatter-add needs no atomics); the input gradient runs in chunks of points. Arithmetic in double on float32 (or
 * float64) storage. Layout and indexing: {@link HashGridLayout}. Arrays passed in must be whole row-major arrays
 * (no views); {@code params} and {@code grad} hold the tables first. Public for benchmarks; the network owns one.
 */
public final class HashGridEncoder {
    private static final int CHUNK = 4096;
    final HashGridLayout layout;
    final int d, levels, features, outDim;
    private final double[] lo, hi;

    public HashGridEncoder(EncodingSpec.HashGrid spec, int d, Frame frame) {
        this.layout = HashGridLayout.of(spec, d);
        this.d = d;
        this.levels = layout.levels();
        this.features = layout.features();
        this.outDim = levels * features;
        this.lo = frame.boxMin().clone();
        this.hi = frame.boxMax().clone();
    }

    /** Number of trainable table values (the head of the flat parameter buffer). */
    public int values() { return layout.values(); }

    /** Tables ~ U(−1e-4, 1e-4) (Müller et al. 2022, §4). */
    public void init(INDArray params, SplittableRandom rng) {
        NioValues t = NioValues.of(params);
        for (int i = 0, n = values(); i < n; i++) t.set(i, (2 * rng.nextDouble() - 1) * 1e-4);
    }

    private void unit(NioValues x, int point, double[] u) {
        for (int k = 0; k < d; k++) u[k] = HashGridLayout.unit(x.get(point * d + k), lo[k], hi[k]);
    }

    /** e (n × L·F) ← features of x (n × d) from the tables in {@code params}. */
    public void forward(INDArray x, INDArray e, INDArray params) {
        NioValues xs = NioValues.of(x), es = NioValues.of(e), t = NioValues.of(params);
        int n = (int) x.rows(), corners = 1 << d;
        IntStream.range(0, levels).parallel().forEach(l -> {
            double[] u = new double[d], w = new double[corners], frac = new double[d];
            int[] idx = new int[corners];
            for (int p = 0; p < n; p++) {
                unit(xs, p, u);
                layout.corners(l, u, idx, w, frac);
                int out = p * outDim + l * features;
                for (int f = 0; f < features; f++) {
                    double s = 0;
                    for (int c = 0; c < corners; c++) s += w[c] * t.get(idx[c] * features + f);
                    es.set(out + f, s);
                }
            }
        });
    }

    /** Table gradient (its range of {@code grad} is overwritten) from dL/de (n × L·F) of the last forward at x. */
    public void backward(INDArray x, INDArray de, INDArray grad) {
        NioValues xs = NioValues.of(x), ds = NioValues.of(de), g = NioValues.of(grad);
        int n = (int) x.rows(), corners = 1 << d;
        IntStream.range(0, levels).parallel().forEach(l -> {
            int from = layout.offset(l) * features, to = from + layout.size(l) * features;
            for (int i = from; i < to; i++) g.set(i, 0);
            double[] u = new double[d], w = new double[corners], frac = new double[d];
            int[] idx = new int[corners];
            for (int p = 0; p < n; p++) {
                unit(xs, p, u);
                layout.corners(l, u, idx, w, frac);
                int in = p * outDim + l * features;
                for (int f = 0; f < features; f++) {
                    double gf = ds.get(in + f);
                    if (gf == 0) continue;
                    for (int c = 0; c < corners; c++) g.add(idx[c] * features + f, w[c] * gf);
                }
            }
        });
    }

    /**
     * dL/dx (n × d) from dL/de: per level and axis, {@code R / (hi − lo)} times the interpolant's slope along the axis
     * (0 where the coordinate is clamped to the box).
     */
    public void inputGradient(INDArray x, INDArray de, INDArray params, INDArray dx) {
        NioValues xs = NioValues.of(x), ds = NioValues.of(de), t = NioValues.of(params), out = NioValues.of(dx);
        int n = (int) x.rows(), corners = 1 << d;
        IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            double[] u = new double[d], w = new double[corners], frac = new double[d], gsum = new double[d];
            int[] idx = new int[corners];
            for (int p = chunk * CHUNK, end = Math.min(n, p + CHUNK); p < end; p++) {
                java.util.Arrays.fill(gsum, 0);
                unit(xs, p, u);
                for (int l = 0; l < levels; l++) {
                    layout.corners(l, u, idx, w, frac);
                    double r = layout.resolution(l);
                    for (int c = 0; c < corners; c++) {
                        double v = 0;
                        for (int f = 0; f < features; f++) v += t.get(idx[c] * features + f) * ds.get(p * outDim + l * features + f);
                        if (v == 0) continue;
                        for (int k = 0; k < d; k++) {
                            double slope = ((c >> k) & 1) == 1 ? 1 : -1; // d(weight)/d(frac_k)
                            for (int j = 0; j < d; j++) if (j != k) slope *= ((c >> j) & 1) == 1 ? frac[j] : 1 - frac[j];
                            gsum[k] += v * slope * r;
                        }
                    }
                }
                for (int k = 0; k < d; k++) {
                    double xk = xs.get(p * d + k);
                    boolean inside = xk > lo[k] && xk < hi[k];
                    out.set(p * d + k, inside ? gsum[k] / (hi[k] - lo[k]) : 0);
                }
            }
        });
    }
}
