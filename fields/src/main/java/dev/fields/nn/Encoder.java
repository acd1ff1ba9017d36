package dev.fields.nn;

import dev.fields.io.spec.EncodingSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Every encoding as {@code [x (optional), sin(x M + phase)]} with a fixed matrix M (d × K) and phase row (K):
 * Gaussian Fourier features use {@code M = 2π [Bᵀ | Bᵀ]}, phase {@code [π/2 … | 0 …]} (cos = sin(t + π/2), one GEMM and
 * one in-place sine); positional encoding uses one column per (octave, sin/cos, dimension) in the layout of
 * {@link EncodingSpec}; identity has K = 0.
 */
final class Encoder {
    final int d, k, outDim;
    final boolean includeInput;
    final INDArray m, phase; // (d, K), (1, K); null when K = 0

    Encoder(EncodingSpec spec, int d, float[] fourierB, DataType dt) {
        this.d = d;
        Layout l = spec.accept(new EncodingSpec.Visitor<Layout>() {
            @Override public Layout identity(EncodingSpec.Identity e) { return new Layout(0, true, null, null); }

            @Override public Layout positional(EncodingSpec.Positional p) {
                int k = 2 * p.frequencies() * d;
                double[] mat = new double[d * k], ph = new double[k];
                int col = 0;
                for (int f = 0; f < p.frequencies(); f++) {
                    double s = Math.scalb(Math.PI, f);
                    for (int half = 0; half < 2; half++)
                        for (int i = 0; i < d; i++, col++) {
                            mat[i * k + col] = s;
                            ph[col] = half == 0 ? 0 : Math.PI / 2;
                        }
                }
                return new Layout(k, p.includeInput(), mat, ph);
            }

            @Override public Layout fourier(EncodingSpec.GaussianFourier g) {
                int mm = g.features(), k = 2 * mm;
                double[] mat = new double[d * k], ph = new double[k];
                for (int j = 0; j < mm; j++) {
                    for (int i = 0; i < d; i++) {
                        double v = 2 * Math.PI * fourierB[j * d + i];
                        mat[i * k + j] = v;
                        mat[i * k + mm + j] = v;
                    }
                    ph[j] = Math.PI / 2;
                }
                return new Layout(k, false, mat, ph);
            }

            @Override public Layout hashGrid(EncodingSpec.HashGrid h) {
                throw new IllegalArgumentException("the hash grid is trainable: HashGridEncoder encodes it, not the fixed-matrix encoder");
            }
        });
        k = l.k();
        includeInput = l.includeInput();
        m = k == 0 ? null : Nd4j.create(l.mat(), new long[]{d, k}, 'c').castTo(dt);
        phase = k == 0 ? null : Nd4j.create(l.phase(), new long[]{1, k}, 'c').castTo(dt);
        outDim = (includeInput ? d : 0) + k;
    }

    /** Columns K, whether the raw input is kept, and M (d × K) and the phase row (K) row-major; null when K = 0. */
    private record Layout(int k, boolean includeInput, double[] mat, double[] phase) {}

    /** Encodes x (n × d) into e (n × outDim); t (n × K) is scratch (may be e itself when there is no raw input). */
    void forward(INDArray x, INDArray e, INDArray t) {
        if (k == 0) { e.assign(x); return; }
        Nd4j.gemm(x, m, t, false, false, 1.0, 0.0);
        t.addiRowVector(phase);
        Transforms.sin(t, false);
        if (includeInput) {
            e.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).assign(x);
            e.get(NDArrayIndex.all(), NDArrayIndex.interval(d, outDim)).assign(t);
        } else if (t != e) {
            e.assign(t);
        }
    }

    /** dL/dx (n × d) from dL/de; t (n × K) is scratch. */
    void backward(INDArray x, INDArray de, INDArray t, INDArray dx) {
        if (k == 0) { dx.assign(de); return; }
        Nd4j.gemm(x, m, t, false, false, 1.0, 0.0);
        t.addiRowVector(phase);
        Transforms.cos(t, false);
        t.muli(includeInput ? de.get(NDArrayIndex.all(), NDArrayIndex.interval(d, outDim)) : de);
        Nd4j.gemm(t, m, dx, false, true, 1.0, 0.0);
        if (includeInput) dx.addi(de.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)));
    }
}
