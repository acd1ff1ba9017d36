package dev.fields.shaders;

import dev.fields.io.spec.FieldSpec;

/**
 * A field evaluated at batches of points: what the CPU twin asks of a blob. An implementation may use every core
 * inside one call and keep scratch between calls, so one instance serves one caller at a time.
 */
public interface FieldEvaluator {
    /** The spec of the field evaluated (input and output sizes, frame). */
    FieldSpec spec();

    /**
     * Outputs after heads for {@code n} points stored contiguously in {@code points} (n × inputDim values, extra
     * values after them ignored) into {@code out} (n × outputDim values from index 0).
     */
    void evaluate(float[] points, int n, double[] out);
}
