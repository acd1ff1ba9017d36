package dev.fields.io.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.mesh.MeshImporter;
import dev.fields.io.spec.SpecJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Seeded mutation fuzzing of the blob reader and the mesh importer: every mutated input is either accepted or refused
 * with a {@link dev.fields.io.UserError} (one line); any other outcome is a failure, and the input is kept under
 * {@code target/fuzz-crashers} (see {@link Tally}) to be added to the corpus in {@code src/test/resources/fuzz}, which runs as regression
 * inputs. The default run is a fixed number of inputs (a CI minute); {@code -Dfields.fuzzSeconds=600} runs for that long
 * instead, and {@code -Dfields.fuzzSeed=N} changes the seed.
 */
class ReaderFuzzTest {
    static final int BLOBS = 6000, MESHES = 3000;
    static final Path CORPUS = Path.of("src", "test", "resources", "fuzz");
    static final int HANG_SECONDS = 10;

    static long seed() { return Long.getLong("fields.fuzzSeed", 20260114L); }

    static double seconds() {
        String s = System.getProperty("fields.fuzzSeconds");
        return s == null || s.isBlank() ? 0 : Double.parseDouble(s);
    }

    static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    @Test void mutatedBlobsAndMeshesAreAcceptedOrRefusedWithAUserError() throws Exception {
        double seconds = seconds();
        Mutations mut = new Mutations(new SplittableRandom(seed()));
        List<byte[]> blobs = Seeds.blobs();
        Map<String, byte[]> meshes = Seeds.meshes();
        List<String> meshNames = new ArrayList<>(meshes.keySet());
        Path work = Path.of("target", "fuzz");
        Files.createDirectories(work);
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        Tally b = new Tally(HANG_SECONDS), m = new Tally(HANG_SECONDS);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; seconds > 0 ? System.nanoTime() < end : i < Math.max(BLOBS, MESHES); i++) {
            if (seconds > 0 || i < BLOBS) {
                byte[] in = mutateBlob(mut, blobs.get(mut.below(blobs.size())));
                b.record("blob-" + seed() + "-" + i, in, ".field", () -> BlobFormat.fromBytes(in, "fuzz.field"));
            }
            if (seconds > 0 || i < MESHES) {
                String name = meshNames.get(mut.below(meshNames.size()));
                byte[] in = mutateMesh(mut, name, meshes.get(name));
                String ext = name.substring(name.lastIndexOf('.'));
                // written before the import, so a crash of the native importer leaves the input on disk
                Path file = work.resolve("current" + ext);
                Files.write(file, in);
                m.record("mesh-" + seed() + "-" + i + "-" + name.substring(0, name.lastIndexOf('.')), in, ext, () -> MeshImporter.load(file));
            }
        }
        long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println(b.summary("blobs (seed " + seed() + ")"));
        System.out.println(m.summary("meshes (seed " + seed() + ")"));
        System.out.printf(Locale.ROOT, "peak heap (sum of pool peaks) %.0f MB of %.0f MB max%n", peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        List<String> other = new ArrayList<>(b.other);
        other.addAll(m.other);
        assertEquals(List.of(), other.subList(0, Math.min(20, other.size())), other.size() + " inputs neither accepted nor refused (kept in " + Tally.CRASHERS + ")");
        assertTrue(b.refused > b.run / 2 && b.accepted > 0, "mutations reach both outcomes: " + b.summary("blobs"));
        assertTrue(m.refused > m.run / 10 && m.accepted > m.run / 10, "mutations reach both outcomes: " + m.summary("meshes"));
    }

    /** Every kept crasher (and every hostile input from the issue) is now accepted or refused with a user error. */
    @Test void theCorpusOfPastCrashersIsAcceptedOrRefusedWithAUserError() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(CORPUS.resolve("blob")), Files.walk(CORPUS.resolve("mesh")))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Tally t = new Tally(HANG_SECONDS);
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            boolean blob = f.getParent().getFileName().toString().equals("blob");
            t.record(f.getFileName().toString(), bytes, "", blob ? () -> BlobFormat.fromBytes(bytes, f.toString()) : () -> MeshImporter.load(f));
        }
        assertEquals(List.of(), t.other);
        assertTrue(files.size() >= 20, "the corpus is there: " + files.size());
        assertEquals(t.run, t.refused + t.accepted);
    }

    /** One of: raw byte edits; a header edit (JSON tree or text) with the length and checksum repaired; a tensor value edit. */
    static byte[] mutateBlob(Mutations mut, byte[] seed) throws IOException {
        int n = (int) ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(seed, 8, n, StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(seed, 8 + n, seed.length);
        int kind = mut.below(10);
        if (kind < 3) return mut.bytes(seed);
        if (kind < 5) {
            float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3e38f, -0f, Float.MIN_VALUE};
            data = data.clone();
            if (data.length >= 4) ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * mut.below(data.length / 4), bad[mut.below(bad.length)]);
            if (mut.chance(0.3)) data = mut.bytes(data);
        } else if (kind < 9) {
            JsonNode tree = SpecJson.MAPPER.readTree(header);
            for (int e = 1 + mut.below(3); e > 0; e--) tree = mut.tree(tree);
            header = tree.toString();
        } else {
            header = mut.text(header);
        }
        if (mut.chance(0.95)) header = header.replaceFirst("\"sha256\":\"[0-9a-fA-F]*\"", "\"sha256\":\"" + BlobFormat.sha256(data) + "\"");
        byte[] json = header.getBytes(mut.chance(0.1) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        long length = mut.chance(0.9) ? json.length : json.length + mut.below(17) - 8;
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(length).put(json).put(data).array();
    }

    /** Text formats get text edits; binary ones byte edits, edits of their ASCII header, or a hostile STL triangle count. */
    static byte[] mutateMesh(Mutations mut, String name, byte[] seed) {
        boolean binary = name.contains("binary");
        if (!binary || mut.chance(0.2)) {
            if (mut.chance(0.25)) return mut.bytes(seed);
            if (!binary) return mut.text(Mutations.latin1(seed)).getBytes(StandardCharsets.ISO_8859_1);
        }
        if (name.endsWith(".stl") && mut.chance(0.5)) {
            byte[] b = seed.clone();
            long[] counts = {0, 1, 11, 13, 1000, 85899346L, 85899347L, 0xFFFFFFFFL, 0x80000000L, 42949673L};
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(80, (int) counts[mut.below(counts.length)]);
            return mut.chance(0.3) ? Arrays.copyOf(b, mut.below(b.length + 1)) : b;
        }
        if (name.endsWith(".ply") && mut.chance(0.6)) {
            String s = Mutations.latin1(seed);
            int end = s.indexOf("end_header\n") + "end_header\n".length();
            return (mut.text(s.substring(0, end)) + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
        }
        return mut.bytes(seed);
    }
}
