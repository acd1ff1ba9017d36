package dev.fields.nn;

import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.HashGridLayout;
import dev.fields.nn.fused.FusedMlp;
import dev.fields.nn.fused.HashGridKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * A {@link FieldNetwork}'s passes on the fused CPU kernel: before each forward every layer's parameterization is
 * folded into its effective weight ({@link DenseLayer#effective()}), after the backward the kernel's dL/dW_eff is
 * unfolded into the factors ({@link DenseLayer#unfold()}); the heads run on the kernel's float outputs
 * ({@link OutputHeads}). Float32 MLPs (see {@link Backend#fusedUnsupported}) with a fixed encoding, which the kernel
 * computes itself, or a hash grid: then {@link HashGridKernel} encodes the batch ahead of the kernel from a copy of
 * the tables taken at each forward (and predict), the kernel (identity encoding) returns dL/d(features) in its one
 * backward pass, and the grid scatters them into the tables' range of the flat gradient.
 */
final class FusedPath {
    /** Points per inference chunk of a hash-grid network (bounds the feature buffer of a large predict). */
    private static final int PREDICT_CHUNK = 65536;
    private final FieldNetwork net;
    private final DenseLayer[] layers;
    private final int d, o, threads;
    private Encoder builtFor;
    private FusedMlp mlp;
    private final HashGridKernel grid; // null unless the encoding is a hash grid
    private final float[] tables, tableGrad; // hash grid: the tables of the last forward or predict, their gradient
    private float[] feat, dFeat, predictFeat;
    private int n = -1;
    private final OutputHeads heads;
    private float[] xs, raw, out, dRaw;
    private INDArray rawArr, outArr, dxArr;
    private final float[][] weights, biases, scales;

    FusedPath(FieldNetwork net) {
        this.net = net;
        this.layers = net.layers();
        this.d = net.spec().inputDim();
        this.o = net.spec().outputDim();
        this.threads = Runtime.getRuntime().availableProcessors();
        EncodingSpec.HashGrid h = net.spec().encoding() instanceof EncodingSpec.HashGrid g ? g : null;
        grid = h == null ? null : new HashGridKernel(HashGridLayout.of(h, d), net.spec().frame().boxMin(), net.spec().frame().boxMax(), threads);
        heads = new OutputHeads(net.spec().outputs());
        tables = grid == null ? null : new float[grid.values()];
        tableGrad = grid == null ? null : new float[grid.values()];
        weights = new float[layers.length][];
        biases = new float[layers.length][];
        scales = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            DenseLayer L = layers[l];
            weights[l] = new float[L.in * L.out];
            biases[l] = new float[L.out];
            scales[l] = L.act == null ? null : new float[L.out];
        }
    }

    /** The kernel for the network's current encoder (initFrom may replace the Fourier matrix). */
    private FusedMlp kernel() {
        if (grid != null) {
            if (mlp == null) mlp = new FusedMlp(grid.outDim(), new float[0], new float[0], true, net.spec().layerWidths(), activation(), adaptive(), threads);
            return mlp;
        }
        Encoder e = net.encoder();
        if (mlp != null && builtFor == e) return mlp;
        float[] m = e.k == 0 ? new float[0] : floats(e.m);
        float[] ph = e.k == 0 ? new float[0] : floats(e.phase);
        mlp = new FusedMlp(d, m, ph, e.includeInput, net.spec().layerWidths(), activation(), adaptive(), threads);
        builtFor = e;
        return mlp;
    }

    private FusedMlp.Activation activation() {
        Activation a = net.spec().network().activation();
        return switch (a) {
            case RELU -> FusedMlp.Activation.RELU;
            case SINE -> FusedMlp.Activation.SINE;
            case SOFTPLUS -> FusedMlp.Activation.SOFTPLUS;
            case TANH -> throw new IllegalStateException("the fused kernel has no " + a + " (Backend refuses it)");
        };
    }

    private boolean adaptive() { return layers.length > 1 && layers[0].adaptive; }

    /** The hash grid's tables (the head of the flat parameters) as they are now, each level times its band weight. */
    private void readTables() {
        net.params().data().asNioFloat().get(0, tables);
        net.weightedTables(tables);
    }

    /** A fixed encoding's column weights on the rows (inputs) of a first-layer weight or its gradient (in × out); in place. */
    private float[] weightRows(float[] w, int out) {
        float[] cw = grid == null ? net.columnWeights() : null;
        if (cw == null) return w;
        for (int i = 0; i < cw.length; i++) for (int o = 0; o < out; o++) w[i * out + o] *= cw[i];
        return w;
    }

    INDArray forward(INDArray x) {
        FusedMlp k = kernel();
        int rows = (int) x.rows();
        if (rows != n) {
            n = rows;
            xs = new float[n * d];
            raw = new float[n * o];
            dRaw = new float[n * o];
            out = heads.identity() ? null : new float[n * o];
            rawArr = Nd4j.create(DataType.FLOAT, n, o);
            outArr = heads.identity() ? null : Nd4j.create(DataType.FLOAT, n, o);
            dxArr = null;
            feat = grid == null ? null : new float[n * grid.outDim()];
            dFeat = grid == null ? null : new float[n * grid.outDim()];
        }
        read(x, xs);
        fold(k);
        if (grid != null) {
            readTables();
            grid.encode(xs, n, tables, feat);
            k.forwardColumns(feat, n, raw, true);
        } else {
            k.forward(xs, n, raw, true);
        }
        rawArr.data().asNioFloat().put(0, raw);
        if (outArr == null) return rawArr;
        heads.apply(raw, n, out);
        outArr.data().asNioFloat().put(0, out);
        return outArr;
    }

    /**
     * Outputs after heads for {@code count} points (count × inputDim values in xs), nothing kept for a backward: the
     * batch inference of reconstructions, marching cubes and metrics. Invalidates the last forward.
     */
    float[] predict(float[] xs, int count) {
        int o = this.o;
        float[] res = new float[count * o];
        if (count == 0) return res;
        FusedMlp k = kernel();
        fold(k);
        n = -1;
        if (grid != null) {
            readTables();
            int chunk = Math.min(count, PREDICT_CHUNK);
            if (predictFeat == null || predictFeat.length < chunk * grid.outDim()) predictFeat = new float[chunk * grid.outDim()];
            float[] part = count <= chunk ? xs : new float[chunk * d], partOut = count <= chunk ? res : new float[chunk * o];
            for (int s = 0; s < count; s += chunk) {
                int m = Math.min(chunk, count - s);
                if (part != xs) System.arraycopy(xs, s * d, part, 0, m * d);
                grid.encode(part, m, tables, predictFeat);
                k.forwardColumns(predictFeat, m, partOut, false);
                if (partOut != res) System.arraycopy(partOut, 0, res, s * o, m * o);
            }
        } else {
            k.forward(xs, count, res, false);
        }
        if (!heads.identity()) heads.apply(res, count, res);
        return res;
    }

    /** Every layer's parameters into the kernel, each parameterization folded into its effective weight. */
    private void fold(FusedMlp k) {
        FloatBuffer p = net.params().data().asNioFloat();
        for (int l = 0; l < layers.length; l++) {
            DenseLayer L = layers[l];
            INDArray we = L.effective(); // the fold: W itself for plain and adaptive layers, W_eff in scratch otherwise
            if (we == L.w) p.get((int) L.offset, weights[l]);
            else we.data().asNioFloat().get(0, weights[l]);
            if (l == 0) weightRows(weights[0], L.out); // the kernel's encoding is unweighted: the window sits in W
            p.get((int) (L.offset + (long) L.in * L.out), biases[l]);
            if (scales[l] != null) {
                float om = (float) L.omega;
                if (L.adaptive) {
                    p.get((int) (L.offset + (long) L.in * L.out + L.out), scales[l]);
                    for (int j = 0; j < L.out; j++) scales[l][j] *= om;
                } else {
                    java.util.Arrays.fill(scales[l], om);
                }
            }
            k.setLayer(l, weights[l], biases[l], scales[l]);
        }
    }

    FieldNetwork.Outputs outputs() {
        if (rawArr == null) throw new IllegalStateException("no forward pass yet");
        return new FieldNetwork.Outputs(outArr == null ? rawArr : outArr, rawArr);
    }

    void backward(INDArray dOut) {
        if (n < 0 || dOut.rows() != n || dOut.columns() != o)
            throw new IllegalArgumentException("dOut must be [" + (n < 0 ? "n" : n) + ", " + o + "] for the last forward");
        read(dOut, dRaw);
        if (!heads.identity()) heads.backpropagate(raw, dRaw, n, dRaw);
        FusedMlp k = kernel();
        k.backward(dRaw, dFeat); // dFeat is null (not wanted) without a hash grid
        FloatBuffer g = net.gradient().data().asNioFloat();
        if (grid != null) {
            grid.scatter(xs, n, dFeat, tableGrad);
            g.put(0, net.weightedTables(tableGrad)); // d(weighted table)/d(table) is the level's weight
        }
        for (int l = 0; l < layers.length; l++) {
            DenseLayer L = layers[l];
            INDArray target = L.effectiveGradient();
            float[] gw = k.weightGradient(l);
            if (l == 0 && grid == null && net.columnWeights() != null) gw = weightRows(gw.clone(), L.out); // dL/dW = window · dL/dW_kernel
            if (target == L.dw) g.put((int) L.offset, gw);
            else target.data().asNioFloat().put(0, gw);
            long bOff = L.offset + (long) L.in * L.out;
            g.put((int) bOff, k.biasGradient(l));
            if (L.adaptive) {
                float[] s = k.scaleGradient(l), da = new float[L.out];
                for (int j = 0; j < L.out; j++) da[j] = (float) (s[j] * L.omega); // s = a ω: dL/da = ω dL/ds
                g.put((int) (bOff + L.out), da);
            }
            L.unfold();
        }
    }

    /**
     * dL/dx for the last backward: for a hash grid from the dL/d(features) that backward kept; otherwise a second tile
     * pass that also carries the gradient through the encoding.
     */
    INDArray inputGradient() {
        float[] dx = new float[n * d];
        if (grid != null) grid.inputGradient(xs, n, tables, dFeat, dx);
        else kernel().backward(dRaw, dx);
        if (dxArr == null) dxArr = Nd4j.create(DataType.FLOAT, n, d);
        dxArr.data().asNioFloat().put(0, dx);
        return dxArr;
    }

    /** A float32 row-major copy of a [rows, cols] array into dst. */
    private static void read(INDArray a, float[] dst) {
        if (a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView() && a.offset() == 0 && a.length() == dst.length)
            a.data().asNioFloat().get(0, dst);
        else
            a.castTo(DataType.FLOAT).dup('c').data().asNioFloat().get(0, dst);
    }

    private static float[] floats(INDArray a) { return a.castTo(DataType.FLOAT).dup('c').data().asFloat(); }
}
