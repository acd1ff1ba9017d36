package dev.fields.task.shape;

import dev.fields.eval.BlobField;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The field's own gradient-norm percentile and the tracer's bound built from it, on fields of known slope. */
class LipschitzEstimateTest {
    /** f(x, y, z) = slope · x, written as slope · (relu(x) − relu(−x)): |∇f| = slope everywhere. */
    static BlobField plane(double slope) {
        NetworkSpec net = new NetworkSpec(NetworkSpec.Type.MLP, List.of(2), Activation.RELU, Parameterization.PLAIN, 30, 1, 1, 0.1);
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.Identity(), net, List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(3, -1, 1), 0);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{2, 3}, new float[]{1, 0, 0, -1, 0, 0}));
        t.put("layers.0.bias", new Tensor(new int[]{2}, new float[]{0, 0}));
        t.put("layers.1.weight", new Tensor(new int[]{1, 2}, new float[]{(float) slope, (float) -slope}));
        t.put("layers.1.bias", new Tensor(new int[]{1}, new float[]{0}));
        return new BlobField(FieldBlob.field(spec, t, new Provenance("test", 0, 0, Map.of(), "test", "", Map.of())));
    }

    @Test void percentileIsTheSlopeAndTheBoundAddsTheMargin() {
        for (double slope : new double[]{0.5, 1.0, 2.5}) {
            float[] pts = LipschitzEstimate.points(0);
            double p = LipschitzEstimate.bandPercentile(plane(slope), pts);
            assertEquals(slope, p, 1e-3 * slope, "slope " + slope);
            assertEquals(Math.max(1, 1.25 * slope), LipschitzEstimate.of(plane(slope), pts), 2e-3 * slope);
        }
    }

    @Test void noBandMeansNoMeasurementAndTheNeutralBound() {
        // slope 0.01: |f| < 0.01 in the whole box, every point lies in the band, still measured
        assertEquals(0.01, LipschitzEstimate.bandPercentile(plane(0.01), LipschitzEstimate.points(1)), 1e-4);
        // points far from the plane x = 0 only: fewer than 100 in the band
        float[] far = new float[3 * 1000];
        for (int i = 0; i < 1000; i++) { far[3 * i] = 0.9f; far[3 * i + 1] = i / 1000f; far[3 * i + 2] = 0; }
        assertTrue(Double.isNaN(LipschitzEstimate.bandPercentile(plane(1), far)));
        assertEquals(1.0, LipschitzEstimate.of(plane(1), far));
    }
}
