package dev.fields.nn.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.stream.IntStream;

/**
 * A dense MLP evaluated tile by tile: {@link #TILE} points at a time go through the encoding and every layer, forward
 * and backward, in per-thread buffers that stay in L1/L2; weight gradients accumulate per thread and are summed once
 * per pass. Float32, Vector API FMAs with the points of a tile in the vector lanes (feature-major tiles). The tiles
 * form {@link #CHUNKS} contiguous runs with one set of gradient sums each, taken by the threads as they come free (a
 * core busy with other work slows the pass less) and summed in run order: results depend neither on the
 * scheduling nor on the number of threads.
 *
 * <p>The function: {@code e = [x (optional), sin(x·M + phase)]}; hidden layers {@code z = h·W + b},
 * {@code y = act(s ⊙ z)} with a per-neuron scale s (SIREN's ω₀, adaptive slopes) and act ReLU, sine or softplus
 * ({@link Activation}); the output layer
 * {@code raw = h·W + b}. W is in × out row-major. The caller folds any reparameterization into W before
 * {@link #setLayer} and unfolds the gradient of W after {@link #backward}. Hidden activations of the last forward
 * are kept for the backward; the encoding is recomputed there (cheaper than storing it). Not thread-safe.
 */
public final class FusedMlp {
    /**
     * Hidden activations the kernel implements. The backward of ReLU and softplus needs only the stored activation
     * (ReLU's mask is y > 0, softplus' derivative is 1 - e^-y, {@link VectorSoftplus}); sine's needs the
     * pre-activation, which is then stored beside it, as it is for every activation with trainable (adaptive) scales.
     */
    public enum Activation { RELU, SINE, SOFTPLUS }

    /** Points per tile (a multiple of 16). */
    public static final int TILE = 128;
    private static final int T = TILE;
    private static final VectorSpecies<Float> S = VectorSine.S;
    private static final int V = 8;
    /** Runs of tiles per pass, each with its own gradient sums. */
    static final int CHUNKS = 16;

    private final int d, kSin, kEnc, layers, outDim, threads;
    private final boolean includeInput, adaptive;
    private final float[] encM, encPhase;
    private final Activation act;
    private final int[] in, inTrue, out, pad;
    private final boolean[] keepZ;
    private final float[][] w, bias, scale;
    private final float[][] gradW, gradB, gradS;
    private final Arena[] arenas;
    private final Sums[] sums = new Sums[CHUNKS];
    private float[][] yStore, zStore;
    private int storedTiles, lastN = -1;
    private float[] lastX;
    private boolean lastColumns;

    /**
     * @param d        input dimension
     * @param m        encoding matrix d × kSin row-major (kSin may be 0: no sine columns)
     * @param phase    phase row (kSin values)
     * @param includeInput whether the raw input heads the encoding
     * @param widths   [encoded width, hidden widths..., output width]
     * @param adaptive hidden scales are trainable (their gradient is reported by {@link #scaleGradient})
     * @param threads  worker threads (the caller's thread is one of them)
     */
    public FusedMlp(int d, float[] m, float[] phase, boolean includeInput, int[] widths, Activation act, boolean adaptive, int threads) {
        this.d = d;
        this.kSin = phase.length;
        this.kEnc = (includeInput ? d : 0) + kSin;
        if (widths[0] != kEnc) throw new IllegalArgumentException("the first layer takes " + widths[0] + " inputs, the encoding gives " + kEnc);
        if (m.length != d * kSin) throw new IllegalArgumentException("encoding matrix must be " + d + " x " + kSin);
        this.includeInput = includeInput;
        this.encM = m.clone();
        this.encPhase = phase.clone();
        this.act = act;
        this.adaptive = adaptive;
        this.threads = Math.max(1, threads);
        layers = widths.length - 1;
        outDim = widths[layers];
        in = new int[layers]; inTrue = new int[layers]; out = new int[layers]; pad = new int[layers];
        keepZ = new boolean[layers];
        w = new float[layers][]; bias = new float[layers][]; scale = new float[layers][];
        gradW = new float[layers][]; gradB = new float[layers][]; gradS = new float[layers][];
        for (int l = 0; l < layers; l++) {
            out[l] = widths[l + 1];
            pad[l] = (out[l] + V - 1) / V * V;
            inTrue[l] = widths[l];
            in[l] = l == 0 ? kEnc : pad[l - 1];
            keepZ[l] = l < layers - 1 && (adaptive || switch (act) { case SINE -> true; case RELU, SOFTPLUS -> false; });
            w[l] = new float[in[l] * pad[l]];
            bias[l] = new float[pad[l]];
            scale[l] = new float[pad[l]];
            java.util.Arrays.fill(scale[l], 1f);
            gradW[l] = new float[inTrue[l] * out[l]];
            gradB[l] = new float[out[l]];
            gradS[l] = new float[out[l]];
        }
        arenas = new Arena[this.threads];
        for (int t = 0; t < this.threads; t++) arenas[t] = new Arena();
    }

    /** Gradient sums of one run of tiles (padded layouts). */
    private final class Sums {
        final float[][] gw = new float[layers][], gb = new float[layers][], gs = new float[layers][];

        Sums() {
            for (int l = 0; l < layers; l++) { gw[l] = new float[in[l] * pad[l]]; gb[l] = new float[pad[l]]; gs[l] = new float[pad[l]]; }
        }

        void clear() {
            for (int l = 0; l < layers; l++) { java.util.Arrays.fill(gw[l], 0f); java.util.Arrays.fill(gb[l], 0f); java.util.Arrays.fill(gs[l], 0f); }
        }
    }

    /** Per-thread tile buffers and gradient accumulators. */
    private final class Arena {
        final float[] xt = new float[d * T], e = new float[kEnc * T], o, d0, d1, dpm, z, y0, y1, dxAcc = new float[d * T];
        Arena() {
            int rows = Math.max(kEnc, 1), maxPad = 0;
            for (int l = 0; l < layers; l++) { rows = Math.max(rows, Math.max(in[l], pad[l])); maxPad = Math.max(maxPad, pad[l]); }
            o = new float[pad[layers - 1] * T];
            d0 = new float[rows * T];
            d1 = new float[rows * T];
            dpm = new float[T * maxPad];
            z = new float[maxPad * T];
            y0 = new float[maxPad * T];
            y1 = new float[maxPad * T];
        }
    }

    /**
     * Layer l's parameters for the next passes: effective weight (inputs × outputs row-major), bias, and for hidden
     * layers the per-neuron scale (null: all 1).
     */
    public void setLayer(int l, float[] weight, float[] b, float[] s) {
        int ni = inTrue[l], no = out[l], p = pad[l];
        if (weight.length != ni * no || b.length != no) throw new IllegalArgumentException("layer " + l + " is " + ni + " x " + no);
        float[] wl = w[l];
        for (int i = 0; i < ni; i++) System.arraycopy(weight, i * no, wl, i * p, no);
        System.arraycopy(b, 0, bias[l], 0, no);
        if (s != null) System.arraycopy(s, 0, scale[l], 0, no);
    }

    public int layers() { return layers; }

    /** dL/dW of layer l after {@link #backward} (inputs × outputs row-major). Owned by the kernel. */
    public float[] weightGradient(int l) { return gradW[l]; }

    /** dL/db of layer l after {@link #backward}. */
    public float[] biasGradient(int l) { return gradB[l]; }

    /** dL/ds of hidden layer l after {@link #backward}: Σ over points of dL/d(s z) · z (zero unless adaptive). */
    public float[] scaleGradient(int l) { return gradS[l]; }

    /**
     * Raw outputs for n points {@code x} (n × d row-major) into {@code raw} (n × outputs). With {@code keep} the hidden
     * activations are stored for {@link #backward} and x is referenced (the caller must not change it before then).
     */
    public void forward(float[] x, int n, float[] raw, boolean keep) { forward(x, n, raw, keep, false); }

    /**
     * As {@link #forward} for inputs given feature-major: input i of point p at {@code x[i·n + p]} (how a trainable
     * encoding that runs ahead of the kernel writes its features). A following {@link #backward} writes dL/dx in the
     * same layout.
     */
    public void forwardColumns(float[] x, int n, float[] raw, boolean keep) { forward(x, n, raw, keep, true); }

    private void forward(float[] x, int n, float[] raw, boolean keep, boolean columns) {
        int tiles = (n + T - 1) / T;
        if (keep) {
            ensureStore(tiles);
            lastN = n;
            lastX = x;
            lastColumns = columns;
        } else {
            lastN = -1;
            lastX = null;
        }
        parallel(tiles, (a, g, t) -> forwardTile(a, x, n, columns, t, raw, keep));
    }

    /**
     * Gradients of a loss with dL/d(raw) = {@code dRaw} (n × outputs) for the last kept forward, summed over the
     * points (read with {@link #weightGradient} etc.); with {@code dx} non-null also dL/dx (n × d, in the layout of the
     * forward's inputs), in the same tile pass.
     */
    public void backward(float[] dRaw, float[] dx) {
        if (lastN < 0) throw new IllegalStateException("backward needs a forward that kept its activations");
        int n = lastN, tiles = (n + T - 1) / T;
        int runs = Math.min(CHUNKS, tiles);
        for (int c = 0; c < runs; c++) {
            if (sums[c] == null) sums[c] = new Sums();
            sums[c].clear();
        }
        boolean columns = lastColumns;
        parallel(tiles, (a, g, t) -> backwardTile(a, g, lastX, n, columns, t, dRaw, dx));
        for (int l = 0; l < layers; l++) {
            int ni = inTrue[l], no = out[l], p = pad[l];
            float[] gW = gradW[l], gB = gradB[l], gS = gradS[l];
            java.util.Arrays.fill(gW, 0f); java.util.Arrays.fill(gB, 0f); java.util.Arrays.fill(gS, 0f);
            for (int c = 0; c < runs; c++) {
                Sums a = sums[c];
                float[] aw = a.gw[l];
                for (int i = 0; i < ni; i++)
                    for (int j = 0; j < no; j++) gW[i * no + j] += aw[i * p + j];
                for (int j = 0; j < no; j++) { gB[j] += a.gb[l][j]; gS[j] += a.gs[l][j]; }
            }
        }
    }

    private interface TileJob { void run(Arena a, Sums sums, int tile); }

    /** Run c holds tiles [c·tiles/R, (c+1)·tiles/R) with R = min(CHUNKS, tiles); each thread takes the next free run. */
    private void parallel(int tiles, TileJob job) {
        int runs = Math.min(CHUNKS, tiles), p = Math.min(threads, runs);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntConsumer worker = s -> {
            Arena a = arenas[s];
            for (int c; (c = next.getAndIncrement()) < runs; )
                for (int t = (int) ((long) c * tiles / runs), end = (int) ((long) (c + 1) * tiles / runs); t < end; t++) job.run(a, sums[c], t);
        };
        if (p <= 1) worker.accept(0);
        else IntStream.range(0, p).parallel().forEach(worker);
    }

    private void ensureStore(int tiles) {
        if (yStore != null && storedTiles >= tiles) return;
        yStore = new float[layers][];
        zStore = new float[layers][];
        for (int l = 0; l + 1 < layers; l++) {
            yStore[l] = new float[tiles * pad[l] * T];
            if (keepZ[l]) zStore[l] = new float[tiles * pad[l] * T];
        }
        storedTiles = tiles;
    }

    /** e ← encoding of the tile's points (feature-major kEnc × T; padding points are x = 0). */
    private void encode(Arena a, float[] x, int n, boolean columns, int t) {
        int p0 = t * T, valid = Math.min(T, n - p0);
        float[] xt = a.xt, e = a.e;
        for (int i = 0; i < d; i++) {
            int row = i * T;
            if (columns) System.arraycopy(x, i * n + p0, xt, row, valid);
            else for (int p = 0; p < valid; p++) xt[row + p] = x[(p0 + p) * d + i];
            java.util.Arrays.fill(xt, row + valid, row + T, 0f);
        }
        int r0 = 0;
        if (includeInput) { System.arraycopy(xt, 0, e, 0, d * T); r0 = d; }
        for (int k = 0; k < kSin; k++) {
            FloatVector ph = FloatVector.broadcast(S, encPhase[k]);
            int row = (r0 + k) * T;
            for (int p = 0; p < T; p += V) {
                FloatVector acc = FloatVector.fromArray(S, xt, p).mul(encM[k]);
                for (int i = 1; i < d; i++) acc = FloatVector.fromArray(S, xt, i * T + p).fma(FloatVector.broadcast(S, encM[i * kSin + k]), acc);
                VectorSine.sin(acc.add(ph)).intoArray(e, row + p);
            }
        }
    }

    private void forwardTile(Arena a, float[] x, int n, boolean columns, int t, float[] raw, boolean keep) {
        encode(a, x, n, columns, t);
        float[] h = a.e;
        int hOff = 0;
        for (int l = 0; l < layers; l++) {
            int p = pad[l];
            boolean last = l == layers - 1;
            float[] zArr, yArr;
            int off;
            if (last) { zArr = yArr = a.o; off = 0; }
            else if (keep) { yArr = yStore[l]; zArr = keepZ[l] ? zStore[l] : yArr; off = t * p * T; }
            else { yArr = (l & 1) == 0 ? a.y0 : a.y1; zArr = keepZ[l] ? a.z : yArr; off = 0; }
            TileGemm.gemm(p, T, in[l], w[l], 0, 1, p, h, hOff, T, zArr, off, T, false);
            if (last) break;
            activate(l, zArr, yArr, off);
            h = yArr;
            hOff = off;
        }
        int p0 = t * T, valid = Math.min(T, n - p0), no = out[layers - 1];
        float[] o = a.o, b = bias[layers - 1];
        for (int j = 0; j < no; j++)
            for (int p = 0; p < valid; p++) raw[(p0 + p) * no + j] = o[j * T + p] + b[j];
    }

    /** z += b; y = act(s ⊙ z) for the rows of hidden layer l (z and y may be the same array when z is not kept). */
    private void activate(int l, float[] z, float[] y, int off) {
        float[] b = bias[l], s = scale[l];
        boolean kz = keepZ[l];
        for (int j = 0; j < pad[l]; j++) {
            int row = off + j * T;
            FloatVector bj = FloatVector.broadcast(S, b[j]), sj = FloatVector.broadcast(S, s[j]);
            for (int p = 0; p < T; p += V) {
                FloatVector zv = FloatVector.fromArray(S, z, row + p).add(bj);
                if (kz) zv.intoArray(z, row + p);
                FloatVector pre = zv.mul(sj);
                FloatVector yv = switch (act) {
                    case RELU -> pre.max(0f);
                    case SINE -> VectorSine.sin(pre);
                    case SOFTPLUS -> VectorSoftplus.softplus(pre);
                };
                yv.intoArray(y, row + p);
            }
        }
    }

    private void backwardTile(Arena a, Sums g, float[] x, int n, boolean columns, int t, float[] dRaw, float[] dx) {
        int p0 = t * T, valid = Math.min(T, n - p0);
        float[] dCur = a.d0, dNext = a.d1;
        int last = layers - 1, no = out[last];
        java.util.Arrays.fill(dCur, 0, pad[last] * T, 0f);
        for (int j = 0; j < no; j++)
            for (int p = 0; p < valid; p++) dCur[j * T + p] = dRaw[(p0 + p) * no + j];
        for (int l = last; l >= 0; l--) {
            int p = pad[l];
            if (l < last) derivative(g, l, t, dCur);
            float[] gb = g.gb[l];
            for (int j = 0; j < p; j++) {
                FloatVector sum = FloatVector.zero(S);
                for (int q = 0; q < T; q += V) sum = sum.add(FloatVector.fromArray(S, dCur, j * T + q));
                gb[j] += sum.reduceLanes(VectorOperators.ADD);
            }
            float[] dpm = a.dpm;
            for (int j = 0; j < p; j++)
                for (int q = 0; q < T; q++) dpm[q * p + j] = dCur[j * T + q];
            float[] h;
            int hOff;
            if (l == 0) { encode(a, x, n, columns, t); h = a.e; hOff = 0; }
            else { h = yStore[l - 1]; hOff = t * pad[l - 1] * T; }
            TileGemm.gemm(in[l], p, T, h, hOff, T, 1, dpm, 0, p, g.gw[l], 0, p, true);
            if (l > 0 || dx != null) {
                TileGemm.gemm(in[l], T, p, w[l], 0, p, 1, dCur, 0, T, dNext, 0, T, false);
                float[] s = dCur; dCur = dNext; dNext = s;
            }
        }
        if (dx != null) inputGradient(a, t, valid, n, columns, dCur, dx);
    }

    /**
     * dL/dy of hidden layer l (rows of dCur) → dL/dz = s act'(s z) dL/dy, accumulating dL/ds = Σ act'(s z) dL/dy z when
     * z is kept. ReLU's act' is the mask y > 0 and softplus' is 1 - e^-y: both from the stored y alone.
     */
    private void derivative(Sums a, int l, int t, float[] dCur) {
        int p = pad[l], off = t * p * T;
        float[] y = yStore[l], z = zStore[l], s = scale[l], gs = a.gs[l];
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < p; j++) {
            int row = j * T;
            FloatVector sj = FloatVector.broadcast(S, s[j]);
            if (!keepZ[l]) {
                for (int q = 0; q < T; q += V) {
                    FloatVector dv = FloatVector.fromArray(S, dCur, row + q), yv = FloatVector.fromArray(S, y, off + row + q);
                    FloatVector dpre = switch (act) {
                        case RELU -> zero.blend(dv, yv.compare(VectorOperators.GT, 0f));
                        case SOFTPLUS -> dv.mul(VectorSoftplus.derivativeFromOutput(yv));
                        case SINE -> throw new IllegalStateException("a sine layer keeps its pre-activation");
                    };
                    dpre.mul(sj).intoArray(dCur, row + q);
                }
                continue;
            }
            FloatVector ds = zero;
            for (int q = 0; q < T; q += V) {
                FloatVector dv = FloatVector.fromArray(S, dCur, row + q);
                FloatVector zv = FloatVector.fromArray(S, z, off + row + q);
                FloatVector dpre = switch (act) {
                    case RELU -> zero.blend(dv, FloatVector.fromArray(S, y, off + row + q).compare(VectorOperators.GT, 0f));
                    case SINE -> dv.mul(VectorSine.cos(zv.mul(sj)));
                    case SOFTPLUS -> dv.mul(VectorSoftplus.derivativeFromOutput(FloatVector.fromArray(S, y, off + row + q)));
                };
                ds = dpre.fma(zv, ds);
                dpre.mul(sj).intoArray(dCur, row + q);
            }
            gs[j] += ds.reduceLanes(VectorOperators.ADD);
        }
    }

    /** dL/dx from dL/de (rows of de, kEnc × T): the raw-input part plus Σ_k dL/de_k cos(x·M_k + phase_k) M_k. */
    private void inputGradient(Arena a, int t, int valid, int n, boolean columns, float[] de, float[] dx) {
        float[] xt = a.xt, acc = a.dxAcc; // xt still holds this tile's inputs (encode ran for layer 0)
        int r0 = includeInput ? d : 0;
        if (includeInput) System.arraycopy(de, 0, acc, 0, d * T);
        else java.util.Arrays.fill(acc, 0f);
        for (int k = 0; k < kSin; k++) {
            FloatVector ph = FloatVector.broadcast(S, encPhase[k]);
            for (int q = 0; q < T; q += V) {
                FloatVector arg = FloatVector.fromArray(S, xt, q).mul(encM[k]);
                for (int i = 1; i < d; i++) arg = FloatVector.fromArray(S, xt, i * T + q).fma(FloatVector.broadcast(S, encM[i * kSin + k]), arg);
                FloatVector g = FloatVector.fromArray(S, de, (r0 + k) * T + q).mul(VectorSine.cos(arg.add(ph)));
                for (int i = 0; i < d; i++)
                    g.fma(FloatVector.broadcast(S, encM[i * kSin + k]), FloatVector.fromArray(S, acc, i * T + q)).intoArray(acc, i * T + q);
            }
        }
        int p0 = t * T;
        for (int i = 0; i < d; i++)
            if (columns) System.arraycopy(acc, i * T, dx, i * n + p0, valid);
            else for (int q = 0; q < valid; q++) dx[(p0 + q) * d + i] = acc[i * T + q];
    }
}
