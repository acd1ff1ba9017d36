package dev.fields.io.blob;

import dev.fields.io.UserError;
import dev.fields.io.spec.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BlobFormatTest {
    @TempDir Path dir;

    static FieldBlob sample(EncodingSpec enc, NetworkSpec net) {
        FieldSpec spec = new FieldSpec(3, enc, net, List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(3, -1, 1), 2.0);
        Random r = new Random(1);
        Map<String, Tensor> t = new LinkedHashMap<>();
        spec.expectedTensors().forEach((k, s) -> {
            int n = 1;
            for (int d : s) n *= d;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
            t.put(k, new Tensor(s, v));
        });
        return FieldBlob.field(spec, t, new Provenance("test", 7, 100, Map.of("psnr", 30.5), "0.1.0", "2026-01-01T00:00:00Z", Map.of("lr", 0.001)));
    }

    static FieldBlob sample() {
        return sample(new EncodingSpec.GaussianFourier(8, 10), NetworkSpec.relu(Parameterization.RWF, 16, 16));
    }

    @Test void roundTripKeepsSpecTensorsAndProvenance() {
        for (FieldBlob b : List.of(sample(), sample(new EncodingSpec.Positional(4, true), NetworkSpec.relu(Parameterization.PLAIN, 8)),
                sample(new EncodingSpec.Identity(), new NetworkSpec(NetworkSpec.Type.MODIFIED, List.of(8, 8), Activation.TANH, Parameterization.ADAPTIVE, 30, 1, 1, 0.1)))) {
            Path p = dir.resolve("a.field");
            BlobFormat.write(p, b);
            FieldBlob back = BlobFormat.read(p);
            assertEquals(b.spec(), back.spec());
            assertEquals(b.tensors(), back.tensors());
            assertEquals(b.provenance().seed(), back.provenance().seed());
            assertEquals(30.5, back.provenance().metrics().get("psnr"));
            assertEquals(FieldBlob.KIND_FIELD, back.kind());
        }
    }

    @Test void headerIsSafetensors() {
        byte[] bytes = BlobFormat.toBytes(sample());
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String json = new String(bytes, 8, (int) n);
        assertTrue(json.contains("\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[16,16]"), json);
        assertTrue(json.contains("\"__metadata__\""));
    }

    private String refusal(byte[] bytes) {
        UserError e = assertThrows(UserError.class, () -> BlobFormat.fromBytes(bytes, "x.field"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test void refusesBadInputWithOneLineEach() throws Exception {
        byte[] good = BlobFormat.toBytes(sample());
        assertTrue(refusal(new byte[3]).contains("bad header length"));
        byte[] neg = good.clone();
        ByteBuffer.wrap(neg).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -5);
        assertTrue(refusal(neg).contains("bad header length"));
        byte[] past = good.clone();
        ByteBuffer.wrap(past).order(ByteOrder.LITTLE_ENDIAN).putLong(0, good.length);
        assertTrue(refusal(past).contains("header past end of file"));
        byte[] badJson = good.clone();
        badJson[8] = 'x';
        assertTrue(refusal(badJson).contains("bad JSON"));
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 1;
        assertTrue(refusal(flipped).contains("checksum mismatch"));
        String s = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\"version\":\"1\"", "\"version\":\"9\"");
        assertTrue(refusal(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).contains("unknown blob version"));
        assertTrue(refusal(new byte[0]).contains("bad header length"));
        UserError missing = assertThrows(UserError.class, () -> BlobFormat.read(dir.resolve("nope.field")));
        assertTrue(missing.getMessage().contains("not found"));
    }

    @Test void refusesShapeNotMatchingSpec() {
        FieldBlob b = sample();
        Map<String, Tensor> t = new LinkedHashMap<>(b.tensors());
        t.put("layers.1.weight", new Tensor(new int[]{16, 15}, new float[16 * 15]));
        byte[] bytes = BlobFormat.toBytes(new FieldBlob(b.kind(), b.spec(), t, b.provenance()));
        String msg = refusal(bytes);
        assertTrue(msg.contains("layers.1.weight") && msg.contains("[16, 15]") && msg.contains("[16, 16]"), msg);
    }

    @Test void writeIsAtomicAndLeavesNoTempFiles() throws Exception {
        Path p = dir.resolve("b.field");
        BlobFormat.write(p, sample());
        BlobFormat.write(p, sample());
        try (var s = Files.list(dir)) { assertEquals(List.of(p), s.toList()); }
    }
}
