package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.mesh.MeshWriter;
import dev.fields.render.AnalyticFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fields bench mesh} end to end on an analytic octahedron, and its one-line refusals. */
class MeshBenchCommandTest {
    @TempDir Path dir;

    /** The octahedron |x|₁ = 0.9: its normalization into the field box is the identity. */
    private Path octahedronObj() {
        float r = 0.9f;
        float[] v = {r, 0, 0, -r, 0, 0, 0, r, 0, 0, -r, 0, 0, 0, r, 0, 0, -r};
        int[] t = {0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5};
        Path p = dir.resolve("octahedron.obj");
        MeshWriter.writeObj(p, new Mesh(v, t), "octahedron");
        return p;
    }

    @Test void tableAndJsonForBothSourcesAndEveryBudget() throws Exception {
        Path blob = dir.resolve("o.field"), out = dir.resolve("bench");
        BlobFormat.write(blob, AnalyticFields.octahedron(0.9, false));
        CliRunner r = CliRunner.run("bench", "mesh", "--blob", blob.toString(), "--mesh", octahedronObj().toString(), "--res", "16",
                "--faces", "0,40", "--samples", "2000", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| exact | 40 |"), r.out());
        assertFalse(r.out().contains("warning"), "the octahedron fills the box as trained: " + r.out());
        JsonNode j = dev.fields.fit.FitJson.MAPPER.readTree(Files.readString(out.resolve("mesh-bench.json")));
        assertEquals(4, j.get("rows").size());
        for (JsonNode row : j.get("rows")) {
            assertTrue(Files.size(out.resolve(row.get("obj").asText())) == row.get("obj_bytes").asLong());
            assertEquals(1.0, row.get("mesh_watertight").asDouble(), row.toString());
            assertTrue(row.get("chamfer_l1_over_diagonal").asDouble() < 0.01, row.toString());
            if (row.get("faces_budget").asInt() == 40) assertTrue(row.get("mesh_triangles").asInt() <= 40, row.toString());
        }
    }

    @Test void missingOrNonSdfBlobIsOneLine() throws Exception {
        Path mesh = octahedronObj(), occ = dir.resolve("occ.field");
        BlobFormat.write(occ, AnalyticFields.octahedron(0.9, true));
        CliRunner missing = CliRunner.run("bench", "mesh", "--blob", dir.resolve("none.field").toString(), "--mesh", mesh.toString(), "--out", dir.resolve("b").toString());
        CliRunner notSdf = CliRunner.run("bench", "mesh", "--blob", occ.toString(), "--mesh", mesh.toString(), "--out", dir.resolve("b").toString());
        for (CliRunner c : new CliRunner[]{missing, notSdf}) {
            assertEquals(2, c.code(), c.err());
            assertEquals(1, c.err().strip().lines().count(), c.err());
        }
        assertTrue(missing.err().contains("run 'fields fit-shape " + mesh + "' first or pass --blob"), missing.err());
        assertTrue(notSdf.err().contains("not a 3-D signed distance field") && notSdf.err().contains("OCCUPANCY"), notSdf.err());
        assertFalse(Files.exists(dir.resolve("b")), "nothing written");
    }
}
