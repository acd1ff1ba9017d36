package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;
import dev.fields.shaders.GlslGenerator;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated GLSL (compute shader) evaluates every encoding × activation like the Java reference, both weight paths. */
class GlslParityTest extends GlTest {
    static FieldBlob random(EncodingSpec enc, NetworkSpec.Type type, Activation act, int dim, List<Output> outs, long seed) {
        NetworkSpec net = new NetworkSpec(type, List.of(12, 12), act, Parameterization.PLAIN, 30, 1, 1, 0.1);
        FieldSpec spec = new FieldSpec(dim, enc, net, outs, Frame.box(dim, -1, 1), 0);
        Random r = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        spec.expectedTensors().forEach((k, s) -> {
            float[] v = new float[s.length == 1 ? s[0] : s[0] * s[1]];
            double scale = k.equals("encoding.B") ? 1.0 : 1.0 / Math.sqrt(s.length == 1 ? 4 : s[1]);
            for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * scale);
            t.put(k, new Tensor(s, v));
        });
        return FieldBlob.field(spec, t, new Provenance("test", seed, 0, Map.of(), "test", "", Map.of()));
    }

    @Test void glslMatchesTheReferenceEvaluator() {
        List<String> bad = new ArrayList<>();
        int n = 4096;
        Random r = new Random(1);
        List<EncodingSpec> encs = List.of(new EncodingSpec.Identity(), new EncodingSpec.Positional(3, true), new EncodingSpec.GaussianFourier(8, 1.0));
        List<Output> outs = List.of(new Output(Channel.SDF, 1, Head.IDENTITY), new Output(Channel.RGB, 3, Head.SIGMOID));
        int cases = 0;
        for (EncodingSpec e : encs)
            for (Activation a : Activation.values())
                for (NetworkSpec.Type type : NetworkSpec.Type.values()) {
                    if (type == NetworkSpec.Type.MODIFIED && a != Activation.TANH) continue;
                    FieldBlob blob = random(e, type, a, 3, outs, cases);
                    float[] xs = new float[3 * n];
                    for (int i = 0; i < xs.length; i++) xs[i] = (float) (2 * r.nextDouble() - 1);
                    ReferenceEvaluator ev = new ReferenceEvaluator(blob);
                    double[] want = new double[4];
                    for (GlslGenerator.WeightPath path : GlslGenerator.WeightPath.values()) {
                        float[] got = GpuEvaluator.evaluate(blob, path, xs, n);
                        double worst = 0;
                        for (int i = 0; i < n; i++) {
                            ev.evaluate(xs, 3 * i, want);
                            for (int c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(got[4 * i + c] - want[c]) / Math.max(1, Math.abs(want[c])));
                        }
                        if (worst > 1e-4) bad.add(e + "/" + a + "/" + type + "/" + path + " worst " + worst);
                    }
                    cases++;
                }
        assertTrue(cases >= 15, "coverage " + cases);
        assertTrue(bad.isEmpty(), bad.toString());
    }

    @Test void twoDimensionalFieldsToo() {
        FieldBlob blob = random(new EncodingSpec.GaussianFourier(6, 2.0), NetworkSpec.Type.MLP, Activation.SINE, 2,
                List.of(new Output(Channel.IMAGE, 1, Head.SIGMOID)), 77);
        int n = 4096;
        float[] xs = new float[2 * n];
        Random r = new Random(2);
        for (int i = 0; i < xs.length; i++) xs[i] = r.nextFloat();
        float[] got = GpuEvaluator.evaluate(blob, GlslGenerator.WeightPath.LITERAL, xs, n);
        ReferenceEvaluator ev = new ReferenceEvaluator(blob);
        double[] want = new double[1];
        for (int i = 0; i < n; i++) {
            ev.evaluate(xs, 2 * i, want);
            assertTrue(Math.abs(got[4 * i] - want[0]) < 1e-4, "point " + i + ": " + got[4 * i] + " vs " + want[0]);
        }
    }
}
