package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.array.NpyReader;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.ct.Slice;
import dev.fields.io.ct.Slices;
import dev.fields.io.blob.ValueRange;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** fit-ct as a user runs it: a phantom end to end, scikit-image's own sinogram file, and bad input. */
class FitCtCommandTest {
    @TempDir Path dir;
    static final Path GOLDEN = Path.of("../io/src/test/resources/dev/fields/io/ct");
    static final String[] SMALL = {"--steps", "60", "--width", "32", "--depth", "2", "--hash-levels", "8", "--warm-start", "20", "--quiet", "--sirt-iterations", "40"};

    private static String[] args(String[] head, String... tail) {
        String[] a = new String[head.length + tail.length + SMALL.length];
        System.arraycopy(head, 0, a, 0, head.length);
        System.arraycopy(SMALL, 0, a, head.length, SMALL.length);
        System.arraycopy(tail, 0, a, head.length + SMALL.length, tail.length);
        return a;
    }

    @Test void aPhantomReconstructionWritesEveryOutputAndScoresEveryMethod() throws Exception {
        Path out = dir.resolve("sl");
        CliRunner r = CliRunner.run(args(new String[]{"fit-ct", "--phantom", "shepp-logan", "--views", "12", "--grid", "48", "--out", out.toString()}));
        assertEquals(0, r.code(), r.err());
        for (String f : new String[]{"shepp-logan.field", "shepp-logan_recon.npy", "shepp-logan_recon.tiff", "shepp-logan_recon.png", "shepp-logan_fbp.npy",
                "shepp-logan_sirt.npy", "shepp-logan_compare.png", "shepp-logan_curves.png", "metrics.json"})
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("metrics");
        for (String k : new String[]{"psnr", "ssim", "fbp_psnr", "fbp_ssim", "sirt_psnr", "sirt_ssim", "fbp_seconds", "sirt_seconds"})
            assertTrue(m.has(k) && Double.isFinite(m.get(k).asDouble()), k + " in " + m);
        assertTrue(m.get("sirt_psnr").asDouble() > m.get("fbp_psnr").asDouble(), "SIRT beats FBP at 12 views: " + m);
        assertTrue(m.get("psnr").asDouble() > 12, "the field learned the phantom's outline: " + m);
        var blob = BlobFormat.read(out.resolve("shepp-logan.field"));
        assertTrue(blob.spec().has(Channel.ATTENUATION));
        NpyReader.Array recon = NpyReader.read(out.resolve("shepp-logan_recon.npy"));
        assertArrayEquals(new int[]{48, 48}, recon.shape());
        Slice tiff = Slices.read(out.resolve("shepp-logan_recon.tiff"));
        assertEquals(48, tiff.width());
        assertEquals(48, tiff.height());
        assertArrayEquals(recon.data(), tiff.data(), 0f, "the TIFF holds the same float32 reconstruction as the .npy");
        // the blob records the reconstruction's value range: render and view start their window from it
        // it is in the blob's unit: the field's value times the recorded value scale is μ
        ValueRange range = ValueRange.recorded(blob.provenance().metrics()).orElseThrow();
        double scale = blob.provenance().metrics().get("value_scale");
        ValueRange truth = ValueRange.of(recon.data());
        assertEquals(truth.low(), range.low() * scale, 1e-5 * Math.max(1, Math.abs(truth.high())));
        assertEquals(truth.high(), range.high() * scale, 1e-5 * Math.max(1, Math.abs(truth.high())));
    }

    /** scikit-image's radon of an asymmetric phantom, detectors × views: loads with --transpose and FBP comes out upright. */
    @Test void scikitImagesSinogramLoadsTransposedAndReconstructsUpright() throws Exception {
        Path out = dir.resolve("sk");
        CliRunner r = CliRunner.run(args(new String[]{"fit-ct", GOLDEN.resolve("skimage_sinogram.npy").toString(), "--geometry",
                GOLDEN.resolve("skimage_geometry.json").toString(), "--transpose", "--truth", GOLDEN.resolve("skimage_phantom.npy").toString(),
                "--out", out.toString()}));
        assertEquals(0, r.code(), r.err());
        float[] fbp = NpyReader.read(out.resolve("skimage_sinogram_fbp.npy")).data();
        float[] truth = NpyReader.read(GOLDEN.resolve("skimage_phantom.npy")).data();
        int n = 64;
        double upright = correlation(fbp, truth), flipped = correlation(flipRows(fbp, n), truth), mirrored = correlation(flipColumns(fbp, n), truth);
        assertTrue(upright > 0.9, "FBP matches the phantom: " + upright);
        assertTrue(upright > flipped + 0.2 && upright > mirrored + 0.2, "upright " + upright + ", flipped " + flipped + ", mirrored " + mirrored);
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("metrics");
        assertTrue(m.get("sirt_psnr").asDouble() > 20, "SIRT of skimage's sinogram: " + m);
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.length;
        mb /= b.length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) { ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) * (a[i] - ma); bb += (b[i] - mb) * (b[i] - mb); }
        return ab / Math.sqrt(aa * bb);
    }

    private static float[] flipRows(float[] x, int n) {
        float[] y = new float[x.length];
        for (int r = 0; r < n; r++) System.arraycopy(x, r * n, y, (n - 1 - r) * n, n);
        return y;
    }

    private static float[] flipColumns(float[] x, int n) {
        float[] y = new float[x.length];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) y[r * n + c] = x[r * n + n - 1 - c];
        return y;
    }

    @Test void badInputGetsOneLineExitTwoAndWritesNothing() throws Exception {
        Path out = dir.resolve("never");
        Path geometry = GOLDEN.resolve("skimage_geometry.json"), sino = GOLDEN.resolve("skimage_sinogram.npy");
        Path unknown = dir.resolve("unknown.json"), missing = dir.resolve("missing.json");
        Files.writeString(unknown, Files.readString(geometry).replace("\"skimage\"", "\"tomopy\""));
        Files.writeString(missing, Files.readString(geometry).replace("\"detectors\": 64,", ""));
        String[][] cases = {
                {"fit-ct", sino.toString(), "--geometry", geometry.toString(), "--out", out.toString()},            // not transposed: wrong shape
                {"fit-ct", GOLDEN.resolve("sino_nan.npy").toString(), "--geometry", geometry.toString(), "--out", out.toString()},
                {"fit-ct", sino.toString(), "--geometry", unknown.toString(), "--transpose", "--out", out.toString()},
                {"fit-ct", sino.toString(), "--geometry", missing.toString(), "--transpose", "--out", out.toString()},
                {"fit-ct", sino.toString(), "--out", out.toString()},
                {"fit-ct", "--phantom", "ellipses", "--out", out.toString()},
                {"fit-ct", "--phantom", "shepp-logan", "--noise", "salt:3", "--out", out.toString()},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", c));
        }
    }
}
