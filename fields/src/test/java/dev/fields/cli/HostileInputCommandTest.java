package dev.fields.cli;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Tensor;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.render.AnalyticFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile inputs as a user meets them on the command line: blobs that would crash a command, broken meshes, and output
 * folders that cannot be written, are in use, or hold the leftovers of an interrupted run. Each is one line and exit 2,
 * before any training, leaving nothing new behind.
 */
class HostileInputCommandTest {
    @TempDir Path dir;

    private static void oneLine(CliRunner r, String what) {
        assertEquals(2, r.code(), what + " -> " + r.err());
        assertEquals(1, r.err().strip().lines().count(), what + ": one line: " + r.err());
    }

    private static Set<String> names(Path d) throws Exception {
        if (!Files.exists(d)) return Set.of();
        try (Stream<Path> s = Files.list(d)) { return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()); }
    }

    private Path image() {
        FloatImage im = FloatImage.blank(12, 10, 3);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) im.set(x, y, 0, x / 12f);
        Path p = dir.resolve("small.png");
        Images.writePng(p, im);
        return p;
    }

    /** A tiny fit-image into {@code out} (4 steps unless {@code more} says otherwise). */
    private CliRunner fit(Path out, String... more) {
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("fit-image", image().toString(), "--out", out.toString(),
                "--width", "8", "--depth", "1", "--features", "4", "--quiet"));
        if (!java.util.List.of(more).contains("--steps")) a.addAll(java.util.List.of("--steps", "4"));
        a.addAll(java.util.List.of(more));
        return CliRunner.run(a.toArray(String[]::new));
    }

    @Test void blobsThatWouldCrashACommandAreRefusedAtLoad() throws Exception {
        FieldBlob good = AnalyticFields.octahedron(0.7, false);
        Map<String, Tensor> t = new LinkedHashMap<>(good.tensors());
        float[] w = t.get("layers.0.weight").data().clone();
        w[2] = Float.NaN;
        t.put("layers.0.weight", new Tensor(t.get("layers.0.weight").shape(), w));
        Path nan = dir.resolve("nan.field"), ckpt = dir.resolve("run.ckpt"), kind = dir.resolve("kind.field");
        BlobFormat.write(nan, new FieldBlob(good.kind(), good.spec(), t, good.provenance()));
        BlobFormat.write(ckpt, new FieldBlob(FieldBlob.KIND_CHECKPOINT, good.spec(), Map.of("params", Tensor.of(new float[]{1, 2}, 2)), good.provenance()));
        String s = new String(BlobFormat.toBytes(good), StandardCharsets.ISO_8859_1).replace("\"kind\":\"field\"", "\"kind\":\"fyeld\"");
        Files.write(kind, s.getBytes(StandardCharsets.ISO_8859_1));
        Map<Path, String> why = Map.of(nan, "holds NaN at index 2", ckpt, "is a training checkpoint, not a field", kind, "unknown blob kind 'fyeld'");
        for (var e : why.entrySet()) {
            Path png = dir.resolve("never.png"), glsl = dir.resolve("never.glsl"), ply = dir.resolve("never.ply");
            for (String[] c : new String[][]{{"render", e.getKey().toString(), "--out", png.toString()},
                    {"export-glsl", e.getKey().toString(), "--out", glsl.toString()},
                    {"export-mesh", e.getKey().toString(), "--out", ply.toString(), "--res", "16"},
                    {"fit-image", image().toString(), "--init", e.getKey().toString(), "--out", dir.resolve("never").toString()}}) {
                CliRunner r = CliRunner.run(c);
                oneLine(r, String.join(" ", c));
                assertTrue(r.err().contains(e.getKey().getFileName().toString()), r.err());
                if (!c[0].equals("fit-image")) assertTrue(r.err().contains(e.getValue()), r.err());
                assertFalse(Files.exists(png) || Files.exists(glsl) || Files.exists(ply) || Files.exists(dir.resolve("never")), "nothing written");
            }
        }
    }

    @Test void brokenMeshesFailInOneLineWithinTwoSecondsAndLeaveNothing() throws Exception {
        Map<String, byte[]> meshes = new LinkedHashMap<>();
        meshes.put("h.off", "OFF\n999999999 999999999 0\n0 0 0\n".getBytes(StandardCharsets.US_ASCII));
        meshes.put("comment.off", "OFF\n# hung the importer\n3 1 0\n0 0 0\n1 0 0\n2 0 0\n3 0 1 2\n".getBytes(StandardCharsets.US_ASCII));
        meshes.put("points.ply", ("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
                + "end_header\n0 0 0\n1 0 0\n0 1 0\n").getBytes(StandardCharsets.US_ASCII));
        meshes.put("list.ply", ("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
                + "element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n999999999 0 1 2\n").getBytes(StandardCharsets.US_ASCII));
        meshes.put("far.off", "OFF\n4 2 0\n0 0 0\n1 0 0\n0 1 0\n1e30 0 0\n3 0 1 2\n3 1 3 2\n".getBytes(StandardCharsets.US_ASCII));
        byte[] stl = new byte[88];
        java.nio.ByteBuffer.wrap(stl).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(80, 85899346);
        meshes.put("wrap.stl", stl);
        for (var e : meshes.entrySet()) {
            Path mesh = dir.resolve(e.getKey()), out = dir.resolve("out-" + e.getKey());
            Files.write(mesh, e.getValue());
            long t0 = System.nanoTime();
            CliRunner r = CliRunner.run("fit-shape", mesh.toString(), "--out", out.toString(), "--steps", "2", "--quiet");
            double seconds = (System.nanoTime() - t0) / 1e9;
            oneLine(r, e.getKey());
            assertTrue(r.err().contains(e.getKey()), r.err());
            assertTrue(seconds < 2, e.getKey() + " took " + seconds + " s");
            assertFalse(Files.exists(out), "no output folder for " + e.getKey());
        }
    }

    @Test @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // found at the first write, it would train first
    void anUnwritableOutIsFoundBeforeAnyWork() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Path dangling = dir.resolve("dangling");
        Files.createSymbolicLink(dangling, dir.resolve("nowhere/at/all"));
        java.util.List<Path> outs = new java.util.ArrayList<>(java.util.List.of(file.resolve("run"), file, dangling));
        if (Files.isDirectory(Path.of("/proc/self"))) outs.add(Path.of("/proc/fields-cannot-be-here")); // unwritable even for root
        for (Path out : outs) {
            long t0 = System.nanoTime();
            CliRunner r = fit(out, "--steps", "1000000", "--checkpoint-every", "0");
            oneLine(r, out.toString());
            assertTrue(r.err().contains("cannot write into --out"), r.err());
            assertTrue((System.nanoTime() - t0) / 1e9 < 20, "refused before training a million steps");
        }
        assertEquals("x", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("nowhere")), "no folder made on the way");
    }

    @Test void aFolderInUseIsRefusedAStaleLockIsTakenOver() throws Exception {
        Path out = dir.resolve("busy");
        try (OutputFolder held = OutputFolder.open(out, n -> false)) {
            CliRunner r = fit(out);
            oneLine(r, "second run");
            assertTrue(r.err().contains("in use by another fit") && r.err().contains("pid " + ProcessHandle.current().pid()), r.err());
            assertEquals(Set.of(OutputFolder.LOCK), names(out), "the holder's lock is untouched");
        }
        assertEquals(Set.of(), names(out));

        // a lock file naming a live process (pid and start time match): refused without an OS lock too
        Files.createDirectories(out);
        OutputFolder.Owner self = OutputFolder.Owner.self();
        Files.writeString(out.resolve(OutputFolder.LOCK), self.line());
        oneLine(fit(out), "live owner");

        // the owner is gone (a finished process, or a pid now used by a process started later): taken over
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        for (String stale : new String[]{"pid " + p.pid() + " started " + Instant.now(), "pid " + self.pid() + " started 2001-01-01T00:00:00Z", "garbage"}) {
            Files.writeString(out.resolve(OutputFolder.LOCK), stale + "\n");
            CliRunner r = fit(out);
            assertEquals(0, r.code(), stale + ": " + r.err());
            assertFalse(Files.exists(out.resolve(OutputFolder.LOCK)), "released at the end");
        }
    }

    @Test void theLockIsReleasedWhenTheRunFails() throws Exception {
        Path out = dir.resolve("fails");
        Files.createDirectories(out);
        CliRunner r = CliRunner.run("fit-image", dir.resolve("missing.png").toString(), "--out", out.toString());
        oneLine(r, "missing input");
        assertEquals(Set.of(), names(out), "no lock, no probe left");
        CliRunner d = fit(out, "--lr", "1e30", "--steps", "30");
        oneLine(d, "diverging");
        assertEquals(Set.of(), names(out));
    }

    @Test void staleTemporaryFilesOfThisRunAreRemovedOthersKept() throws Exception {
        Path out = dir.resolve("interrupted");
        Files.createDirectories(out);
        for (String n : new String[]{".small.field8861721.tmp", ".small_curves.png12.tmp", ".metrics.json345.tmp", ".other.field9.tmp", ".notes.tmp"})
            Files.writeString(out.resolve(n), "half a file");
        CliRunner r = fit(out, "--resume");
        oneLine(r, "resume without checkpoint"); // refused before the folder is touched
        assertTrue(names(out).contains(".small.field8861721.tmp"));
        CliRunner ok = CliRunner.run("fit-image", image().toString(), "--out", out.toString(), "--steps", "4", "--width", "8", "--depth", "1",
                "--features", "4", "--checkpoint-every", "2", "--eval-every", "2");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("removed 3 temporary file(s) left by an interrupted run"), ok.out());
        assertEquals(Set.of(".other.field9.tmp", ".notes.tmp", "small.field", "small.ckpt", "small_recon.png", "small_curves.png", "metrics.json"), names(out));
        Files.writeString(out.resolve(".small.ckpt4242.tmp"), "killed while writing the checkpoint");
        CliRunner resumed = fit(out, "--resume", "--steps", "6", "--checkpoint-every", "2", "--eval-every", "2");
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(names(out).contains(".small.ckpt4242.tmp"), "--resume cleans up too");
    }

    @Test void symlinkedOutIsFollowedNotReplaced() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertEquals(0, fit(link).code());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(names(real).contains("small.field"));
    }
}
