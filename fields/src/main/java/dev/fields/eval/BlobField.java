package dev.fields.eval;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldSpec;
import dev.fields.nn.FieldNetwork;

/**
 * Evaluates an exported blob with ND4J: the same function as {@link dev.fields.shaders.ReferenceEvaluator}, fast
 * enough for reconstructions, marching cubes and metrics on millions of points. It reads only the blob, never
 * training state (a plain network is built from the exported tensors). Not thread-safe.
 */
public final class BlobField {
    private final FieldSpec spec;
    private final FieldNetwork net;

    public BlobField(FieldBlob blob) {
        this.spec = blob.spec();
        this.net = FieldNetwork.fromBlob(blob);
    }

    public FieldSpec spec() { return spec; }

    /** Outputs after heads for {@code count} points stored contiguously in {@code xs}; returns count × outputDim values. */
    public float[] evaluate(float[] xs, int count) { return net.predict(xs, count); }
}
