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
            assertEquals(Math.max(1, 1.25 * slope), LipschitzEstimate.of(plane(slope), pts, 0), 2e-3 * slope);
        }
    }

    @Test void noBandMeansNoMeasurementAndTheNeutralBound() {
        // slope 0.01: |f| < 0.01 in the whole box, every point lies in the band, still measured
        assertEquals(0.01, LipschitzEstimate.bandPercentile(plane(0.01), LipschitzEstimate.points(1)), 1e-4);
        // points far from the plane x = 0 only: fewer than 100 in the band
        float[] far = new float[3 * 1000];
        for (int i = 0; i < 1000; i++) { far[3 * i] = 0.9f; far[3 * i + 1] = i / 1000f; far[3 * i + 2] = 0; }
        assertTrue(Double.isNaN(LipschitzEstimate.bandPercentile(plane(1), far)));
        assertEquals(1.0, LipschitzEstimate.of(plane(1), far, 0));
    }

    /**
     * f = x plus a zigzag of period {@code period} whose slope alternates between 1 + ripple and 1 − ripple (ReLU
     * units at every half period): steep everywhere at small scale, a unit slope over any step much longer than the
     * period, height ±ripple·period/4 only.
     */
    static BlobField rippledPlane(double period, double ripple) {
        int units = (int) Math.ceil(2.2 / (period / 2)) + 1;
        float[] w0 = new float[3 * units], b0 = new float[units], w1 = new float[units];
        double x0 = -1.1;
        for (int k = 0; k < units; k++) {
            w0[3 * k] = 1;
            b0[k] = (float) -(x0 + k * period / 2);
            w1[k] = (float) (k == 0 ? 1 + ripple : (k % 2 == 1 ? -2 * ripple : 2 * ripple));
        }
        NetworkSpec net = new NetworkSpec(NetworkSpec.Type.MLP, List.of(units), Activation.RELU, Parameterization.PLAIN, 30, 1, 1, 0.1);
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.Identity(), net, List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(3, -1, 1), 0);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{units, 3}, w0));
        t.put("layers.0.bias", new Tensor(new int[]{units}, b0));
        t.put("layers.1.weight", new Tensor(new int[]{1, units}, w1));
        t.put("layers.1.bias", new Tensor(new int[]{1}, new float[]{(float) x0})); // f(x0) = x0: f ≈ x
        return new BlobField(FieldBlob.field(spec, t, new Provenance("test", 0, 0, Map.of(), "test", "", Map.of())));
    }

    @Test void stepSecantIsTheSlopeOverATracerStep() {
        for (double slope : new double[]{0.5, 1.0, 2.5}) {
            double p = LipschitzEstimate.stepSecantPercentile(plane(slope), LipschitzEstimate.points(0), 0);
            assertEquals(slope, p, 1e-2 * slope, "a linear field's secant is its slope, " + slope);
        }
        // a zigzag of period 8e-3 on f = x: slopes 2 and 0 at the scale of central differences, so the gradient
        // percentile is 2; no secant can exceed the steepest slope, and over steps up to 0.1 the zigzag's ±2e-3
        // height leaves most points near 1
        BlobField rippled = rippledPlane(8e-3, 1.0);
        float[] pts = java.util.Arrays.copyOf(LipschitzEstimate.points(2), 3 * 16384);
        double gradient = LipschitzEstimate.bandPercentile(rippled, pts), secant = LipschitzEstimate.stepSecantPercentile(rippled, pts, 2);
        assertEquals(2.0, gradient, 0.02, "the gradient sees the zigzag's steep half");
        assertTrue(secant > 1.0 && secant <= gradient + 1e-2, "a secant lies between the mean slope and the steepest one: " + secant);
        assertTrue(Double.isNaN(LipschitzEstimate.stepSecantPercentile(plane(1), new float[]{0.9f, 0, 0, 0.8f, 0, 0}, 0)));
    }
}
