package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.FieldKind;
import dev.fields.io.spec.SpecJson;
import dev.fields.shaders.ReferenceEvaluator;
import dev.fields.task.scene.SyntheticScene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** fit-scene as a user runs it: a tiny sphere scene end to end, and bad input. */
class FitSceneCommandTest {
    @TempDir Path dir;
    static final String[] SMALL = {"--quiet", "--bounds", "1", "--hash-levels", "8", "--hash-log2-size", "12", "--hash-min-res", "4", "--hash-max-res", "48",
            "--width", "32", "--samples-per-step", "8192", "--samples-per-ray", "48", "--occupancy-res", "16", "--checkpoint-every", "0"};

    private static String[] args(String... head) {
        String[] a = new String[head.length + SMALL.length];
        System.arraycopy(head, 0, a, 0, head.length);
        System.arraycopy(SMALL, 0, a, head.length, SMALL.length);
        return a;
    }

    @Test void aSphereSceneTrainsBeyondAConstantColourAndWritesEveryOutput() throws Exception {
        Path scene = SyntheticScene.write(dir.resolve("sphere"), 16, 2, 24), out = dir.resolve("run");
        CliRunner r = CliRunner.run(args("fit-scene", scene.toString(), "--out", out.toString(), "--steps", "150", "--eval-every", "50"));
        assertEquals(0, r.code(), r.err() + r.out());
        for (String f : new String[]{"sphere.field", "sphere_test_views.png", "sphere_turntable.png", "sphere_curves.png", "metrics.json"})
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        // the turntable: 8 views of the scene's 24×24 side by side; the sphere is coloured by its normal, so each view differs
        FloatImage strip = Images.read(out.resolve("sphere_turntable.png"));
        assertEquals(8 * 24, strip.width());
        assertEquals(24, strip.height());
        for (int v = 0; v < 8; v++) {
            int w = (v + 1) % 8;
            double diff = 0, off = 0;
            for (int y = 0; y < 24; y++)
                for (int x = 0; x < 24; x++)
                    for (int c = 0; c < 3; c++) {
                        diff += Math.abs(strip.get(24 * v + x, y, c) - strip.get(24 * w + x, y, c));
                        off += 1 - strip.get(24 * v + x, y, c);
                    }
            assertTrue(off / (24 * 24 * 3) > 0.05, "view " + v + " shows the sphere over the white background");
            assertTrue(diff / (24 * 24 * 3) > 0.01, "views " + v + " and " + w + " differ: the sphere turns (mean difference " + diff / (24 * 24 * 3) + ")");
        }
        JsonNode json = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile());
        JsonNode m = json.get("metrics");
        double psnr = m.get("psnr").asDouble(), constant = m.get("constant_psnr").asDouble();
        assertTrue(psnr > constant + 6, "test PSNR " + psnr + " dB vs the best constant colour " + constant + " dB");
        assertTrue(m.get("ssim").asDouble() > 0.5, "SSIM " + m.get("ssim"));
        assertEquals(2, json.get("details").get("test_views").size(), "per-view metrics");
        assertTrue(json.get("curve").has("batch_psnr") && json.get("curve").has("test_psnr"), "batch and held-out PSNR over steps");
        assertTrue(json.get("details").get("step_ms").has("forward_ms"));
        FieldBlob blob = BlobFormat.read(out.resolve("sphere.field"));
        assertEquals(FieldKind.RADIANCE, FieldKind.of(blob.spec()));
        // the CPU twin sees matter at the centre and none in a corner of the box
        ReferenceEvaluator ev = new ReferenceEvaluator(blob);
        double[] centre = new double[4], corner = new double[4];
        ev.evaluate(new float[]{0, 0, 0}, 0, centre);
        ev.evaluate(new float[]{0.95f, 0.95f, -0.95f}, 0, corner);
        assertTrue(centre[0] > 10 * corner[0] && centre[0] > 1, "density at the centre " + centre[0] + ", in a corner " + corner[0]);
    }

    @Test void aCheckpointedRunResumesToTheFullCurveAndRepublishesTheBlob() throws Exception {
        Path scene = SyntheticScene.write(dir.resolve("ball"), 4, 1, 12), out = dir.resolve("resumed");
        String[] first = {"fit-scene", scene.toString(), "--out", out.toString(), "--steps", "8", "--quiet", "--bounds", "1", "--hash-levels", "4",
                "--hash-log2-size", "10", "--hash-min-res", "4", "--hash-max-res", "16", "--width", "8", "--samples-per-step", "1024",
                "--samples-per-ray", "16", "--occupancy-res", "8", "--eval-every", "4", "--checkpoint-every", "4"};
        CliRunner r0 = CliRunner.run(first);
        assertEquals(0, r0.code(), r0.err());
        assertTrue(Files.exists(out.resolve("ball.ckpt")) && Files.exists(out.resolve("ball.field")));
        String[] again = first.clone();
        again[java.util.Arrays.asList(again).indexOf("--steps") + 1] = "12";
        CliRunner r = CliRunner.run(concat(again, "--resume"));
        assertEquals(0, r.code(), r.err());
        JsonNode json = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(12, json.get("steps").asInt());
        assertEquals(3, json.get("curve").get("test_psnr").size(), "held-out PSNR at steps 4, 8 and 12 across the resume");
        assertEquals(12, BlobFormat.read(out.resolve("ball.field")).provenance().steps());
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * A short sh:2 run: the blob holds density and 27 coefficients (version 2), and the tools read it — render draws it
     * per pixel (and on the texture path, saying it shows the diffuse colour), export-mesh colours its vertices,
     * inspect names the layout, export-glsl refuses it in one line.
     */
    @Test void aViewDependentRunWritesABlobThatRenderAndExportMeshLoad() throws Exception {
        Path scene = SyntheticScene.write(dir.resolve("shiny"), 4, 1, 12), out = dir.resolve("sh");
        CliRunner r = CliRunner.run("fit-scene", scene.toString(), "--out", out.toString(), "--steps", "30", "--quiet", "--bounds", "1",
                "--hash-levels", "4", "--hash-log2-size", "10", "--hash-min-res", "4", "--hash-max-res", "16", "--width", "8",
                "--samples-per-step", "1024", "--samples-per-ray", "16", "--occupancy-res", "8", "--eval-every", "10", "--checkpoint-every", "0",
                "--view-dependence", "sh:2");
        assertEquals(0, r.code(), r.err() + r.out());
        Path field = out.resolve("shiny.field");
        FieldBlob blob = BlobFormat.read(field);
        assertEquals(dev.fields.io.spec.ViewDependence.SH2, blob.spec().viewDependence());
        assertEquals(1 + 27, blob.spec().outputDim());
        assertEquals(FieldKind.RADIANCE, FieldKind.of(blob.spec()));
        assertTrue(new String(Files.readAllBytes(field), java.nio.charset.StandardCharsets.ISO_8859_1).contains("\"version\":\"2\""));
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile()).get("metrics");
        assertTrue(Double.isFinite(m.get("psnr").asDouble()) && m.get("psnr").asDouble() > 5, "test PSNR " + m.get("psnr"));
        CliRunner inspect = CliRunner.run("inspect", field.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("format version 2") && inspect.out().contains("sh:2: RGB holds 9 spherical-harmonics coefficients"), inspect.out());
        CliRunner glsl = CliRunner.run("export-glsl", field.toString(), "--out", dir.resolve("x.glsl").toString());
        assertEquals(2, glsl.code());
        assertEquals(1, glsl.err().strip().lines().count(), glsl.err());
        assertTrue(glsl.err().contains("RADIANCE field with sh:2 view-dependent colour") && glsl.err().contains("fields render"), glsl.err());
        CliRunner mesh = CliRunner.run("export-mesh", field.toString(), "--out", dir.resolve("sh.ply").toString(), "--res", "24", "--level", "0.5");
        assertEquals(0, mesh.code(), mesh.err());
        assertTrue(mesh.out().contains("with vertex colours (the diffuse colour of a sh:2 field)"), mesh.out());
        if (!dev.fields.render.GlContext.available()) return; // the GL half needs OpenGL (RenderCommandTest runs it in CI)
        Path png = dir.resolve("sh.png"), tex = dir.resolve("sh-texture.png");
        CliRunner draw = CliRunner.run("render", field.toString(), "--out", png.toString(), "--size", "32");
        assertEquals(0, draw.code(), draw.err());
        assertEquals(32, Images.read(png).width());
        CliRunner baked = CliRunner.run("render", field.toString(), "--out", tex.toString(), "--size", "32", "--weights", "texture");
        assertEquals(0, baked.code(), baked.err());
        assertTrue(baked.out().contains("view-independent (diffuse) colour"), baked.out());
    }

    @Test void aBadViewDependenceIsOneLineWithExitCode2() {
        for (String bad : new String[]{"sh:4", "sh", "spherical", "sh:0"}) {
            CliRunner r = CliRunner.run(args("fit-scene", dir.toString(), "--out", dir.resolve("x").toString(), "--view-dependence", bad));
            assertEquals(2, r.code(), bad);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--view-dependence") && r.err().contains("none or sh:DEG") && r.err().contains("'" + bad + "'"), r.err());
        }
        CliRunner help = CliRunner.run("fit-scene", "--help");
        assertTrue(help.out().contains("--view-dependence=none|sh:DEG") && help.out().contains("spherical-harmonics"), help.out());
    }

    @Test void aMissingSceneIsOneLineAndWritesNothing() {
        Path out = dir.resolve("none");
        CliRunner r = CliRunner.run(args("fit-scene", dir.resolve("nowhere").toString(), "--out", out.toString()));
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("nowhere"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test void anEmptyFrameListIsOneLineAndWritesNothing() throws Exception {
        Path scene = dir.resolve("empty"), out = dir.resolve("out");
        Files.createDirectories(scene);
        Files.writeString(scene.resolve("transforms_train.json"), "{\"camera_angle_x\": 0.7, \"frames\": []}");
        Files.writeString(scene.resolve("transforms_test.json"), "{\"camera_angle_x\": 0.7, \"frames\": []}");
        CliRunner r = CliRunner.run(args("fit-scene", scene.toString(), "--out", out.toString()));
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().toLowerCase().contains("frame"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
