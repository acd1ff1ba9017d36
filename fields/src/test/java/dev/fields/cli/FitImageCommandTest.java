package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.eval.BlobField;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.SpecJson;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** fit-image as a user runs it: outputs, metrics, the blob's own reconstruction, and one-line errors. */
class FitImageCommandTest {
    @TempDir Path dir;

    /** A smooth 24x16 RGB test image (non-square). */
    private Path smoothImage() {
        FloatImage im = FloatImage.blank(24, 16, 3);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 24; x++) {
                im.set(x, y, 0, 0.5f + 0.4f * (float) Math.sin(x / 5.0));
                im.set(x, y, 1, 0.2f + 0.6f * y / 16f);
                im.set(x, y, 2, 0.5f);
            }
        Path p = dir.resolve("smooth.png");
        Images.writePng(p, im);
        return p;
    }

    @Test void fitsWritesEverythingAndTheBlobReproducesTheReconstruction() throws Exception {
        Path img = smoothImage();
        Path out = dir.resolve("run");
        CliRunner r = CliRunner.run("fit-image", img.toString(), "--out", out.toString(), "--steps", "150", "--width", "32",
                "--depth", "2", "--features", "16", "--sigma", "2", "--lr", "5e-3", "--quiet", "--eval-every", "50");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[]{"smooth.field", "smooth_recon.png", "smooth_curves.png", "metrics.json"})
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile());
        double psnr = m.get("metrics").get("psnr").asDouble();
        assertTrue(psnr > 24, "a smooth image is easy: psnr " + psnr);
        assertEquals(150, m.get("steps").asInt());
        assertTrue(m.get("metrics").get("ssim").asDouble() > 0.8);
        assertEquals("RWF", m.at("/config/network/parameterization").asText());

        FieldBlob blob = BlobFormat.read(out.resolve("smooth.field"));
        assertEquals(psnr, blob.provenance().metrics().get("psnr"), 1e-12);
        // The PNG was evaluated from the blob: the CPU twin reproduces it pixel by pixel (8-bit rounding).
        FloatImage recon = Images.read(out.resolve("smooth_recon.png"));
        ReferenceEvaluator ev = new ReferenceEvaluator(blob);
        double[] o = new double[3];
        for (int y = 0; y < 16; y += 3)
            for (int x = 0; x < 24; x += 5) {
                ev.evaluate(new float[]{x / 24f, y / 16f}, 0, o);
                for (int c = 0; c < 3; c++) assertEquals(o[c], recon.get(x, y, c), 0.5 / 255 + 1e-4);
            }
        // and the fast ND4J evaluator of blobs agrees with the twin
        float[] fast = new BlobField(blob).evaluate(new float[]{0.3f, 0.7f}, 1);
        ev.evaluate(new float[]{0.3f, 0.7f}, 0, o);
        assertEquals(o[1], fast[1], 1e-5);
    }

    @Test void paperProtocolSplitsEvenAndOddPixels() throws Exception {
        Path img = smoothImage();
        Path out = dir.resolve("paper");
        CliRunner r = CliRunner.run("fit-image", img.toString(), "--protocol", "paper", "--out", out.toString(), "--steps", "30",
                "--width", "16", "--depth", "1", "--features", "8", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertTrue(m.get("metrics").has("train_psnr") && m.get("metrics").has("test_psnr") && m.get("metrics").has("test_ssim"));
        assertEquals(16, m.at("/details/width").asInt(), "centre crop to a square");
        assertEquals("PAPER", m.at("/config/task/protocol").asText());
        assertEquals("PLAIN", m.at("/config/network/parameterization").asText());
    }

    @Test void badInputGetsOneLineExitTwoAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "not an image");
        Path empty = dir.resolve("empty.png");
        Files.write(empty, new byte[0]);
        String[][] cases = {
                {"fit-image", dir.resolve("missing.png").toString(), "--out", out.toString()},
                {"fit-image", junk.toString(), "--out", out.toString()},
                {"fit-image", empty.toString(), "--out", out.toString()},
                {"fit-image", smoothImage().toString(), "--encoding", "wavelet", "--out", out.toString()},
                {"fit-image", smoothImage().toString(), "--steps", "0", "--out", out.toString()},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", c));
        }
    }

    /** Every file under {@code dir} with its bytes (an absent directory has none). */
    private static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        if (!Files.exists(dir)) return m;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    private static CliRunner diverge(Path img, Path out) {
        return CliRunner.run("fit-image", img.toString(), "--out", out.toString(), "--steps", "60", "--lr", "1e30",
                "--width", "16", "--depth", "1", "--features", "8", "--quiet", "--checkpoint-every", "1000");
    }

    @Test void divergingTrainingStopsWithOneLineAndKeepsOnlyGoodFiles() throws Exception {
        Path img = smoothImage();
        // into a fresh directory: nothing at all is written
        Path fresh = dir.resolve("nan");
        CliRunner r = diverge(img, fresh);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("training diverged") && r.err().contains("--lr") && r.err().contains("nothing was saved"), r.err());
        assertEquals(Map.of(), contents(fresh), "no file, not even a temporary one");

        // over a finished run: its blob, checkpoint, pictures and metrics stay byte for byte what they were
        Path run = dir.resolve("run");
        assertEquals(0, CliRunner.run("fit-image", img.toString(), "--out", run.toString(), "--steps", "20", "--width", "16",
                "--depth", "1", "--features", "8", "--quiet", "--checkpoint-every", "10").code());
        Map<String, byte[]> before = contents(run);
        assertEquals(java.util.Set.of("metrics.json", "smooth.ckpt", "smooth.field", "smooth_curves.png", "smooth_recon.png"), before.keySet());
        CliRunner again = diverge(img, run);
        assertEquals(2, again.code(), again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains("training diverged") && again.err().contains("--lr"), again.err());
        Map<String, byte[]> after = contents(run);
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f + " unchanged");
    }

    @Test void inspectPrintsSpecAndProvenance() {
        Path out = dir.resolve("insp");
        assertEquals(0, CliRunner.run("fit-image", smoothImage().toString(), "--out", out.toString(), "--steps", "5", "--width", "8",
                "--depth", "1", "--features", "4", "--quiet").code());
        CliRunner r = CliRunner.run("inspect", out.resolve("smooth.field").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("parameters") && r.out().contains("seed 0") && r.out().contains("RWF"), r.out());
        Path bad = dir.resolve("bad.field");
        CliRunner b = CliRunner.run("inspect", bad.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().contains("not found"));
    }
}
