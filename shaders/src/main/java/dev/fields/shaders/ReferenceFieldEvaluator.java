package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldSpec;

import java.util.stream.IntStream;

/**
 * {@link ReferenceEvaluator} behind the batch interface: every point through {@link ReferenceEvaluator#evaluate}, in
 * double precision, the batch split over all cores (one evaluator copy per thread). The values are exactly the
 * reference's, whatever the batch size.
 */
public final class ReferenceFieldEvaluator implements FieldEvaluator {
    /** Points one task evaluates: small enough to spread a modest batch over the cores. */
    private static final int CHUNK = 64;
    private final ReferenceEvaluator base;
    private final ThreadLocal<ReferenceEvaluator> perThread;

    public ReferenceFieldEvaluator(FieldBlob blob) { this(new ReferenceEvaluator(blob)); }

    public ReferenceFieldEvaluator(ReferenceEvaluator base) {
        this.base = base;
        this.perThread = ThreadLocal.withInitial(base::copy);
    }

    @Override public FieldSpec spec() { return base.spec(); }

    @Override public String toString() { return "reference evaluator"; }

    @Override public void evaluate(float[] points, int n, double[] out) {
        int d = base.spec().inputDim(), o = base.spec().outputDim();
        if (points.length < n * d || out.length < n * o)
            throw new IllegalArgumentException(n + " points need " + n * d + " coordinates and " + n * o + " outputs, got " + points.length + " and " + out.length);
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            ReferenceEvaluator ev = perThread.get();
            double[] one = new double[o];
            for (int p = c * CHUNK, end = Math.min(n, p + CHUNK); p < end; p++) {
                ev.evaluate(points, p * d, one);
                System.arraycopy(one, 0, out, p * o, o);
            }
        });
    }
}
