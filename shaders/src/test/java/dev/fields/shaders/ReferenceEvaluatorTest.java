package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Analytic checks of the reference evaluator's semantics (feature layouts, layers, heads, modified MLP). */
class ReferenceEvaluatorTest {
    static FieldBlob blob(FieldSpec spec, Map<String, float[]> values) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        spec.expectedTensors().forEach((k, s) -> t.put(k, new Tensor(s, values.getOrDefault(k, new float[s.length == 1 ? s[0] : s[0] * s[1]]))));
        return FieldBlob.field(spec, t, new Provenance("test", 0, 0, Map.of(), "test", "", Map.of()));
    }

    @Test void hashGridInterpolatesItsTableOverTheFieldsBox() {
        // one dense 2-D level of resolution 4 with F = 2 on the box [-1, 3] x [0, 2]: entry (x, y) holds (x + 2y, 4 - y),
        // so the features are 4·(u + 2v) and 4·(1 - v) for the unit coordinates (u, v), clamped to the box
        EncodingSpec.HashGrid h = new EncodingSpec.HashGrid(1, 2, 6, 4, 4);
        Frame box = new Frame(new double[]{-1, 0}, new double[]{3, 2}, 1, new double[2], null);
        FieldSpec spec = new FieldSpec(2, h, NetworkSpec.relu(Parameterization.PLAIN, 2), List.of(new Output(Channel.IMAGE, 1, Head.IDENTITY)), box, 0);
        float[] tables = new float[25 * 2];
        for (int y = 0; y <= 4; y++)
            for (int x = 0; x <= 4; x++) {
                tables[2 * (x + 5 * y)] = x + 2 * y;
                tables[2 * (x + 5 * y) + 1] = 4 - y;
            }
        FieldBlob b = blob(spec, Map.of("encoding.tables", tables, "layers.0.weight", new float[]{1, 0, 0, 1},
                "layers.1.weight", new float[]{1, 10}));
        ReferenceEvaluator ev = new ReferenceEvaluator(b);
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 100; i++) {
            float px = (float) (-2 + 6 * r.nextDouble()), py = (float) (-0.5 + 3 * r.nextDouble());
            double u = Math.min(1, Math.max(0, (px + 1) / 4.0)), v = Math.min(1, Math.max(0, py / 2.0));
            assertEquals(4 * (u + 2 * v) + 10 * 4 * (1 - v), ev.scalar(px, py), 1e-4, px + ", " + py);
        }
    }

    @Test void fourierLayoutIsCosThenSin() {
        FieldSpec spec = new FieldSpec(1, new EncodingSpec.GaussianFourier(2, 1), NetworkSpec.relu(Parameterization.PLAIN, 1),
                List.of(new Output(Channel.IMAGE, 1, Head.IDENTITY)), Frame.box(1, 0, 1), 0);
        // hidden weight picks feature k via a one-hot row; relu keeps positive values; output copies the hidden unit
        float x = 0.1f;
        double[] want = {Math.cos(2 * Math.PI * 0.5 * x), Math.cos(2 * Math.PI * 2 * x), Math.sin(2 * Math.PI * 0.5 * x), Math.sin(2 * Math.PI * 2 * x)};
        for (int k = 0; k < 4; k++) {
            float[] w0 = new float[4];
            w0[k] = 1;
            FieldBlob b = blob(spec, Map.of("encoding.B", new float[]{0.5f, 2f}, "layers.0.weight", w0, "layers.1.weight", new float[]{1}));
            assertEquals(Math.max(0, want[k]), new ReferenceEvaluator(b).scalar(x), 1e-6, "feature " + k);
        }
    }

    @Test void positionalLayoutIsInputThenSinCosPerOctave() {
        FieldSpec spec = new FieldSpec(2, new EncodingSpec.Positional(2, true), NetworkSpec.relu(Parameterization.PLAIN, 1),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(2, 0, 1), 0);
        float[] x = {0.3f, 0.2f};
        double px = Math.PI;
        double[] want = {0.3, 0.2, Math.sin(px * x[0]), Math.sin(px * x[1]), Math.cos(px * x[0]), Math.cos(px * x[1]),
                Math.sin(2 * px * x[0]), Math.sin(2 * px * x[1]), Math.cos(2 * px * x[0]), Math.cos(2 * px * x[1])};
        assertEquals(10, spec.encodedDim());
        for (int k = 0; k < 10; k++) {
            float[] w0 = new float[10];
            w0[k] = 1;
            FieldBlob b = blob(spec, Map.of("layers.0.weight", w0, "layers.0.bias", new float[]{2}, "layers.1.weight", new float[]{1}));
            assertEquals(want[k] + 2, new ReferenceEvaluator(b).scalar(x), 1e-6, "feature " + k);
        }
    }

    @Test void modifiedMlpGatesEachHiddenLayer() {
        NetworkSpec net = new NetworkSpec(NetworkSpec.Type.MODIFIED, List.of(1), Activation.TANH, Parameterization.PLAIN, 30, 1, 1, 0.1);
        FieldSpec spec = new FieldSpec(1, new EncodingSpec.Identity(), net, List.of(new Output(Channel.SDF, 1, Head.SIGMOID)), Frame.box(1, 0, 1), 0);
        FieldBlob b = blob(spec, Map.of("gate_u.weight", new float[]{1}, "gate_v.weight", new float[]{-2}, "gate_v.bias", new float[]{0.5f},
                "layers.0.weight", new float[]{3}, "layers.1.weight", new float[]{1.5f}, "layers.1.bias", new float[]{-0.25f}));
        double x = 0.4, u = Math.tanh(x), v = Math.tanh(-2 * x + 0.5), z = Math.tanh(3 * x);
        double h = z * u + (1 - z) * v;
        assertEquals(1 / (1 + Math.exp(-(1.5 * h - 0.25))), new ReferenceEvaluator(b).scalar((float) x), 1e-6);
    }
}
