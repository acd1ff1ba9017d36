package dev.fields.bench;

import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.MarchingCubes;
import dev.fields.geometry.MeshDistanceField;
import dev.fields.geometry.Normalization;
import dev.fields.io.mesh.Icosphere;
import dev.fields.io.mesh.Mesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshBenchTest {
    @TempDir Path dir;

    /** A sphere of radius 3 around (5, -2, 1) in world units, so the normalization is not the identity. */
    private static final double R = 3;
    private static final Mesh WORLD = Icosphere.of(1, 5).transformed(R, new double[]{5, -2, 1});

    @Test void exactLimitOnASphereIsClosedAndConvergesWithResolution() throws Exception {
        Normalization norm = Normalization.fit(WORLD, 0.1);
        GroundTruth gt = new GroundTruth(norm.toField(WORLD), GroundTruth.InsideTest.WINDING);
        double previous = Double.POSITIVE_INFINITY;
        for (int res : new int[]{16, 32}) {
            List<MeshBench.Row> rows = MeshBench.rows("exact", MeshDistanceField.forResolution(gt, res), res, List.of(0, 300), norm, WORLD, 20000, 1, dir, null);
            assertEquals(2, rows.size());
            double cell = 2.0 / res * norm.scale();
            for (MeshBench.Row r : rows) {
                assertTrue(r.check().watertight() && r.check().manifold(), r.budget() + " at " + res + ": " + r.check());
                assertEquals(0, r.check().zeroArea(), r.check().toString());
                assertEquals(2, r.check().euler(), "a sphere: " + r.check());
                assertTrue(Files.size(r.obj()) == r.objBytes() && r.objBytes() > 1000, r.obj() + " written");
                assertTrue(r.comparison().normalConsistency() > 0.98, "normals " + r.comparison().normalConsistency());
            }
            MeshBench.Row full = rows.get(0), small = rows.get(1);
            assertTrue(full.check().triangles() > 300);
            assertTrue(small.check().triangles() <= 300, small.check().triangles() + " faces for a budget of 300");
            // marching cubes on an exact distance: vertex error well under a cell (chords sag by about h²/8R)
            double chamfer = full.comparison().chamferL1();
            assertTrue(chamfer < 0.05 * cell, "Chamfer " + chamfer + " vs cell " + cell + " at " + res);
            assertTrue(chamfer < previous / 2, "Chamfer shrinks with resolution: " + chamfer + " after " + previous);
            assertEquals(1.0, full.comparison().fscore(), 1e-9);
            previous = chamfer;
        }
    }

    @Test void aFieldOffByAFractionOfTheRadiusIsMeasuredAgainstTheInputNotItself() {
        Normalization norm = Normalization.fit(WORLD, 0.1);
        double rField = R / norm.scale(), off = 0.02;
        MarchingCubes.ScalarField bigger = (xyz, n, out) -> {
            for (int i = 0; i < n; i++)
                out[i] = (float) (Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1] + xyz[3 * i + 2] * xyz[3 * i + 2]) - rField * (1 + off));
        };
        MeshBench.Row r = MeshBench.rows("field", bigger, 32, List.of(0), norm, WORLD, 20000, 1, dir, null).get(0);
        assertEquals(off * R, r.comparison().chamferL1(), 0.15 * off * R, "Chamfer is the radius error");
        assertEquals(off * R / r.diagonal(), r.chamferOverDiagonal(), 0.15 * off * R / r.diagonal());
        assertTrue(Files.exists(dir.resolve("field_full.obj")));
    }
}
