package dev.fields.nn;

import dev.fields.io.spec.Activation;
import dev.fields.io.spec.Parameterization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One dense layer {@code y = act(scale ⊙ (h · W + b))} with a swappable parameterization of W (stored in × out):
 * PLAIN (W), RWF ({@code W = V ⊙ g}, g per output neuron, Wang et al. 2022), WEIGHT_NORM
 * ({@code W_j = g_j v_j / ||v_j||}, Salimans and Kingma 2016), ADAPTIVE (plain W, {@code scale = a}, trainable per
 * neuron, Jagtap et al. 2020; hidden layers only). {@code scale} also carries SIREN's omega0. Output layers have no
 * activation. Parameters and gradients are views into the network's flat buffers.
 */
final class DenseLayer {
    final int in, out;
    final Parameterization p;
    final Activation act; // null for the output layer
    final double omega;
    final boolean adaptive, factorized;
    INDArray w, g, b, a;      // parameter views: W or V (in,out), g (1,out), b (1,out), a (1,out)
    INDArray dw, dg, db, da;  // gradient views
    final INDArray weff, dweff, tmp, scaleRow, colNorm; // scratch (in,out) and (1,out)
    long offset; // of W (or V) in the flat buffers; b, g, a follow in that order

    DenseLayer(int in, int out, Parameterization p, Activation act, double omega, DataType dt) {
        this.in = in;
        this.out = out;
        this.p = p;
        this.act = act;
        this.omega = act == Activation.SINE ? omega : 1.0;
        this.adaptive = act != null && switch (p) { case ADAPTIVE -> true; case PLAIN, RWF, WEIGHT_NORM -> false; };
        this.factorized = switch (p) { case RWF, WEIGHT_NORM -> true; case PLAIN, ADAPTIVE -> false; };
        weff = factorized ? Nd4j.create(dt, in, out) : null;
        dweff = factorized ? Nd4j.create(dt, in, out) : null;
        tmp = factorized ? Nd4j.create(dt, in, out) : null;
        scaleRow = adaptive ? Nd4j.create(dt, 1, out) : null;
        colNorm = p == Parameterization.WEIGHT_NORM ? Nd4j.create(dt, 1, out) : null;
    }

    /** Number of trainable values. */
    long size() { return (long) in * out + out + (factorized ? out : 0) + (adaptive ? out : 0); }

    /** Binds views into the flat buffers starting at offset; returns the next offset. */
    long bind(INDArray params, INDArray grad, long off) {
        offset = off;
        w = view(params, off, in, out);
        dw = view(grad, off, in, out);
        off += (long) in * out;
        b = view(params, off, 1, out);
        db = view(grad, off, 1, out);
        off += out;
        if (factorized) { g = view(params, off, 1, out); dg = view(grad, off, 1, out); off += out; }
        if (adaptive) { a = view(params, off, 1, out); da = view(grad, off, 1, out); off += out; }
        return off;
    }

    private static INDArray view(INDArray flat, long off, int rows, int cols) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(off, off + (long) rows * cols)).reshape('c', rows, cols);
    }

    /** Sets the initial values from a plain weight matrix W (in × out, row-major) and bias, per the parameterization. */
    void init(double[] w0, double[] b0, double[] s) {
        INDArray wm = Nd4j.create(w0, new long[]{in, out}, 'c').castTo(w.dataType());
        b.assign(Nd4j.create(b0, new long[]{1, out}, 'c').castTo(b.dataType()));
        INDArray assigned = switch (p) {
            case RWF -> {
                // RWF init: g = exp(s), s ~ N(mu, sigma); V = W / g so the net starts as the Glorot net (Wang et al. 2022, Sec. 3)
                double[] gg = new double[out];
                for (int j = 0; j < out; j++) gg[j] = Math.exp(s[j]);
                INDArray grow = Nd4j.create(gg, new long[]{1, out}, 'c').castTo(w.dataType());
                g.assign(grow);
                yield w.assign(wm.divRowVector(grow));
            }
            case WEIGHT_NORM -> {
                g.assign(wm.norm2(0).reshape(1, out));
                yield w.assign(wm);
            }
            case PLAIN, ADAPTIVE -> w.assign(wm);
        };
        assert assigned == w;
        if (adaptive) a.assign(1.0);
    }

    /** The effective plain weight (in × out) for the current parameters. */
    INDArray effective() {
        return switch (p) {
            case RWF -> weff.assign(w).muliRowVector(g);
            case WEIGHT_NORM -> {
                colNorm.assign(w.norm2(0).reshape(1, out));
                yield weff.assign(w).diviRowVector(colNorm).muliRowVector(g);
            }
            case PLAIN, ADAPTIVE -> w;
        };
    }

    /** z ← scale ⊙ (h · W + b); y ← act(z) for hidden layers (z keeps the pre-activation); zl keeps h·W+b if adaptive. */
    void forward(INDArray h, INDArray z, INDArray y, INDArray zl) {
        INDArray we = effective();
        Nd4j.gemm(h, we, z, false, false, 1.0, 0.0);
        z.addiRowVector(b);
        if (act == null) return;
        if (adaptive) {
            zl.assign(z);
            scaleRow.assign(a).muli(omega);
            z.muliRowVector(scaleRow);
        } else if (omega != 1.0) {
            z.muli(omega);
        }
        Activations.forward(act, z, y);
    }

    /**
     * Backward: {@code dy} (n × out) is dL/dy for hidden layers or dL/dz for the output layer; it is overwritten.
     * Writes parameter gradients and, when {@code dh} is non-null, {@code dh ← dL/dh + beta·dh}.
     */
    void backward(INDArray h, INDArray z, INDArray y, INDArray zl, INDArray dy, INDArray dh, double beta, INDArray ones) {
        if (act != null) {
            Activations.backward(act, z, y, dy); // dy = dL/dpre
            if (adaptive) {
                z.assign(zl).muli(omega).muli(dy);            // dpre/da = omega * zl
                Nd4j.gemm(ones, z, da, false, false, 1.0, 0.0);
                dy.muliRowVector(scaleRow);
            } else if (omega != 1.0) {
                dy.muli(omega);
            }
        }
        INDArray we = factorized ? weff : w;
        Nd4j.gemm(h, dy, effectiveGradient(), true, false, 1.0, 0.0);
        Nd4j.gemm(ones, dy, db, false, false, 1.0, 0.0); // bias gradient as a GEMM with a ones row
        if (dh != null) Nd4j.gemm(dy, we, dh, false, true, 1.0, beta);
        unfold();
    }

    /** Where the gradient of the effective weight goes: the scratch dWeff when factorized, else dW itself. */
    INDArray effectiveGradient() { return factorized ? dweff : dw; }

    /**
     * Gradients of the factors (dW or dV, dg) from {@link #effectiveGradient()}, for the parameters of the last
     * {@link #effective()} call.
     */
    void unfold() {
        INDArray unfolded = switch (p) { // gradient of the factors from the gradient of the effective weight
            case RWF -> {
                tmp.assign(dweff).muli(w);
                dg.assign(tmp.sum(0).reshape(1, out));
                yield dw.assign(dweff).muliRowVector(g);
            }
            case WEIGHT_NORM -> {
                tmp.assign(w).diviRowVector(colNorm);               // v̂
                INDArray proj = dweff.mul(tmp).sum(0).reshape(1, out); // v̂ · dW per column
                dg.assign(proj);
                tmp.muliRowVector(proj).rsubi(dweff);              // dW - v̂ (v̂·dW)
                yield dw.assign(tmp).muliRowVector(g.div(colNorm));
            }
            case PLAIN, ADAPTIVE -> dw;
        };
        assert unfolded == dw;
    }

    /** Exported plain weights (out × in, row-major) with omega0 and adaptive slopes folded in. */
    float[] exportWeight() {
        INDArray we = effective().dup('c');
        INDArray s = exportScale();
        if (s != null) we.muliRowVector(s);
        return we.transpose().dup('c').castTo(DataType.FLOAT).data().asFloat();
    }

    float[] exportBias() {
        INDArray bb = b.dup('c');
        INDArray s = exportScale();
        if (s != null) bb.muli(s);
        return bb.castTo(DataType.FLOAT).data().asFloat();
    }

    private INDArray exportScale() {
        if (act == null) return null;
        if (adaptive) return a.mul(omega);
        return omega != 1.0 ? Nd4j.ones(w.dataType(), 1, out).muli(omega) : null;
    }

    /** Lipschitz bound of this layer's map h → scale ⊙ (hW+b): spectral norm estimate by power iteration. */
    double spectralNorm() {
        INDArray we = effective().dup('c');
        INDArray s = exportScale();
        if (s != null) we.muliRowVector(s);
        INDArray v = Nd4j.ones(we.dataType(), out, 1);
        double sigma = 0;
        for (int i = 0; i < 30; i++) {
            INDArray u = we.mmul(v);
            v = we.transpose().mmul(u);
            double nv = v.norm2Number().doubleValue();
            if (nv == 0) return 0;
            v.divi(nv);
            sigma = Math.sqrt(nv);
        }
        return sigma;
    }
}
