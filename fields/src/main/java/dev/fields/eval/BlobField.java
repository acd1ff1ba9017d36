package dev.fields.eval;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Evaluates an exported blob with ND4J (batched GEMMs): the same function as
 * {@link dev.fields.shaders.ReferenceEvaluator}, fast enough for reconstructions, marching cubes and metrics on
 * millions of points. It reads only the blob, never training state.
 */
public final class BlobField {
    private static final int CHUNK = 32768;
    private final FieldSpec spec;
    private final INDArray[] wT; // (in, out) per layer
    private final INDArray[] b;  // (1, out)
    private final INDArray fourierBT, gateUT, gateUB, gateVT, gateVB;

    public BlobField(FieldBlob blob) {
        spec = blob.spec();
        int n = spec.layerCount();
        wT = new INDArray[n];
        b = new INDArray[n];
        for (int i = 0; i < n; i++) {
            wT[i] = matrixT(blob, "layers." + i + ".weight");
            b[i] = row(blob, "layers." + i + ".bias");
        }
        fourierBT = spec.encoding() instanceof EncodingSpec.GaussianFourier ? matrixT(blob, "encoding.B").muli(2 * Math.PI) : null;
        boolean mod = spec.network().type() == NetworkSpec.Type.MODIFIED;
        gateUT = mod ? matrixT(blob, "gate_u.weight") : null;
        gateUB = mod ? row(blob, "gate_u.bias") : null;
        gateVT = mod ? matrixT(blob, "gate_v.weight") : null;
        gateVB = mod ? row(blob, "gate_v.bias") : null;
    }

    private static INDArray matrixT(FieldBlob blob, String name) {
        var t = blob.tensor(name);
        return Nd4j.create(t.data(), new long[]{t.shape()[0], t.shape()[1]}, 'c').transpose().dup('c');
    }

    private static INDArray row(FieldBlob blob, String name) {
        var t = blob.tensor(name);
        return Nd4j.create(t.data(), new long[]{1, t.data().length}, 'c');
    }

    public FieldSpec spec() { return spec; }

    /** Outputs after heads for {@code count} points stored contiguously in {@code xs}; returns count × outputDim values. */
    public float[] evaluate(float[] xs, int count) {
        int d = spec.inputDim(), o = spec.outputDim();
        float[] out = new float[count * o];
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            float[] part = new float[n * d];
            System.arraycopy(xs, start * d, part, 0, n * d);
            INDArray y = forward(Nd4j.create(part, new long[]{n, d}, 'c'));
            System.arraycopy(y.data().asFloat(), 0, out, start * o, n * o);
        }
        return out;
    }

    private INDArray forward(INDArray x) {
        INDArray h = encode(x);
        Activation act = spec.network().activation();
        INDArray u = null, v = null;
        if (gateUT != null) {
            u = activate(h.mmul(gateUT).addiRowVector(gateUB), act);
            v = activate(h.mmul(gateVT).addiRowVector(gateVB), act);
        }
        int n = wT.length;
        for (int l = 0; l < n; l++) {
            INDArray z = h.mmul(wT[l]).addiRowVector(b[l]);
            if (l < n - 1) {
                z = activate(z, act);
                if (u != null) z = z.mul(u).addi(z.rsub(1.0).muli(v)); // z*u + (1-z)*v
            }
            h = z;
        }
        int k = 0;
        for (Output out : spec.outputs()) {
            INDArray cols = h.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(k, k + out.size()));
            switch (out.head()) {
                case SIGMOID -> cols.assign(Transforms.sigmoid(cols, true));
                case RELU -> cols.assign(Transforms.relu(cols, true));
                case SOFTPLUS -> cols.assign(Transforms.softPlus(cols, true));
                case IDENTITY -> { }
            }
            k += out.size();
        }
        return h.castTo(DataType.FLOAT);
    }

    private INDArray encode(INDArray x) {
        EncodingSpec e = spec.encoding();
        if (e instanceof EncodingSpec.GaussianFourier) {
            INDArray t = x.mmul(fourierBT);
            return Nd4j.hstack(Transforms.cos(t, true), Transforms.sin(t, true));
        }
        if (e instanceof EncodingSpec.Positional p) {
            INDArray[] parts = new INDArray[2 * p.frequencies() + (p.includeInput() ? 1 : 0)];
            int k = 0;
            if (p.includeInput()) parts[k++] = x;
            for (int f = 0; f < p.frequencies(); f++) {
                INDArray t = x.mul(Math.scalb(Math.PI, f));
                parts[k++] = Transforms.sin(t, true);
                parts[k++] = Transforms.cos(t, true);
            }
            return Nd4j.hstack(parts);
        }
        return x;
    }

    private static INDArray activate(INDArray z, Activation a) {
        return switch (a) {
            case RELU -> Transforms.relu(z, false);
            case TANH -> Transforms.tanh(z, false);
            case SINE -> Transforms.sin(z, false);
            case SOFTPLUS -> Transforms.softPlus(z, false);
        };
    }
}
