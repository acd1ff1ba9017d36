package dev.fields.io.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.SpecJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weight blob: a safetensors file. Layout: 8-byte little-endian header length N, N bytes of JSON header
 * (padded with spaces to a multiple of 8), then raw little-endian float32 tensor data. The header maps each
 * tensor name to {@code {"dtype":"F32","shape":[..],"data_offsets":[begin,end]}} (offsets relative to the data
 * section) and holds string entries under {@code __metadata__}:
 * {@code format} ("fields"), {@code version}, {@code kind}, {@code spec} (JSON), {@code provenance} (JSON) and
 * {@code sha256} (hex digest of the whole data section). Python's {@code safetensors} opens these files.
 */
public final class BlobFormat {
    public static final String FORMAT = "fields";
    /** Current format version; readers accept every version up to this one. */
    public static final int VERSION = 1;
    private static final long MAX_HEADER = 100L << 20;

    private BlobFormat() {}

    /** Writes the blob atomically (temporary file + rename). */
    public static void write(Path path, FieldBlob blob) {
        byte[] bytes = toBytes(blob);
        AtomicFiles.writeBytes(path, bytes);
    }

    public static byte[] toBytes(FieldBlob blob) {
        long dataLen = 0;
        for (Tensor t : blob.tensors().values()) dataLen += 4L * t.data().length;
        if (dataLen > Integer.MAX_VALUE - (1 << 24)) throw new IllegalArgumentException("blob too large: " + dataLen + " bytes");
        ByteBuffer data = ByteBuffer.allocate((int) dataLen).order(ByteOrder.LITTLE_ENDIAN);
        ObjectNode header = SpecJson.MAPPER.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        for (Map.Entry<String, Tensor> e : blob.tensors().entrySet()) {
            Tensor t = e.getValue();
            long begin = data.position();
            data.asFloatBuffer().put(t.data());
            data.position((int) (begin + 4L * t.data().length));
            ObjectNode n = header.putObject(e.getKey());
            n.put("dtype", "F32");
            var shape = n.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            n.putArray("data_offsets").add(begin).add(data.position());
        }
        meta.put("format", FORMAT);
        meta.put("version", Integer.toString(VERSION));
        meta.put("kind", blob.kind());
        meta.put("spec", SpecJson.write(blob.spec()));
        try {
            meta.put("provenance", SpecJson.MAPPER.writeValueAsString(blob.provenance()));
            meta.put("sha256", sha256(data.array()));
            byte[] json = SpecJson.MAPPER.writeValueAsBytes(header);
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer out = ByteBuffer.allocate(8 + padded + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(padded);
            out.put(json);
            for (int i = json.length; i < padded; i++) out.put((byte) ' ');
            out.put(data.array());
            return out.array();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and validates a blob; every problem is a {@link UserError} with one line naming it and the fix. */
    public static FieldBlob read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UserError("weight blob not found: " + path + " (check the path: a fit writes NAME.field into its output folder)");
        } catch (IOException e) {
            throw new UserError("cannot read weight blob " + path + ": " + e.getMessage());
        }
        return fromBytes(bytes, path.toString());
    }

    public static FieldBlob fromBytes(byte[] bytes, String name) {
        String fix = " — the file is not a fields weight blob or is damaged; re-export it with a fit command";
        if (bytes.length < 8) throw new UserError(name + ": bad header length (file has only " + bytes.length + " bytes)" + fix);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        if (n <= 1 || n > MAX_HEADER) throw new UserError(name + ": bad header length " + n + fix);
        if (8 + n > bytes.length)
            throw new UserError(name + ": header past end of file (header says " + n + " bytes, file has " + (bytes.length - 8) + " after the length)" + fix);
        JsonNode header;
        try {
            header = SpecJson.MAPPER.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new UserError(name + ": bad JSON in header (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")" + fix);
        }
        if (header == null || !header.isObject()) throw new UserError(name + ": bad JSON in header (not an object)" + fix);
        JsonNode meta = header.get("__metadata__");
        if (meta == null || !FORMAT.equals(meta.path("format").asText()))
            throw new UserError(name + ": not a fields blob (no \"format\":\"fields\" in __metadata__)" + fix);
        int version;
        try {
            version = Integer.parseInt(meta.path("version").asText());
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version < 1 || version > VERSION)
            throw new UserError(name + ": unknown blob version '" + meta.path("version").asText() + "' (this tool reads 1.." + VERSION + "; upgrade fields)");
        int dataStart = 8 + (int) n;
        int dataLen = bytes.length - dataStart;
        String expected = meta.path("sha256").asText();
        String actual = sha256(Arrays.copyOfRange(bytes, dataStart, bytes.length));
        if (!actual.equalsIgnoreCase(expected))
            throw new UserError(name + ": checksum mismatch (tensor data sha256 " + actual.substring(0, 12) + "… != recorded "
                    + (expected.length() >= 12 ? expected.substring(0, 12) : expected) + "…) — the file is corrupted; re-copy or re-export it");
        FieldSpec spec;
        try {
            spec = SpecJson.read(meta.path("spec").asText());
        } catch (IllegalArgumentException e) {
            throw new UserError(name + ": " + e.getMessage() + fix);
        }
        Provenance prov;
        try {
            prov = SpecJson.MAPPER.readValue(meta.path("provenance").asText("{}"), new TypeReference<Provenance>() {});
        } catch (JsonProcessingException e) {
            throw new UserError(name + ": bad provenance JSON (" + e.getOriginalMessage() + ")" + fix);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, dataLen).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) continue;
            JsonNode t = e.getValue();
            if (!"F32".equals(t.path("dtype").asText()))
                throw new UserError(name + ": tensor " + e.getKey() + " has dtype " + t.path("dtype") + ", expected F32" + fix);
            int[] shape = new int[t.path("shape").size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) { shape[i] = t.path("shape").get(i).asInt(); count *= shape[i]; }
            long b = t.path("data_offsets").path(0).asLong(-1), en = t.path("data_offsets").path(1).asLong(-1);
            if (b < 0 || en > dataLen || en - b != 4 * count)
                throw new UserError(name + ": tensor " + e.getKey() + " has offsets [" + b + "," + en + "] that do not fit shape "
                        + Arrays.toString(shape) + " in " + dataLen + " data bytes" + fix);
            float[] v = new float[(int) count];
            data.position((int) b);
            data.asFloatBuffer().get(v);
            tensors.put(e.getKey(), new Tensor(shape, v));
        }
        String kind = meta.path("kind").asText(FieldBlob.KIND_FIELD);
        if (kind.equals(FieldBlob.KIND_FIELD)) checkShapes(spec, tensors, name);
        return new FieldBlob(kind, spec, tensors, prov);
    }

    /** Refuses tensors that do not match what the spec requires. */
    public static void checkShapes(FieldSpec spec, Map<String, Tensor> tensors, String name) {
        for (Map.Entry<String, int[]> e : spec.expectedTensors().entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null)
                throw new UserError(name + ": tensor " + e.getKey() + " is missing (the spec needs shape " + Arrays.toString(e.getValue()) + ") — re-export the blob");
            if (!Arrays.equals(t.shape(), e.getValue()))
                throw new UserError(name + ": tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + " but the spec needs " + Arrays.toString(e.getValue()) + " — re-export the blob");
        }
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
