package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.ct.Phantom;
import dev.fields.ct.SystemMatrix;
import dev.fields.io.array.NpyReader;
import dev.fields.io.ct.Geometry;
import dev.fields.io.ct.GeometryFile;
import dev.fields.io.ct.Scan;
import dev.fields.io.ct.Slice;
import dev.fields.io.ct.Slices;
import dev.fields.io.spec.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** make-sinogram as a user runs it: the bundled MR slice and a phantom projected, read back, reconstructed; bad input. */
class MakeSinogramCommandTest {
    @TempDir Path dir;
    static final Path MR = Path.of("../scenes/ct/MR_small.dcm");

    /** A parallel scan of a 64² grid of unit pixels, 24 views over [0°, 180°), 95 unit bins (the grid's diagonal and more). */
    private Path geometry(String convention, int grid, double pixel) throws Exception { return geometry(convention, grid, pixel, 95, pixel); }

    private Path geometry(String convention, int grid, double pixel, int detectors, double spacing) throws Exception {
        Path g = dir.resolve(convention + grid + "_" + detectors + ".json");
        Files.writeString(g, """
                {"convention": "%s", "beam": "parallel", "angles": {"start": 0, "stop": 180, "count": 24}, "angle_unit": "deg",
                 "detectors": %d, "detector_spacing": %s, "grid_size": %d, "pixel_size": %s}
                """.formatted(convention, detectors, spacing, grid, pixel));
        return g;
    }

    private static CliRunner run(String... args) { return CliRunner.run(args); }

    @Test void theMrSliceProjectsWithMassConservedInEveryView() throws Exception {
        Path g = geometry("fields", 64, 1), out = dir.resolve("mr.npy");
        CliRunner r = run("make-sinogram", MR.toString(), "--geometry", g.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), "one summary line: " + r.out());
        assertTrue(r.out().contains("24 views × 95 detectors"), r.out());
        NpyReader.Array a = NpyReader.read(out);
        assertArrayEquals(new int[]{24, 95}, a.shape());
        Slice s = Slices.read(MR);
        double mass = 0;
        for (float v : s.data()) mass += v;          // × pixel area 1
        assertTrue(mass > 1e4, "the slice is not blank: " + mass);
        float[] p = a.data();
        double worst = 0;
        for (int v = 0; v < 24; v++) {
            double sum = 0;
            for (int j = 0; j < 95; j++) sum += p[v * 95 + j];   // × detector spacing 1
            worst = Math.max(worst, Math.abs(sum / mass - 1));
        }
        System.out.printf("MR_small, 24 views: worst relative deviation of a view's integral from the slice's mass %.2e%n", worst);
        assertTrue(worst < 2e-3, "every view integrates to the slice's mass: worst relative deviation " + worst);
        // the values are the system matrix's projections of the slice
        Geometry geo = GeometryFile.read(g).geometry();
        float[] expected = new float[24 * 95];
        SystemMatrix.of(geo).forward(s.data(), expected);
        assertArrayEquals(expected, p, 0f);
    }

    /** Written in the geometry file's convention (skimage: values in pixels, detectors × views): Scan.load gives the projections back. */
    @Test void theFileLoadsBackInItsConventionTransposed() throws Exception {
        Path g = geometry("skimage", 64, 0.5), out = dir.resolve("mr_sk.tiff");
        CliRunner r = run("make-sinogram", MR.toString(), "--geometry", g.toString(), "--out", out.toString(), "--transpose");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("detectors × views"), r.out());
        Slice raw = Slices.read(out);
        assertEquals(24, raw.width(), "columns are views");
        assertEquals(95, raw.height(), "rows are detectors");
        Scan scan = Scan.load(out, g, true);
        float[] expected = new float[24 * 95];
        SystemMatrix.of(scan.geometry()).forward(Slices.read(MR).data(), expected);
        assertArrayEquals(expected, scan.sinogram().data(), 1e-6f * max(expected));
        assertEquals(expected[5 * 95 + 40] / 0.5, raw.get(5, 40), 1e-5 * max(expected), "skimage counts lengths in pixels");
    }

    private static float max(float[] x) {
        float m = 0;
        for (float v : x) m = Math.max(m, Math.abs(v));
        return m;
    }

    @Test void fitCtReconstructsTheMadeSinogram() throws Exception {
        Path g = geometry("fields", 64, 1), sino = dir.resolve("mr.npy"), out = dir.resolve("fit");
        assertEquals(0, run("make-sinogram", MR.toString(), "--geometry", g.toString(), "--out", sino.toString()).code());
        CliRunner r = run("fit-ct", sino.toString(), "--geometry", g.toString(), "--truth", MR.toString(), "--out", out.toString(),
                "--steps", "10", "--width", "16", "--depth", "2", "--hash-levels", "6", "--warm-start", "5", "--sirt-iterations", "40", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("metrics");
        System.out.println("fit-ct of the made MR sinogram (24 views): " + m);
        assertTrue(m.get("sirt_psnr").asDouble() > 20, "SIRT-40 recovers the slice it was made from: " + m);
        assertTrue(Files.size(out.resolve("mr_recon.tiff")) > 64 * 64 * 4);
    }

    @Test void aPhantomGivesItsExactSinogramAndNoiseFollowsTheSeed() throws Exception {
        Path g = geometry("fields", 64, 2.0 / 64, 601, 0.004), clean = dir.resolve("sl.npy");
        CliRunner r = run("make-sinogram", "--phantom", "shepp-logan", "--geometry", g.toString(), "--out", clean.toString());
        assertEquals(0, r.code(), r.err());
        float[] p = NpyReader.read(clean).data();
        assertArrayEquals(Phantom.modifiedSheppLogan().sinogram(GeometryFile.read(g).geometry()), p, 0f);
        // a Riemann sum over bins of 0.004 of profiles with square-root edges: within 0.1% of the phantom's mass (numpy: 0.05% at most)
        for (int v = 0; v < 24; v++) {
            double sum = 0;
            for (int j = 0; j < 601; j++) sum += p[v * 601 + j] * 0.004;
            assertEquals(0.4952646, sum, 1e-3 * 0.4952646, "view " + v + " integrates to the phantom's mass");
        }
        Path a = dir.resolve("a.npy"), b = dir.resolve("b.npy"), c = dir.resolve("c.npy");
        for (Object[] k : new Object[][]{{a, "3"}, {b, "3"}, {c, "4"}})
            assertEquals(0, run("make-sinogram", "--phantom", "shepp-logan", "--geometry", g.toString(), "--out", k[0].toString(),
                    "--noise", "poisson:1e4", "--seed", (String) k[1]).code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same seed, same noise");
        float[] na = NpyReader.read(a).data(), nc = NpyReader.read(c).data();
        double d = 0, e = 0;
        for (int i = 0; i < p.length; i++) { d += Math.abs(na[i] - p[i]); e += Math.abs(na[i] - nc[i]); }
        assertTrue(d / p.length > 1e-3 && e / p.length > 1e-3, "noise is added and depends on the seed: " + d / p.length + ", " + e / p.length);
        assertTrue(d / p.length < 0.05, "poisson:1e4 is mild at these line integrals (< 0.6): " + d / p.length);
    }

    @Test void badInputGetsOneLineExitTwoAndWritesNothing() throws Exception {
        Path g = geometry("fields", 64, 1), small = geometry("fields", 32, 1), out = dir.resolve("never.npy");
        String[][] cases = {
                {"make-sinogram", MR.toString(), "--geometry", small.toString(), "--out", out.toString()},        // 64² slice, 32² grid
                {"make-sinogram", dir.resolve("missing.png").toString(), "--geometry", g.toString(), "--out", out.toString()},
                {"make-sinogram", MR.toString(), "--geometry", dir.resolve("missing.json").toString(), "--out", out.toString()},
                {"make-sinogram", MR.toString(), "--geometry", g.toString(), "--out", out.toString(), "--noise", "salt:3"},
                {"make-sinogram", MR.toString(), "--geometry", g.toString(), "--out", dir.resolve("never.png").toString()},
                {"make-sinogram", MR.toString(), "--phantom", "shepp-logan", "--geometry", g.toString(), "--out", out.toString()},
                {"make-sinogram", "--geometry", g.toString(), "--out", out.toString()},
                {"make-sinogram", "--phantom", "ellipses", "--geometry", g.toString(), "--out", out.toString()},
                {"make-sinogram", MR.toString(), "--out", out.toString()},
        };
        for (String[] c : cases) {
            CliRunner r = run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            try (var s = Files.list(dir)) {
                assertTrue(s.allMatch(f -> f.toString().endsWith(".json")), "nothing written for " + String.join(" ", c));
            }
        }
        CliRunner mismatch = run(cases[0]);
        assertTrue(mismatch.err().contains("64×64") && mismatch.err().contains("\"grid_size\": 64"), mismatch.err());
    }

    @Test void helpExplainsTheCommand() {
        CliRunner r = run("make-sinogram", "--help");
        assertEquals(0, r.code());
        for (String s : new String[]{"--geometry", "--noise", "poisson:I0", "--transpose", "--phantom", "DICOM", "grid_size"})
            assertTrue(r.out().contains(s), s + " in " + r.out());
    }
}
