package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The batch evaluator gives the reference's own doubles, point by point, whatever the batch size and thread. */
class ReferenceFieldEvaluatorTest {
    @Test void batchesGiveTheReferenceValuesExactly() {
        FieldBlob blob = GoldenBlobs.make();
        ReferenceEvaluator one = new ReferenceEvaluator(blob);
        ReferenceFieldEvaluator batch = new ReferenceFieldEvaluator(blob);
        int o = blob.spec().outputDim();
        Random r = new Random(5);
        for (int n : new int[]{0, 1, 63, 64, 65, 1000}) {
            float[] xs = new float[2 * n + 6]; // extra values after the points are ignored
            for (int i = 0; i < xs.length; i++) xs[i] = r.nextFloat();
            double[] out = new double[o * n + 1];
            out[o * n] = 42;
            batch.evaluate(xs, n, out);
            double[] want = new double[o];
            for (int p = 0; p < n; p++) {
                one.evaluate(xs, 2 * p, want);
                for (int c = 0; c < o; c++) assertEquals(want[c], out[o * p + c], 0.0, "point " + p + " of " + n + ", output " + c);
            }
            assertEquals(42, out[o * n], "nothing written past n points");
        }
        assertSame(blob.spec(), batch.spec());
    }

    @Test void shortArraysAreRefused() {
        ReferenceFieldEvaluator batch = new ReferenceFieldEvaluator(GoldenBlobs.make());
        assertThrows(IllegalArgumentException.class, () -> batch.evaluate(new float[3], 2, new double[6]));
        assertThrows(IllegalArgumentException.class, () -> batch.evaluate(new float[4], 2, new double[5]));
    }
}
