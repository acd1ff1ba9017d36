package dev.fields.io.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fields.io.UserError;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.SpecJson;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates the bytes of a blob (layout in {@link BlobFormat}). Every malformed input is a one-line
 * {@link UserError}; sizes are checked in {@code long} against the bytes at hand before anything is allocated.
 * Beyond the safetensors rules (UTF-8 JSON header without duplicate keys, string metadata, tensors that tile the data
 * section exactly, in any header order, with no overlap, hole or trailing byte) it requires the fields metadata: format,
 * a known version and kind, the spec, the provenance and the checksum; finite tensor values; and for a field blob the
 * tensor shapes the spec declares.
 */
final class BlobReader {
    static final long MAX_HEADER = 100L << 20;
    private static final Set<String> KINDS = Set.of(FieldBlob.KIND_FIELD, FieldBlob.KIND_CHECKPOINT);
    private static final String FIX = " — the file is not a fields weight blob or is damaged; re-export it with a fit command";
    private static final ObjectReader JSON = SpecJson.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String name;

    private BlobReader(String name) { this.name = name; }

    static FieldBlob parse(byte[] bytes, String name) { return new BlobReader(name).parse(bytes); }

    private UserError bad(String what) { return new UserError(name + ": " + what + FIX); }

    private record Entry(String name, int[] shape, long begin, long end) {}

    private FieldBlob parse(byte[] bytes) {
        if (bytes.length < 8) throw bad("bad header length (file has only " + bytes.length + " bytes)");
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 1 || n > MAX_HEADER) throw bad("bad header length " + n);
        if (n > bytes.length - 8L)
            throw bad("header past end of file (header says " + n + " bytes, file has " + (bytes.length - 8) + " after the length)");
        JsonNode header = json(utf8(bytes, (int) n), "header");
        if (!header.isObject()) throw bad("bad JSON in header (not an object)");
        JsonNode meta = header.get("__metadata__");
        if (meta == null || !meta.isObject()) throw bad("not a fields blob (no __metadata__ object in the header)");
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) throw bad("__metadata__ entry \"" + e.getKey() + "\" is " + e.getValue().getNodeType().name().toLowerCase() + ", not a string");
        }
        if (!BlobFormat.FORMAT.equals(meta.path("format").asText()))
            throw bad("not a fields blob (no \"format\":\"fields\" in __metadata__)");
        String v = meta.path("version").asText("");
        if (!v.matches("[1-9][0-9]{0,8}"))
            throw bad("no valid format version (found " + (meta.has("version") ? "'" + v + "'" : "none") + ", expected a positive integer)");
        if (Integer.parseInt(v) > BlobFormat.VERSION)
            throw new UserError(name + ": unknown blob version '" + v + "' (this tool reads 1.." + BlobFormat.VERSION + "; upgrade fields)");
        String kind = meta.path("kind").asText(FieldBlob.KIND_FIELD);
        if (!KINDS.contains(kind)) throw bad("unknown blob kind '" + kind + "' (this tool reads " + FieldBlob.KIND_FIELD + " and " + FieldBlob.KIND_CHECKPOINT + " blobs)");

        int dataStart = 8 + (int) n;
        long dataLen = bytes.length - (long) dataStart;
        String expected = meta.path("sha256").asText("");
        String actual = BlobFormat.sha256(Arrays.copyOfRange(bytes, dataStart, bytes.length));
        if (!actual.equalsIgnoreCase(expected))
            throw new UserError(name + ": checksum mismatch (tensor data sha256 " + actual.substring(0, 12) + "… != recorded "
                    + (expected.length() > 12 ? expected.substring(0, 12) + "…" : "'" + expected + "'") + ") — the file is corrupted; re-copy or re-export it");
        FieldSpec spec = spec(meta);
        if (Integer.parseInt(v) < BlobFormat.versionFor(spec))
            throw bad("version " + v + " does not describe a " + spec.viewDependence() + " view-dependent field (that needs version " + BlobFormat.versionFor(spec) + ")");
        Provenance prov = provenance(meta);

        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getKey().equals("__metadata__")) entries.add(entry(e.getKey(), e.getValue(), dataLen));
        }
        requireTiling(entries, dataLen);

        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) dataLen).slice().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            float[] values = new float[(int) ((e.end - e.begin) / 4)];
            data.position((int) e.begin);
            data.asFloatBuffer().get(values);
            for (int i = 0; i < values.length; i++)
                if (!Float.isFinite(values[i]))
                    throw new UserError(name + ": tensor " + e.name + " holds " + values[i] + " at index " + i
                            + " — a usable blob has finite values only (a diverged fit?); retrain it or give another blob");
            tensors.put(e.name, new Tensor(e.shape, values));
        }
        if (kind.equals(FieldBlob.KIND_FIELD)) BlobFormat.checkShapes(spec, tensors, name);
        return new FieldBlob(kind, spec, tensors, prov);
    }

    private String utf8(byte[] bytes, int n) {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 8, n));
            return c.toString();
        } catch (CharacterCodingException e) {
            throw bad("header is not UTF-8 text");
        }
    }

    private JsonNode json(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) throw bad("bad JSON in " + what + " (empty)");
            return node;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw bad("bad JSON in " + what + " (" + why.lines().findFirst().orElse("") + ")");
        }
    }

    private FieldSpec spec(JsonNode meta) {
        if (!meta.has("spec")) throw bad("no field spec in __metadata__");
        FieldSpec spec;
        try {
            spec = SpecJson.read(meta.get("spec").asText());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage().lines().findFirst().orElse("invalid field spec"));
        }
        if (spec == null) throw bad("no field spec in __metadata__ (found " + meta.get("spec") + ")");
        return spec;
    }

    private Provenance provenance(JsonNode meta) {
        String text = meta.path("provenance").asText("{}");
        Provenance p;
        try {
            p = SpecJson.MAPPER.readValue(text, Provenance.class);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw bad("bad provenance JSON (" + why.lines().findFirst().orElse("") + ")");
        }
        if (p == null) throw bad("bad provenance JSON (found " + meta.get("provenance") + ", expected an object)");
        return p;
    }

    private Entry entry(String tensor, JsonNode t, long dataLen) {
        if (!t.isObject()) throw bad("tensor " + tensor + " is " + t.getNodeType().name().toLowerCase() + ", expected {dtype, shape, data_offsets}");
        if (!"F32".equals(t.path("dtype").asText()))
            throw bad("tensor " + tensor + " has dtype " + t.path("dtype") + ", expected F32");
        JsonNode s = t.path("shape");
        if (!s.isArray()) throw bad("tensor " + tensor + " has shape " + s + ", expected an array of sizes");
        int[] shape = new int[s.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = s.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0)
                throw bad("tensor " + tensor + " has shape " + s + ": entry " + d + " is not a size (0.." + Integer.MAX_VALUE + ")");
            shape[i] = d.intValue();
            count = shape[i] == 0 || count <= dataLen / shape[i] ? count * shape[i] : Long.MAX_VALUE;
        }
        JsonNode o = t.path("data_offsets");
        if (!o.isArray() || o.size() != 2 || !o.get(0).isIntegralNumber() || !o.get(1).isIntegralNumber()
                || !o.get(0).canConvertToLong() || !o.get(1).canConvertToLong())
            throw bad("tensor " + tensor + " has data_offsets " + o + ", expected [begin, end]");
        long b = o.get(0).longValue(), en = o.get(1).longValue();
        if (b < 0 || en < b || en > dataLen)
            throw bad("tensor " + tensor + " has offsets [" + b + "," + en + "] outside the " + dataLen + " data bytes");
        if (count > dataLen / 4 || en - b != 4 * count)
            throw bad("tensor " + tensor + " has offsets [" + b + "," + en + "] that do not fit shape " + Arrays.toString(shape)
                    + " (" + (count == Long.MAX_VALUE ? "more than the file holds" : count + " values") + ") in " + dataLen + " data bytes");
        return new Entry(tensor, shape, b, en);
    }

    /** Tensors cover the data section exactly once, as safetensors requires (in offset order; the header order is free). */
    private void requireTiling(List<Entry> entries, long dataLen) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        String previous = null;
        for (Entry e : byOffset) {
            if (e.begin < at) throw bad("tensor " + e.name + " overlaps tensor " + previous + " (offset " + e.begin + " < " + at + ")");
            if (e.begin > at) throw bad("unused data bytes " + at + ".." + e.begin + " before tensor " + e.name);
            at = e.end;
            previous = e.name;
        }
        if (at != dataLen) throw bad("unused data bytes " + at + ".." + dataLen + " after the last tensor");
    }
}
