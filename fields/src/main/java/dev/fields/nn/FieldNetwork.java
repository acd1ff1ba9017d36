package dev.fields.nn;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Implementation of a {@link FieldSpec}: hand-written forward and backward passes on preallocated ND4J buffers, one
 * flat parameter buffer and one flat gradient buffer (so an optimizer updates everything in one call). Narrow float32
 * MLPs run their passes on the fused CPU kernel instead ({@link Backend}, {@link FusedPath}); parameters, gradients
 * and heads stay here either way.
 * {@link #forward} returns the outputs after the heads the spec declares; {@link #backward} takes dL/d(those outputs)
 * and back-propagates the heads itself. Not thread-safe.
 */
public final class FieldNetwork {
    private final FieldSpec spec;
    private final DataType dt;
    private Encoder encoder; // sine encodings only (null for a hash grid); rebuilt when initFrom brings another Fourier matrix
    private final HashGridEncoder grid; // hash grid only: its tables head the flat parameter buffer
    private final float[] fourierB;
    private final DenseLayer[] layers;
    private final DenseLayer gateU, gateV; // modified MLP only
    private final INDArray params, grad;
    private Buffers buf, spare;
    private final Backend backend;
    private final FusedPath fused; // non-null when the fused CPU kernel runs the passes
    private BandWindow window; // built on first use (initFrom may bring another Fourier matrix)
    private float[] columnWeights; // coarse-to-fine weight of each encoded column; null = all fully on
    private INDArray columnRow; // the same as a (1, encodedDim) row
    private double opening = Double.POSITIVE_INFINITY; // the alpha of the last openBands

    /** Builds and initializes the network (float32); the backend comes from {@link Backend#fromProperty()}. */
    public FieldNetwork(FieldSpec spec, long seed) { this(spec, seed, DataType.FLOAT); }

    /** As above with a chosen precision (tests check gradients in float64). */
    public FieldNetwork(FieldSpec spec, long seed, DataType dt) { this(spec, seed, dt, Backend.fromProperty()); }

    /**
     * As above on a chosen backend: {@link Backend#AUTO} decides by shape, {@link Backend#FUSED} fails with a
     * {@link dev.fields.io.UserError} for a network the fused kernel cannot run. Parameters and their initial values
     * do not depend on the backend.
     */
    public FieldNetwork(FieldSpec spec, long seed, DataType dt, Backend backend) { this(spec, seed, dt, null, backend); }

    private FieldNetwork(FieldSpec spec, long seed, DataType dt, float[] givenB, Backend requested) {
        this.spec = spec;
        this.dt = dt;
        NetworkSpec n = spec.network();
        SplittableRandom rng = new SplittableRandom(seed);
        int d = spec.inputDim();
        if (givenB != null) {
            fourierB = givenB.clone();
        } else {
            fourierB = spec.encoding().accept(EncodingSpec.Visitor.<float[]>of(i -> null, p -> null, g -> {
                float[] b = new float[g.features() * d];
                for (int i = 0; i < b.length; i++) b[i] = (float) (dev.fields.math.Gaussian.next(rng) * g.sigma()); // B ~ N(0, sigma^2) (Tancik et al. 2020)
                return b;
            }, h -> null));
        }
        grid = spec.encoding().accept(EncodingSpec.Visitor.<HashGridEncoder>of(i -> null, p -> null, g -> null,
                h -> new HashGridEncoder(h, d, spec.frame())));
        encoder = grid != null ? null : new Encoder(spec.encoding(), d, fourierB, dt);
        int[] w = spec.layerWidths();
        layers = new DenseLayer[w.length - 1];
        for (int l = 0; l < layers.length; l++)
            layers[l] = new DenseLayer(w[l], w[l + 1], n.parameterization(), l < layers.length - 1 ? n.activation() : null, n.omega0(), dt);
        boolean mod = n.type() == NetworkSpec.Type.MODIFIED;
        gateU = mod ? new DenseLayer(w[0], w[1], n.parameterization(), n.activation(), n.omega0(), dt) : null;
        gateV = mod ? new DenseLayer(w[0], w[1], n.parameterization(), n.activation(), n.omega0(), dt) : null;
        long total = tableValues();
        for (DenseLayer L : all()) total += L.size();
        params = Nd4j.create(dt, 1, total);
        grad = Nd4j.create(dt, 1, total);
        long off = tableValues();
        for (DenseLayer L : all()) off = L.bind(params, grad, off);
        Initializers.init(this, rng);
        if (grid != null) grid.init(params, rng);
        backend = Backend.resolve(requested, spec, dt);
        fused = backend == Backend.FUSED ? new FusedPath(this) : null;
    }

    /** The backend that runs this network's passes: {@link Backend#ND4J} or {@link Backend#FUSED}. */
    public Backend backend() { return backend; }

    /** Number of frequency bands coarse-to-fine training can open ({@link BandWindow}; 0 for the identity encoding). */
    public int bands() { return window().bands(); }

    /**
     * Weights every encoded column by its band's window at opening {@code alpha} (in bands, {@link BandWindow});
     * {@code alpha >= bands()} switches every column fully on (the default). Forward, backward, input gradient and
     * predict see the weighted field on both backends, and {@link #exportTensors} folds the weights into the blob,
     * so a blob exported mid-schedule holds the field as it was trained at that moment.
     */
    public void openBands(double alpha) {
        if (!(alpha >= 0)) throw new IllegalArgumentException("band opening must be >= 0, got " + alpha);
        opening = alpha;
        float[] w = window().columns(alpha);
        if (w == null) { columnWeights = null; columnRow = null; return; }
        columnWeights = w;
        columnRow = Nd4j.create(w, new long[]{1, w.length}, 'c').castTo(dt);
    }

    /** The coarse-to-fine weight of every encoded column, null when all are fully on. */
    float[] columnWeights() { return columnWeights; }

    private BandWindow window() {
        if (window == null) window = BandWindow.of(spec.encoding(), spec.inputDim(), fourierB);
        return window;
    }

    /** The fixed encoder (null for a hash grid). */
    Encoder encoder() { return encoder; }

    /** Trainable encoding values at the head of {@link #params()}: the hash grid's tables, 0 for other encodings. */
    public long tableValues() { return grid == null ? 0 : grid.values(); }

    /** [from, to) ranges of {@link #params()} holding the dense layers' weight matrices (W, or V / v when factorized). */
    public java.util.List<long[]> weightRanges() {
        java.util.List<long[]> r = new java.util.ArrayList<>();
        long off = tableValues();
        for (DenseLayer L : all()) {
            r.add(new long[]{off, off + (long) L.in * L.out});
            off += L.size();
        }
        return r;
    }

    /**
     * A plain network holding an exported blob's weights: evaluates exactly what the blob means (same function as the
     * reference evaluator) with the fast preallocated forward pass. Not meant for further training.
     */
    public static FieldNetwork fromBlob(dev.fields.io.blob.FieldBlob blob) {
        FieldSpec s = blob.spec();
        NetworkSpec n = s.network();
        NetworkSpec plain = new NetworkSpec(n.type(), n.hidden(), n.activation(), dev.fields.io.spec.Parameterization.PLAIN, 1.0, 1.0, n.rwfMu(), n.rwfSigma());
        FieldSpec ps = new FieldSpec(s.inputDim(), s.encoding(), plain, s.outputs(), s.frame(), s.lipschitz(), s.viewDependence());
        float[] b = s.encoding().accept(EncodingSpec.Visitor.<float[]>of(i -> null, p -> null, g -> blob.tensor("encoding.B").data(), h -> null));
        FieldNetwork net = new FieldNetwork(ps, 0, DataType.FLOAT, b, Backend.fromProperty());
        net.loadTables(blob);
        for (int l = 0; l < net.layers.length; l++) net.load(net.layers[l], blob, "layers." + l);
        if (net.gateU != null) { net.load(net.gateU, blob, "gate_u"); net.load(net.gateV, blob, "gate_v"); }
        return net;
    }

    private void loadTables(FieldBlob blob) {
        if (grid == null) return;
        float[] t = blob.tensor("encoding.tables").data();
        if (t.length != grid.values())
            throw new IllegalArgumentException("encoding.tables has " + t.length + " values, the spec needs " + grid.values());
        tables().assign(Nd4j.create(t, new long[]{1, t.length}, 'c').castTo(dt));
    }

    /** The hash grid's tables as a view [1, values] of the parameters. */
    private INDArray tables() { return params.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, grid.values())).reshape(1, grid.values()); }

    private void load(DenseLayer L, dev.fields.io.blob.FieldBlob blob, String name) {
        float[] w = blob.tensor(name + ".weight").data(), bias = blob.tensor(name + ".bias").data();
        L.w.assign(Nd4j.create(w, new long[]{L.out, L.in}, 'c').transpose());
        L.b.assign(Nd4j.create(bias, new long[]{1, L.out}, 'c'));
    }

    DenseLayer[] all() {
        if (gateU == null) return layers;
        DenseLayer[] a = new DenseLayer[layers.length + 2];
        System.arraycopy(layers, 0, a, 0, layers.length);
        a[layers.length] = gateU;
        a[layers.length + 1] = gateV;
        return a;
    }

    DenseLayer[] layers() { return layers; }

    boolean isGate(DenseLayer l) { return l == gateU || l == gateV; }

    public FieldSpec spec() { return spec; }

    /** Flat row vector [1, P] of all trainable parameters. */
    public INDArray params() { return params; }

    /** Flat gradient, same layout as {@link #params()}. */
    public INDArray gradient() { return grad; }

    public long parameterCount() { return params.length(); }

    public DataType dataType() { return dt; }

    /** Per-batch-size scratch buffers. */
    private final class Buffers {
        final long n;
        final INDArray x, e, t, ones, de, dx, out, headGrad;
        final INDArray[] z, y, zl, dy, hIn;
        final INDArray gu, gv, guz, gvz, guzl, gvzl, uv, dgu, dgv;

        Buffers(long n) {
            this.n = n;
            x = Nd4j.create(dt, n, spec.inputDim());
            int ed = spec.encodedDim();
            e = Nd4j.create(dt, n, ed);
            t = encoder == null || encoder.k == 0 ? null : encoder.includeInput ? Nd4j.create(dt, n, encoder.k) : e;
            ones = Nd4j.ones(dt, 1, n);
            de = Nd4j.create(dt, n, ed);
            dx = Nd4j.create(dt, n, spec.inputDim());
            out = identityHeads() ? null : Nd4j.create(dt, n, spec.outputDim());
            headGrad = identityHeads() ? null : Nd4j.create(dt, n, spec.outputDim());
            int L = layers.length;
            z = new INDArray[L]; y = new INDArray[L]; zl = new INDArray[L]; dy = new INDArray[L]; hIn = new INDArray[L];
            for (int l = 0; l < L; l++) {
                DenseLayer D = layers[l];
                z[l] = Nd4j.create(dt, n, D.out);
                y[l] = D.act == null ? z[l] : Nd4j.create(dt, n, D.out);
                zl[l] = D.adaptive ? Nd4j.create(dt, n, D.out) : null;
                dy[l] = Nd4j.create(dt, n, D.out);
                hIn[l] = l == 0 ? e : gateU != null ? Nd4j.create(dt, n, D.in) : y[l - 1];
            }
            if (gateU != null) {
                int wd = layers[0].out;
                gu = Nd4j.create(dt, n, wd); gv = Nd4j.create(dt, n, wd);
                guz = Nd4j.create(dt, n, wd); gvz = Nd4j.create(dt, n, wd);
                guzl = gateU.adaptive ? Nd4j.create(dt, n, wd) : null;
                gvzl = gateV.adaptive ? Nd4j.create(dt, n, wd) : null;
                uv = Nd4j.create(dt, n, wd);
                dgu = Nd4j.create(dt, n, wd); dgv = Nd4j.create(dt, n, wd);
            } else {
                gu = gv = guz = gvz = guzl = gvzl = uv = dgu = dgv = null;
            }
        }
    }

    private Buffers buffers(long n) {
        if (buf != null && buf.n == n) return buf;
        if (spare != null && spare.n == n) { Buffers b = spare; spare = buf; buf = b; return b; }
        spare = buf;
        buf = new Buffers(n);
        return buf;
    }

    /** The outputs of the last forward pass: after the heads, and raw (before them). Buffers owned by the network. */
    public record Outputs(INDArray values, INDArray raw) {}

    boolean identityHeads() {
        for (Output o : spec.outputs()) if (o.head() != dev.fields.io.spec.Head.IDENTITY) return false;
        return true;
    }

    /** Outputs of the last {@link #forward}: after the heads and before them (the same array for identity heads). */
    public Outputs outputs() {
        if (fused != null) return fused.outputs();
        if (buf == null) throw new IllegalStateException("no forward pass yet");
        INDArray raw = buf.z[layers.length - 1];
        return new Outputs(buf.out == null ? raw : buf.out, raw);
    }

    /**
     * Outputs after heads [n, outputDim] for inputs x [n, inputDim]. The result is a buffer owned by the network,
     * valid until the next call; {@link #outputs()} also gives the raw values.
     */
    public INDArray forward(INDArray x) {
        if (x.rank() != 2 || x.columns() != spec.inputDim())
            throw new IllegalArgumentException("inputs must be [n, " + spec.inputDim() + "], got " + java.util.Arrays.toString(x.shape()));
        if (fused != null) return fused.forward(x);
        Buffers b = buffers(x.rows());
        b.x.assign(x);
        if (grid != null) grid.forward(b.x, b.e, params);
        else encoder.forward(b.x, b.e, b.t);
        if (columnRow != null) b.e.muliRowVector(columnRow);
        if (gateU != null) {
            gateU.forward(b.e, b.guz, b.gu, b.guzl);
            gateV.forward(b.e, b.gvz, b.gv, b.gvzl);
            b.uv.assign(b.gu).subi(b.gv);
        }
        int L = layers.length;
        for (int l = 0; l < L; l++) {
            layers[l].forward(b.hIn[l], b.z[l], b.y[l], b.zl[l]);
            if (gateU != null && l < L - 1) b.hIn[l + 1].assign(b.y[l]).muli(b.uv).addi(b.gv); // h = z*u + (1-z)*v
        }
        if (b.out == null) return b.z[L - 1];
        b.out.assign(b.z[L - 1]);
        applyHeads(b.out);
        return b.out;
    }

    /**
     * Gradients of the loss w.r.t. all parameters (overwrites {@link #gradient()}) given dL/d(outputs after heads) of
     * the last forward; the heads are differentiated here.
     */
    public void backward(INDArray dOut) {
        if (fused != null) { fused.backward(dOut); return; }
        Buffers b = buf;
        int L = layers.length;
        if (b == null || dOut.rows() != b.n || dOut.columns() != spec.outputDim())
            throw new IllegalArgumentException("dOut must be [" + (b == null ? "n" : b.n) + ", " + spec.outputDim() + "] for the last forward");
        b.dy[L - 1].assign(dOut);
        if (b.out != null) {
            headDerivatives(b.z[L - 1], b.headGrad);
            b.dy[L - 1].muli(b.headGrad);
        }
        if (gateU != null) { b.dgu.assign(0); b.dgv.assign(0); }
        for (int l = L - 1; l >= 0; l--) {
            INDArray dh = l > 0 ? b.dy[l - 1] : b.de;
            layers[l].backward(b.hIn[l], b.z[l], b.y[l], b.zl[l], b.dy[l], dh, 0.0, b.ones);
            if (gateU != null && l > 0) {
                // h = v + z (u - v): du += dh z, dv += dh (1 - z), dz = dh (u - v)
                INDArray z = b.y[l - 1];
                b.dgu.addi(dh.mul(z));
                b.dgv.addi(dh.mul(z.rsub(1.0)));
                dh.muli(b.uv);
            }
        }
        if (gateU != null) {
            gateU.backward(b.e, b.guz, b.gu, b.guzl, b.dgu, b.de, 1.0, b.ones);
            gateV.backward(b.e, b.gvz, b.gv, b.gvzl, b.dgv, b.de, 1.0, b.ones);
        }
        if (columnRow != null) b.de.muliRowVector(columnRow); // dL/d(unweighted encoding), also what inputGradient reads
        if (grid != null) grid.backward(b.x, b.de, grad);
    }

    /** dL/dx [n, inputDim] for the last backward (computed on demand: normals, eikonal terms). */
    public INDArray inputGradient() {
        if (fused != null) return fused.inputGradient();
        Buffers b = buf;
        if (grid != null) {
            grid.inputGradient(b.x, b.de, params, b.dx);
            return b.dx;
        }
        INDArray t = encoder.k == 0 ? null : Nd4j.create(dt, b.n, encoder.k);
        encoder.backward(b.x, b.de, t, b.dx);
        return b.dx;
    }

    /**
     * Outputs after heads for {@code n} points stored contiguously in {@code xs}, evaluated in fixed-size chunks (the
     * last one padded) so the forward buffers are reused across calls; on the fused backend in one tiled pass that
     * keeps nothing for a backward (a following {@link #backward} then needs a new {@link #forward}).
     */
    public float[] predict(float[] xs, int n) {
        if (fused != null) return fused.predict(xs, n);
        int d = spec.inputDim(), o = spec.outputDim();
        float[] out = new float[n * o];
        int chunk = 16384;
        if (n == 0) return out;
        INDArray in = Nd4j.create(dt, chunk, d);
        float[] part = new float[chunk * d];
        for (int s = 0; s < n; s += chunk) {
            int m = Math.min(chunk, n - s);
            System.arraycopy(xs, s * d, part, 0, m * d);
            if (m < chunk) java.util.Arrays.fill(part, m * d, part.length, 0f);
            in.assign(Nd4j.create(part, new long[]{chunk, d}, 'c'));
            float[] v = forward(in).castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(v, 0, out, s * o, m * o);
        }
        return out;
    }

    /** The spec's output heads (sigmoid, ReLU, softplus, identity), in place on raw outputs [n, outputDim]. */
    void applyHeads(INDArray raw) {
        int k = 0;
        for (Output out : spec.outputs()) {
            INDArray cols = raw.get(NDArrayIndex.all(), NDArrayIndex.interval(k, k + out.size()));
            INDArray v = switch (out.head()) {
                case SIGMOID -> Transforms.sigmoid(cols, true);
                case RELU -> Transforms.relu(cols, true);
                case SOFTPLUS -> Transforms.softPlus(cols, true);
                case IDENTITY -> cols;
            };
            if (v != cols) cols.assign(v);
            k += out.size();
        }
    }

    /**
     * d(head)/d(raw) for every output column, from the raw values. The sigmoid's derivative is taken as
     * sigmoid(z)·sigmoid(−z), which stays positive in float32 where 1 − sigmoid(z) would round to zero, so a loss
     * that divides by it (cross-entropy) keeps its gradient on saturated logits.
     */
    void headDerivatives(INDArray raw, INDArray d) {
        int k = 0;
        for (Output out : spec.outputs()) {
            INDArray z = raw.get(NDArrayIndex.all(), NDArrayIndex.interval(k, k + out.size()));
            INDArray dz = d.get(NDArrayIndex.all(), NDArrayIndex.interval(k, k + out.size()));
            INDArray v = switch (out.head()) {
                case SIGMOID -> Transforms.sigmoid(z, true).muli(Transforms.sigmoid(z.neg(), false));
                case RELU -> z.gt(0.0).castTo(z.dataType());
                case SOFTPLUS -> Transforms.sigmoid(z, true);
                case IDENTITY -> null;
            };
            if (v == null) dz.assign(1.0);
            else dz.assign(v);
            k += out.size();
        }
    }

    /**
     * Starts from an exported blob's parameters (the same tensors this spec exports: encoding, widths, activation and
     * outputs must match; the parameterization may differ because the blob holds folded weights). RWF keeps this
     * network's own scales g and takes V = W / g; weight norm takes v = w, g = |w|; adaptive slopes start at 1.
     */
    public void initFrom(FieldBlob blob) {
        FieldSpec o = blob.spec();
        if (o.inputDim() != spec.inputDim() || !o.encoding().equals(spec.encoding()) || !o.outputs().equals(spec.outputs())
                || o.viewDependence() != spec.viewDependence()
                || o.network().type() != spec.network().type() || o.network().activation() != spec.network().activation()
                || !java.util.Arrays.equals(o.layerWidths(), spec.layerWidths()))
            throw new dev.fields.io.UserError("the initial blob holds a different field (" + describe(o) + ") than this fit trains ("
                    + describe(spec) + ") — give a blob made with the same encoding, network and outputs");
        if (fourierB != null) System.arraycopy(blob.tensor("encoding.B").data(), 0, fourierB, 0, fourierB.length);
        if (fourierB != null) encoder = new Encoder(spec.encoding(), spec.inputDim(), fourierB, dt);
        if (fourierB != null) { window = null; openBands(opening); } // Fourier bands rank the rows of B
        loadTables(blob);
        for (int l = 0; l < layers.length; l++) importLayer(layers[l], blob, "layers." + l);
        if (gateU != null) { importLayer(gateU, blob, "gate_u"); importLayer(gateV, blob, "gate_v"); }
    }

    private static String describe(FieldSpec s) {
        return s.inputDim() + "-D, " + s.encoding() + ", " + s.network().type() + " " + s.network().activation() + " "
                + java.util.Arrays.toString(s.layerWidths()) + ", outputs " + s.outputs() + ", view dependence " + s.viewDependence();
    }

    private void importLayer(DenseLayer L, FieldBlob blob, String name) {
        float[] w = blob.tensor(name + ".weight").data(), bias = blob.tensor(name + ".bias").data();
        double scale = L.act == null ? 1.0 : L.omega; // export folds omega0 into hidden layers
        double[] wt = new double[L.in * L.out], b = new double[L.out], s = new double[L.out];
        for (int o = 0; o < L.out; o++) {
            b[o] = bias[o] / scale;
            for (int i = 0; i < L.in; i++) wt[i * L.out + o] = w[o * L.in + i] / scale;
        }
        if (L.g != null) {
            double[] g = L.g.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (int o = 0; o < L.out; o++) s[o] = Math.log(Math.abs(g[o]) > 0 ? Math.abs(g[o]) : 1.0);
        }
        L.init(wt, b, s);
    }

    /**
     * Exported tensors: every reparameterization folded into plain W (out × in) and b, plus encoding.B and gates. Partly
     * open bands are folded in too: a hash grid's level tables are scaled by their level's weight (interpolation is
     * linear in the table values), a fixed encoding's column weights scale the matching input columns of the first
     * layer (and of the gates).
     */
    public Map<String, Tensor> exportTensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        if (fourierB != null) t.put("encoding.B", new Tensor(new int[]{fourierB.length / spec.inputDim(), spec.inputDim()}, fourierB.clone()));
        if (grid != null) t.put("encoding.tables", new Tensor(grid.layout.tensorShape(), weightedTables(tables().castTo(DataType.FLOAT).dup('c').data().asFloat())));
        for (int l = 0; l < layers.length; l++) {
            float[] w = layers[l].exportWeight();
            if (l == 0) weightInputs(w, layers[0]);
            t.put("layers." + l + ".weight", new Tensor(new int[]{layers[l].out, layers[l].in}, w));
            t.put("layers." + l + ".bias", new Tensor(new int[]{layers[l].out}, layers[l].exportBias()));
        }
        if (gateU != null) {
            t.put("gate_u.weight", new Tensor(new int[]{gateU.out, gateU.in}, weightInputs(gateU.exportWeight(), gateU)));
            t.put("gate_u.bias", new Tensor(new int[]{gateU.out}, gateU.exportBias()));
            t.put("gate_v.weight", new Tensor(new int[]{gateV.out, gateV.in}, weightInputs(gateV.exportWeight(), gateV)));
            t.put("gate_v.bias", new Tensor(new int[]{gateV.out}, gateV.exportBias()));
        }
        return t;
    }

    /** A fixed encoding's column weights folded into a weight (out × in) that reads the encoding; in place. */
    private float[] weightInputs(float[] w, DenseLayer reader) {
        if (columnWeights == null || grid != null) return w;
        for (int o = 0; o < reader.out; o++) for (int i = 0; i < reader.in; i++) w[o * reader.in + i] *= columnWeights[i];
        return w;
    }

    /** The hash grid's tables (entries × F, levels in order) with each level scaled by its weight; in place. */
    float[] weightedTables(float[] tables) {
        if (columnWeights == null) return tables;
        int f = grid.features;
        for (int l = 0; l < grid.levels; l++) {
            float w = columnWeights[l * f];
            for (int i = grid.layout.offset(l) * f, end = i + grid.layout.size(l) * f; i < end; i++) tables[i] *= w;
        }
        return tables;
    }

    /**
     * Upper bound of the Lipschitz constant of the raw output w.r.t. the encoded input, times the encoding's bound:
     * product of exported spectral norms (activations are 1-Lipschitz). Loose, but safe for sphere tracing.
     */
    public double lipschitzBound() {
        double l = 1;
        for (DenseLayer D : layers) l *= D.spectralNorm();
        l *= spec.encoding().accept(EncodingSpec.Visitor.of(
                i -> 1.0,
                p -> Math.sqrt(1 + encoder.m.mul(encoder.m).sum(0).maxNumber().doubleValue()),
                g -> encoder.m.norm2Number().doubleValue() / Math.sqrt(2),
                h -> 0.0)); // a hash grid's slope depends on its tables and finest resolution: no useful bound
        if (gateU != null || spec.network().activation() == Activation.SINE) return 0; // no useful bound
        return l;
    }

    public FieldBlob export(Provenance p) {
        return FieldBlob.field(spec, exportTensors(), p);
    }

}
