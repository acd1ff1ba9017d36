package dev.fields.nn;

import dev.fields.io.spec.Activation;
import dev.fields.nn.fused.FusedMlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * A {@link FieldNetwork}'s passes on the fused CPU kernel: before each forward every layer's parameterization is
 * folded into its effective weight ({@link DenseLayer#effective()}), after the backward the kernel's dL/dW_eff is
 * unfolded into the factors ({@link DenseLayer#unfold()}); the heads stay the network's. Float32 MLPs with a fixed
 * encoding only (see {@link Backend#fusedUnsupported}).
 */
final class FusedPath {
    private final FieldNetwork net;
    private final DenseLayer[] layers;
    private final int d, o;
    private Encoder builtFor;
    private FusedMlp mlp;
    private int n = -1;
    private float[] xs, raw, dRaw;
    private INDArray rawArr, outArr, headGrad, dRawArr, dxArr;
    private final float[][] weights, biases, scales;

    FusedPath(FieldNetwork net) {
        this.net = net;
        this.layers = net.layers();
        this.d = net.spec().inputDim();
        this.o = net.spec().outputDim();
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
        Encoder e = net.encoder();
        if (mlp != null && builtFor == e) return mlp;
        float[] m = e.k == 0 ? new float[0] : floats(e.m);
        float[] ph = e.k == 0 ? new float[0] : floats(e.phase);
        FusedMlp.Activation a = net.spec().network().activation() == Activation.SINE ? FusedMlp.Activation.SINE : FusedMlp.Activation.RELU;
        boolean adaptive = layers.length > 1 && layers[0].adaptive;
        mlp = new FusedMlp(d, m, ph, e.includeInput, net.spec().layerWidths(), a, adaptive, Runtime.getRuntime().availableProcessors());
        builtFor = e;
        return mlp;
    }

    INDArray forward(INDArray x) {
        FusedMlp k = kernel();
        int rows = (int) x.rows();
        if (rows != n) {
            n = rows;
            xs = new float[n * d];
            raw = new float[n * o];
            dRaw = new float[n * o];
            rawArr = Nd4j.create(DataType.FLOAT, n, o);
            outArr = net.identityHeads() ? null : Nd4j.create(DataType.FLOAT, n, o);
            headGrad = outArr == null ? null : Nd4j.create(DataType.FLOAT, n, o);
            dRawArr = Nd4j.create(DataType.FLOAT, n, o);
            dxArr = null;
        }
        read(x, xs);
        fold(k);
        k.forward(xs, n, raw, true);
        rawArr.data().asNioFloat().put(0, raw);
        if (outArr == null) return rawArr;
        outArr.assign(rawArr);
        net.applyHeads(outArr);
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
        k.forward(xs, count, res, false);
        if (net.identityHeads()) return res;
        INDArray v = Nd4j.create(res, new long[]{count, o}, 'c');
        net.applyHeads(v);
        return v.data().asFloat();
    }

    /** Every layer's parameters into the kernel, each parameterization folded into its effective weight. */
    private void fold(FusedMlp k) {
        FloatBuffer p = net.params().data().asNioFloat();
        for (int l = 0; l < layers.length; l++) {
            DenseLayer L = layers[l];
            INDArray we = L.effective(); // the fold: W itself for plain and adaptive layers, W_eff in scratch otherwise
            if (we == L.w) p.get((int) L.offset, weights[l]);
            else we.data().asNioFloat().get(0, weights[l]);
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
        dRawArr.assign(dOut);
        if (outArr != null) {
            net.headDerivatives(rawArr, headGrad);
            dRawArr.muli(headGrad);
        }
        dRawArr.data().asNioFloat().get(0, dRaw);
        FusedMlp k = kernel();
        k.backward(dRaw, null);
        FloatBuffer g = net.gradient().data().asNioFloat();
        for (int l = 0; l < layers.length; l++) {
            DenseLayer L = layers[l];
            INDArray target = L.effectiveGradient();
            if (target == L.dw) g.put((int) L.offset, k.weightGradient(l));
            else target.data().asNioFloat().put(0, k.weightGradient(l));
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

    /** dL/dx for the last backward (a second tile pass that also carries the gradient through the encoding). */
    INDArray inputGradient() {
        float[] dx = new float[n * d];
        kernel().backward(dRaw, dx);
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
