package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.mesh.MeshImporter;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.SpecJson;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** fit-shape on the small cow: every output, metrics, the mesh in the input's own coordinates, one-line errors. */
class FitShapeCommandTest {
    @TempDir Path dir;

    @Test void fitsTheCowAndWritesEverythingInTheMeshsCoordinates() throws Exception {
        Path out = dir.resolve("cow");
        CliRunner r = CliRunner.run("fit-shape", "../scenes/cow.off", "--out", out.toString(), "--steps", "300", "--batch", "4096",
                "--pool", "20000", "--mesh-res", "48", "--metric-points", "20000", "--chamfer-samples", "20000", "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[]{"cow.field", "cow_mesh.obj", "cow_mesh.ply", "cow_preview.png", "cow_curves.png", "metrics.json"})
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertTrue(m.get("metrics").get("iou_uniform").asDouble() > 0.85, "uniform IoU " + m.get("metrics").get("iou_uniform"));
        assertTrue(m.get("metrics").get("iou_near_surface").asDouble() > 0.6, "near IoU " + m.get("metrics").get("iou_near_surface"));
        double diag = m.at("/details/diagonal").asDouble();
        assertTrue(m.get("metrics").get("chamfer_l1").asDouble() < 0.02 * diag, "chamfer " + m.get("metrics").get("chamfer_l1"));
        // the exported mesh's own check, recorded beside the quality numbers
        assertEquals(1.0, m.at("/metrics/mesh_watertight").asDouble(), "watertight");
        assertEquals(1.0, m.at("/metrics/mesh_manifold").asDouble(), "manifold");
        assertEquals(0.0, m.at("/metrics/mesh_zero_area_triangles").asDouble(), "no zero-area triangles");
        assertEquals(MeshImporter.load(out.resolve("cow_mesh.obj")).triangleCount(), m.at("/metrics/mesh_triangles").asInt());
        assertTrue(Files.readString(out.resolve("cow_mesh.obj")).contains("\nvn "), "normals from the field's gradient");

        FieldBlob blob = BlobFormat.read(out.resolve("cow.field"));
        assertTrue(blob.spec().has(Channel.SDF));
        assertTrue(blob.spec().lipschitz() > 0);
        // the field's estimate and the tracer's bound (the estimate with its 25% margin, at least 1) the blob records
        double estimate = m.at("/metrics/lipschitz_estimate").asDouble(), bound = m.at("/metrics/tracer_lipschitz_bound").asDouble();
        assertEquals(m.at("/metrics/step_secant_p999_band").asDouble(), estimate, 0);
        assertEquals(Math.max(1, 1.25 * estimate), bound, 1e-9);
        assertEquals(bound, blob.spec().lipschitz(), 1e-9);
        // the extracted mesh is in the cow's own coordinates: its bounds match the input's
        Mesh cow = MeshImporter.load(Path.of("../scenes/cow.off")), mc = MeshImporter.load(out.resolve("cow_mesh.ply"));
        double[] a = cow.bounds(), b = mc.bounds();
        for (int i = 0; i < 6; i++) assertEquals(a[i], b[i], 0.05 * diag, "bound " + i);
        // and the blob's frame maps field coordinates back: the field is ~0 at the mesh's surface
        var f = blob.spec().frame();
        ReferenceEvaluator ev = new ReferenceEvaluator(blob);
        float[] v = cow.vertices();
        double sum = 0;
        for (int i = 0; i < 50; i++) {
            int k = 3 * (i * 57 % cow.vertexCount());
            float[] p = {(float) ((v[k] - f.offset()[0]) / f.scale()), (float) ((v[k + 1] - f.offset()[1]) / f.scale()), (float) ((v[k + 2] - f.offset()[2]) / f.scale())};
            sum += Math.abs(ev.scalar(p));
        }
        assertTrue(sum / 50 < 0.03, "mean |sdf| at the input's vertices " + sum / 50);
    }

    @Test void occupancyModeAndBadMeshes() throws Exception {
        Path out = dir.resolve("occ");
        CliRunner r = CliRunner.run("fit-shape", "../scenes/cow.off", "--field", "occupancy", "--out", out.toString(), "--steps", "60",
                "--batch", "2048", "--pool", "5000", "--mesh-res", "24", "--faces", "300", "--metric-points", "5000", "--chamfer-samples", "5000", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(BlobFormat.read(out.resolve("cow.field")).spec().has(Channel.OCCUPANCY));
        JsonNode m = SpecJson.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertTrue(m.at("/metrics/mesh_extracted_triangles").asInt() > 300, m.at("/metrics").toString());
        Mesh small = MeshImporter.load(out.resolve("cow_mesh.ply"));
        assertTrue(small.triangleCount() <= 300 && small.triangleCount() == m.at("/metrics/mesh_triangles").asInt(), "--faces 300: " + small.triangleCount());
        assertEquals(1.0, m.at("/metrics/mesh_watertight").asDouble(), "simplified mesh stays watertight");
        assertEquals(1.0, m.at("/metrics/mesh_manifold").asDouble(), "and manifold");

        Path none = dir.resolve("never");
        Path text = dir.resolve("notes.obj");
        Files.writeString(text, "hello\n");
        Path pts = dir.resolve("pts.obj");
        Files.writeString(pts, "v 0 0 0\nv 1 0 0\n");
        for (String[] args : new String[][]{
                {"fit-shape", dir.resolve("missing.obj").toString(), "--out", none.toString()},
                {"fit-shape", text.toString(), "--out", none.toString()},
                {"fit-shape", pts.toString(), "--out", none.toString()},
                {"fit-shape", "../scenes/cow.off", "--field", "voxels", "--out", none.toString()},
                {"fit-shape", "../scenes/cow.off", "--mesh-res", "3", "--out", none.toString()},
                {"fit-shape", "../scenes/cow.off", "--faces", "2", "--out", none.toString()}}) {
            CliRunner e = CliRunner.run(args);
            assertEquals(2, e.code(), String.join(" ", args) + ": " + e.err());
            assertEquals(1, e.err().strip().lines().count(), e.err());
            assertFalse(Files.exists(none));
        }
    }
}
