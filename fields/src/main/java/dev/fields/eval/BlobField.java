package dev.fields.eval;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldSpec;
import dev.fields.nn.FieldNetwork;
import dev.fields.shaders.FieldEvaluator;

/**
 * Evaluates an exported blob with ND4J or the fused CPU kernel ({@link FieldNetwork#predict}, backend chosen by
 * {@link dev.fields.nn.Backend}): the same function as {@link dev.fields.shaders.ReferenceEvaluator} in float32, fast
 * enough for reconstructions, marching cubes, metrics on millions of points and the CPU tracer. It reads only the
 * blob, never training state (a plain network is built from the exported tensors). Not thread-safe.
 */
public final class BlobField implements FieldEvaluator {
    private final FieldSpec spec;
    private final FieldNetwork net;

    public BlobField(FieldBlob blob) {
        this.spec = blob.spec();
        this.net = FieldNetwork.fromBlob(blob);
    }

    @Override public FieldSpec spec() { return spec; }

    /** Outputs after heads for {@code count} points stored contiguously in {@code xs}; returns count × outputDim values. */
    public float[] evaluate(float[] xs, int count) { return net.predict(xs, count); }

    @Override public void evaluate(float[] points, int n, double[] out) {
        int d = spec.inputDim(), o = spec.outputDim();
        if (points.length < n * d || out.length < n * o)
            throw new IllegalArgumentException(n + " points need " + n * d + " coordinates and " + n * o + " outputs, got " + points.length + " and " + out.length);
        float[] v = net.predict(points, n);
        for (int k = 0; k < n * o; k++) out[k] = v[k];
    }

    /** The backend that evaluates the blob. */
    public dev.fields.nn.Backend backend() { return net.backend(); }

    /** "network on FUSED" or "network on ND4J". */
    @Override public String toString() { return "network on " + net.backend(); }
}
