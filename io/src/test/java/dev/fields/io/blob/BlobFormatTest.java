package dev.fields.io.blob;

import dev.fields.io.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.spec.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

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
    /** The blob's header as a tree, to edit. */
    private static ObjectNode header(byte[] blob) throws Exception {
        int n = (int) ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return (ObjectNode) SpecJson.MAPPER.readTree(new String(blob, 8, n, StandardCharsets.UTF_8));
    }

    private static byte[] data(byte[] blob) {
        int n = (int) ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return Arrays.copyOfRange(blob, 8 + n, blob.length);
    }

    /** A blob of these header bytes and data (the checksum is the caller's). */
    static byte[] assemble(byte[] json, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return out.putLong(json.length).put(json).put(data).array();
    }

    /** The good blob with its header edited and the checksum of {@code data} recorded. */
    private static byte[] edited(byte[] data, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode h = header(BlobFormat.toBytes(sample()));
        edit.accept(h);
        if (h.get("__metadata__") instanceof ObjectNode m && m.has("sha256")) m.put("sha256", BlobFormat.sha256(data));
        return assemble(SpecJson.MAPPER.writeValueAsBytes(h), data);
    }

    private static byte[] edited(Consumer<ObjectNode> edit) throws Exception {
        return edited(data(BlobFormat.toBytes(sample())), edit);
    }

    private static ObjectNode tensor(ObjectNode h, String name) { return (ObjectNode) h.get(name); }

    private static void shape(ObjectNode h, String name, long... dims) {
        var a = tensor(h, name).putArray("shape");
        for (long d : dims) a.add(d);
    }

    @Test void refusesHostileShapesBeforeAllocating() throws Exception {
        String w = "layers.0.weight";
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("negative", edited(h -> shape(h, w, -1, -16)));
        cases.put("huge", edited(h -> shape(h, w, Integer.MAX_VALUE, Integer.MAX_VALUE, 256)));
        cases.put("wraps to 2^30 in int", edited(h -> shape(h, w, 65536, 81920)));
        cases.put("wraps to 16 in int", edited(h -> shape(h, w, 4294967312L)));
        cases.put("fractional", edited(h -> tensor(h, w).putArray("shape").add(16).add(16.5)));
        cases.put("object", edited(h -> tensor(h, w).putObject("shape").put("a", 1)));
        cases.put("string entry", edited(h -> tensor(h, w).putArray("shape").add("16").add(16)));
        cases.put("not an object", edited(h -> h.put(w, 3)));
        for (var c : cases.entrySet()) {
            String m = refusal(c.getValue());
            assertTrue(m.contains(w) && m.contains("shape"), c.getKey() + ": " + m);
        }
        // 4 GB promised by a 5 KB file: refused from the offsets, nothing allocated
        byte[] small = edited(h -> {
            shape(h, w, 1024, 1024, 1024);
            tensor(h, w).putArray("data_offsets").add(0).add(4L << 30);
        });
        assertTrue(small.length < 8 << 10);
        String m = refusal(small);
        assertTrue(m.contains(w) && m.contains("outside"), m);
    }

    @Test void refusesBadOffsetsAndTensorsThatDoNotTileTheData() throws Exception {
        FieldBlob s = sample();
        byte[] good = BlobFormat.toBytes(s);
        ObjectNode h0 = header(good);
        long b0 = h0.get("layers.0.bias").get("data_offsets").get(0).asLong(), e0 = h0.get("layers.0.bias").get("data_offsets").get(1).asLong();
        assertTrue(refusal(edited(h -> tensor(h, "layers.0.bias").putArray("data_offsets").add(-4).add(e0 - b0 - 4))).contains("outside"));
        assertTrue(refusal(edited(h -> tensor(h, "layers.0.bias").putArray("data_offsets").add(e0).add(b0))).contains("outside"));
        assertTrue(refusal(edited(h -> tensor(h, "layers.0.bias").putArray("data_offsets").add(b0))).contains("data_offsets"));
        assertTrue(refusal(edited(h -> tensor(h, "layers.0.bias").putArray("data_offsets").add("0").add(64))).contains("data_offsets"));
        // layers.1.bias has the shape of layers.0.bias: pointing both at the same bytes overlaps (and leaves a hole)
        String overlap = refusal(edited(h -> tensor(h, "layers.1.bias").set("data_offsets", h.get("layers.0.bias").get("data_offsets").deepCopy())));
        assertTrue(overlap.contains("overlaps"), overlap);
        byte[] d = data(good);
        byte[] longer = Arrays.copyOf(d, d.length + 4);
        assertTrue(refusal(edited(longer, h -> { })).contains("unused data bytes"));
    }

    @Test void acceptsTensorsStoredInAnotherOrderThanTheHeader() throws Exception {
        // safetensors writers (Python's among them) order the data by their own rule; only the tiling matters
        FieldBlob s = sample();
        List<String> names = new java.util.ArrayList<>(s.tensors().keySet());
        java.util.Collections.reverse(names);
        ByteBuffer data = ByteBuffer.allocate(data(BlobFormat.toBytes(s)).length).order(ByteOrder.LITTLE_ENDIAN);
        ObjectNode h = header(BlobFormat.toBytes(s));
        for (String n : names) {
            long begin = data.position();
            for (float v : s.tensors().get(n).data()) data.putFloat(v);
            tensor(h, n).putArray("data_offsets").add(begin).add(data.position());
        }
        ((ObjectNode) h.get("__metadata__")).put("sha256", BlobFormat.sha256(data.array()));
        FieldBlob back = BlobFormat.fromBytes(assemble(SpecJson.MAPPER.writeValueAsBytes(h), data.array()), "x.field");
        assertEquals(s.tensors(), back.tensors());
    }

    @Test void refusesBadMetadataWithOneLine() throws Exception {
        Map<String, Consumer<ObjectNode>> cases = new LinkedHashMap<>();
        cases.put("null spec", h -> meta(h).put("spec", "null"));
        cases.put("no spec", h -> meta(h).remove("spec"));
        cases.put("spec of wrong type", h -> meta(h).put("spec", "[1,2]"));
        cases.put("null provenance", h -> meta(h).put("provenance", "null"));
        cases.put("provenance not JSON", h -> meta(h).put("provenance", "{seed"));
        cases.put("number in metadata", h -> meta(h).put("seed", 3));
        cases.put("unknown kind", h -> meta(h).put("kind", "mystery"));
        cases.put("metadata not an object", h -> h.put("__metadata__", "fields"));
        for (var c : cases.entrySet()) {
            String m = refusal(edited(c.getValue()));
            assertTrue(m.startsWith("x.field: "), c.getKey() + ": " + m);
        }
        assertTrue(refusal(edited(h -> meta(h).put("kind", "mystery"))).contains("unknown blob kind 'mystery'"));
        assertTrue(refusal(edited(h -> meta(h).put("spec", "null"))).contains("no field spec"));
    }

    @Test void versionZeroOrMissingIsNotAValidBlobAndOnlyANewerOneAsksForAnUpgrade() throws Exception {
        for (Consumer<ObjectNode> e : List.<Consumer<ObjectNode>>of(h -> meta(h).put("version", "0"), h -> meta(h).remove("version"),
                h -> meta(h).put("version", "-1"), h -> meta(h).put("version", "one"))) {
            String m = refusal(edited(e));
            assertTrue(m.contains("no valid format version") && !m.contains("upgrade"), m);
        }
        assertTrue(refusal(edited(h -> meta(h).put("version", Integer.toString(BlobFormat.VERSION + 1)))).contains("upgrade fields"));
    }

    /** A radiance blob written before view dependence existed (version 1, no viewDependence key; kept in test resources). */
    @Test void anOldFormatRadianceBlobStillReadsAsViewIndependentAndRewritesToTheSameBytes() throws Exception {
        byte[] old;
        try (var in = BlobFormatTest.class.getResourceAsStream("radiance-v1.field")) { old = in.readAllBytes(); }
        assertTrue(new String(old, StandardCharsets.ISO_8859_1).contains("\"version\":\"1\""));
        FieldBlob b = BlobFormat.fromBytes(old, "radiance-v1.field");
        assertEquals(ViewDependence.NONE, b.spec().viewDependence());
        assertEquals(FieldKind.RADIANCE, FieldKind.of(b.spec()));
        assertEquals(new Output(Channel.RGB, 3, Head.SIGMOID), b.spec().outputs().get(1));
        assertEquals(List.of(8, 15), Arrays.stream(b.tensor("layers.0.weight").shape()).boxed().toList());
        // a view-independent blob is still written as version 1 with the same spec JSON: older tools keep reading it
        assertArrayEquals(old, BlobFormat.toBytes(b));
    }

    static FieldBlob viewDependent(ViewDependence vd) {
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.Positional(2, true), NetworkSpec.relu(Parameterization.PLAIN, 8),
                List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, vd.rgbSize(), Head.IDENTITY)), Frame.box(3, -1, 1), 0, vd);
        Map<String, Tensor> t = new LinkedHashMap<>();
        spec.expectedTensors().forEach((k, sh) -> t.put(k, new Tensor(sh, new float[Arrays.stream(sh).reduce(1, (a, c) -> a * c)])));
        return FieldBlob.field(spec, t, new Provenance("scene", 0, 1, Map.of(), "0.1.0", "2026-01-01T00:00:00Z", Map.of()));
    }

    @Test void aViewDependentBlobRoundTripsAsVersion2AndAVersion1LabelOnItIsRefused() throws Exception {
        for (ViewDependence vd : List.of(ViewDependence.SH1, ViewDependence.SH2, ViewDependence.SH3)) {
            FieldBlob b = viewDependent(vd);
            assertEquals(1 + 3 * (vd.degree() + 1) * (vd.degree() + 1), b.spec().outputDim());
            byte[] bytes = BlobFormat.toBytes(b);
            ObjectNode h = header(bytes);
            assertEquals("2", meta(h).get("version").asText());
            assertTrue(meta(h).get("spec").asText().contains("\"viewDependence\":\"sh:" + vd.degree() + "\""));
            FieldBlob back = BlobFormat.fromBytes(bytes, "x.field");
            assertEquals(b.spec(), back.spec());
            assertEquals(vd, back.spec().viewDependence());
            assertEquals(FieldKind.RADIANCE, FieldKind.of(back.spec()));
            meta(h).put("version", "1");
            String m = refusal(assemble(SpecJson.MAPPER.writeValueAsBytes(h), data(bytes)));
            assertTrue(m.contains("version 1 does not describe") && m.lines().count() == 1, m);
        }
        assertFalse(meta(header(BlobFormat.toBytes(sample()))).get("spec").asText().contains("viewDependence"), "NONE is left out of the JSON");
    }

    @Test void aViewDependentSpecNeedsDensityThenItsCoefficients() {
        var enc = new EncodingSpec.Identity();
        var net = NetworkSpec.relu(Parameterization.PLAIN, 4);
        var ex = assertThrows(IllegalArgumentException.class, () -> new FieldSpec(3, enc, net,
                List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(3, -1, 1), 0, ViewDependence.SH2));
        assertTrue(ex.getMessage().contains("RGB(27 spherical-harmonics coefficients, identity head)"), ex.getMessage());
        // a view-independent radiance field with 27 colour outputs is no radiance field
        FieldSpec wide = new FieldSpec(3, enc, net, List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 27, Head.IDENTITY)),
                Frame.box(3, -1, 1), 0);
        assertThrows(UserError.class, () -> FieldKind.of(wide));
        assertEquals(ViewDependence.SH2, SpecJson.read(SpecJson.write(viewDependent(ViewDependence.SH2).spec())).viewDependence());
    }

    @Test void refusesNonUtf8AndDuplicateKeysInTheHeader() throws Exception {
        byte[] good = BlobFormat.toBytes(sample());
        byte[] d = data(good);
        String json = SpecJson.MAPPER.writeValueAsString(header(good));
        byte[] latin = json.replace("\"F32\"", "\"F\u00e932\"").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(refusal(assemble(latin, d)).contains("not UTF-8"));
        byte[] dup = json.replaceFirst("\\{", "{\"layers.0.bias\":{},").getBytes(StandardCharsets.UTF_8);
        assertTrue(refusal(assemble(dup, d)).contains("bad JSON"));
        byte[] trailing = (json + "{}").getBytes(StandardCharsets.UTF_8);
        assertTrue(refusal(assemble(trailing, d)).contains("bad JSON"));
    }

    @Test void nonFiniteWeightsAreRefusedAtLoad() {
        for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            FieldBlob s = sample();
            Map<String, Tensor> t = new LinkedHashMap<>(s.tensors());
            float[] w = t.get("layers.1.weight").data().clone();
            w[5] = bad;
            t.put("layers.1.weight", new Tensor(t.get("layers.1.weight").shape(), w));
            String m = refusal(BlobFormat.toBytes(new FieldBlob(s.kind(), s.spec(), t, s.provenance())));
            assertTrue(m.contains("layers.1.weight") && m.contains("index 5") && m.contains(Float.toString(bad)), m);
        }
    }

    @Test void aCommandGetsTheKindItNeeds() {
        FieldBlob s = sample();
        Path ckpt = dir.resolve("run.ckpt"), field = dir.resolve("run.field");
        BlobFormat.write(ckpt, new FieldBlob(FieldBlob.KIND_CHECKPOINT, s.spec(), Map.of("params", Tensor.of(new float[]{1, 2}, 2)), s.provenance()));
        BlobFormat.write(field, s);
        UserError e = assertThrows(UserError.class, () -> BlobFormat.read(ckpt));
        assertTrue(e.getMessage().contains("run.ckpt is a training checkpoint, not a field") && !e.getMessage().contains("\n"), e.getMessage());
        assertEquals(FieldBlob.KIND_CHECKPOINT, BlobFormat.readCheckpoint(ckpt).kind());
        assertEquals(FieldBlob.KIND_CHECKPOINT, BlobFormat.readAny(ckpt).kind());
        UserError f = assertThrows(UserError.class, () -> BlobFormat.readCheckpoint(field));
        assertTrue(f.getMessage().contains("not a checkpoint"), f.getMessage());
        assertEquals(s.tensors(), BlobFormat.read(field).tensors());
    }

    private static ObjectNode meta(ObjectNode h) { return (ObjectNode) h.get("__metadata__"); }
}
