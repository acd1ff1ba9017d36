package dev.fields.io.mesh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Vertex colours from a mesh file's materials, matched to the imported (welded) vertices; none where the file has none. */
class MeshColoursTest {
    @TempDir Path dir;

    /** Two triangles sharing an edge, one red material, one blue. */
    private Path twoMaterials(boolean withMtl) throws Exception {
        Files.writeString(dir.resolve("m.mtl"), "newmtl red\nKd 1 0 0\nnewmtl blue\nKd 0 0 1\n");
        Path obj = dir.resolve(withMtl ? "c.obj" : "plain.obj");
        Files.writeString(obj, (withMtl ? "mtllib m.mtl\n" : "") + """
                v 0 0 0
                v 1 0 0
                v 0 1 0
                v 1 1 0
                v 2 0 0
                v 2 1 0
                """ + (withMtl ? "usemtl red\n" : "") + "f 1 2 3\nf 2 4 3\n" + (withMtl ? "usemtl blue\n" : "") + "f 5 6 4\n");
        return obj;
    }

    @Test void materialColoursReachTheWeldedVertices() throws Exception {
        Path obj = twoMaterials(true);
        Mesh m = MeshImporter.load(obj);
        float[] c = MeshColours.read(obj, m);
        assertNotNull(c);
        assertEquals(m.vertices().length, c.length);
        for (int i = 0; i < m.vertexCount(); i++) {
            float x = m.vertices()[3 * i], y = m.vertices()[3 * i + 1];
            float[] rgb = {c[3 * i], c[3 * i + 1], c[3 * i + 2]};
            if (x == 2) assertArrayEquals(new float[]{0, 0, 1}, rgb, 1e-6f, "blue only");
            else if (x == 1 && y == 1) assertArrayEquals(new float[]{0.5f, 0, 0.5f}, rgb, 1e-6f, "shared by red and blue: the mean");
            else assertArrayEquals(new float[]{1, 0, 0}, rgb, 1e-6f, "red only at (" + x + ", " + y + ")");
        }
    }

    @Test void aFileWithoutColoursGivesNull() throws Exception {
        Path obj = twoMaterials(false);
        assertNull(MeshColours.read(obj, MeshImporter.load(obj)), "Assimp's default material is no colour");
        Path off = Path.of("../scenes/cow.off");
        assertNull(MeshColours.read(off, MeshImporter.load(off)));
    }
}
