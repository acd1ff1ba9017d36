package dev.fields.shaders;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Made the committed golden blobs of format version 1 (once; never rerun over them): a deterministic Fourier/ReLU
 * field and its expected outputs at fixed points. {@code GoldenBlobTest} checks that every later version still reads
 * them and evaluates them to the same values.
 */
public final class GoldenBlobs {
    static final float[][] POINTS = {{0.1f, 0.2f}, {0.9f, 0.4f}, {0.5f, 0.5f}, {0.0f, 0.99f}};

    static FieldBlob make() {
        FieldSpec spec = new FieldSpec(2, new EncodingSpec.GaussianFourier(4, 3.0),
                NetworkSpec.relu(Parameterization.RWF, 8, 8),
                List.of(new Output(Channel.IMAGE, 3, Head.SIGMOID)), Frame.box(2, 0, 1).withResolution(16, 16), 0);
        Random r = new Random(2026);
        Map<String, Tensor> t = new LinkedHashMap<>();
        spec.expectedTensors().forEach((k, s) -> {
            float[] v = new float[s.length == 1 ? s[0] : s[0] * s[1]];
            for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextGaussian() * 0.7);
            t.put(k, new Tensor(s, v));
        });
        return FieldBlob.field(spec, t, new Provenance("image", 2026, 1000, Map.of("psnr", 31.25), "0.1.0",
                "2026-11-24T12:00:00Z", Map.of("note", "golden blob, format version 1")));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        FieldBlob b = make();
        BlobFormat.write(dir.resolve("v1-fourier-relu.field"), b);
        ReferenceEvaluator ev = new ReferenceEvaluator(b);
        StringBuilder sb = new StringBuilder();
        double[] out = new double[3];
        for (float[] p : POINTS) {
            ev.evaluate(p, 0, out);
            sb.append(String.format(Locale.ROOT, "%.9f %.9f %.9f%n", out[0], out[1], out[2]));
        }
        Files.writeString(dir.resolve("v1-fourier-relu.expected"), sb.toString());
    }
}
