package dev.fields.io.blob;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.SpecJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * The weight blob: a safetensors file. Layout: 8-byte little-endian header length N, N bytes of JSON header
 * (padded with spaces to a multiple of 8), then raw little-endian float32 tensor data. The header maps each
 * tensor name to {@code {"dtype":"F32","shape":[..],"data_offsets":[begin,end]}} (offsets relative to the data
 * section) and holds string entries under {@code __metadata__}:
 * {@code format} ("fields"), {@code version}, {@code kind}, {@code spec} (JSON), {@code provenance} (JSON) and
 * {@code sha256} (hex digest of the whole data section). Python's {@code safetensors} opens these files.
 *
 * <p>Versions: a blob records the lowest version that describes it ({@link #versionFor}), so a tool that reads only
 * an earlier version refuses exactly the blobs it would misread, with its "upgrade fields" line, and reads the rest.
 * 1: every field without view dependence (the spec JSON has no {@code viewDependence} key); 2: radiance fields whose
 * colour is spherical-harmonics coefficients ({@link dev.fields.io.spec.ViewDependence}, key
 * {@code "viewDependence": "sh:D"} in the spec).
 */
public final class BlobFormat {
    public static final String FORMAT = "fields";
    /** Current format version; readers accept every version up to this one. */
    public static final int VERSION = 2;
    /** Largest blob file read (a Java array holds the whole file). */
    static final long MAX_FILE = Integer.MAX_VALUE - 64;

    private BlobFormat() {}

    /** The version a blob of this spec is written with: 2 for view-dependent radiance fields, else 1. */
    public static int versionFor(FieldSpec spec) {
        return switch (spec.viewDependence()) {
            case NONE -> 1;
            case SH1, SH2, SH3 -> 2;
        };
    }

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
        meta.put("version", Integer.toString(versionFor(blob.spec())));
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

    /**
     * Reads a field blob: what drawing, exporting or initializing from a blob needs. Validated once, here: the
     * structure ({@link #fromBytes}), finite values, the shapes its spec declares, and the kind (a checkpoint is refused).
     */
    public static FieldBlob read(Path path) {
        FieldBlob b = readAny(path);
        if (!FieldBlob.KIND_FIELD.equals(b.kind()))
            throw new UserError(path + " is a training " + b.kind() + ", not a field — give the .field blob its fit wrote (a checkpoint only resumes a fit)");
        return b;
    }

    /** Reads a training checkpoint (kind {@link FieldBlob#KIND_CHECKPOINT}); a field blob is refused. */
    public static FieldBlob readCheckpoint(Path path) {
        FieldBlob b = readAny(path);
        if (!FieldBlob.KIND_CHECKPOINT.equals(b.kind()))
            throw new UserError(path + " is a " + b.kind() + " blob, not a checkpoint — resuming needs the NAME.ckpt that the run wrote");
        return b;
    }

    /** Reads a blob of either kind, validated as {@link #fromBytes} does (for tools that only describe it). */
    public static FieldBlob readAny(Path path) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_FILE)
                throw new UserError(path + ": " + size + " bytes is too large for a weight blob (this tool reads up to " + MAX_FILE + " bytes) — give a .field blob written by a fit");
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UserError("weight blob not found: " + path + " (check the path: a fit writes NAME.field into its output folder)");
        } catch (IOException e) {
            throw new UserError("cannot read weight blob " + path + ": " + e.getMessage());
        }
        return fromBytes(bytes, path.toString());
    }

    /**
     * Parses and validates a blob of either kind; every problem is a {@link UserError} with one line naming it and the
     * fix. Checks the safetensors structure, the metadata, the checksum, that the tensors tile the data exactly and
     * hold finite values, and for a field blob that their shapes are the ones its spec declares.
     */
    public static FieldBlob fromBytes(byte[] bytes, String name) {
        return BlobReader.parse(bytes, name);
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
