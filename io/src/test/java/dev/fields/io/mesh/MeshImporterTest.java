package dev.fields.io.mesh;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MeshImporterTest {
    @TempDir Path dir;

    static final String CUBE_OBJ = """
            v 0 0 0
            v 1 0 0
            v 1 1 0
            v 0 1 0
            v 0 0 1
            v 1 0 1
            v 1 1 1
            v 0 1 1
            f 1 4 3 2
            f 5 6 7 8
            f 1 2 6 5
            f 2 3 7 6
            f 3 4 8 7
            f 4 1 5 8
            """;

    @Test void readsObjTriangulatesAndWeldsAndRoundTripsThroughOurWriters() throws Exception {
        Path obj = dir.resolve("cube.obj");
        // two objects: the second is the same cube shifted by 3 along x; quads must be triangulated
        Files.writeString(obj, CUBE_OBJ + "o second\n" + CUBE_OBJ.lines().map(l -> l.startsWith("v ") ? shift(l) : l.startsWith("f ") ? offset(l) : l)
                .reduce("", (a, b) -> a + b + "\n"));
        Mesh m = MeshImporter.load(obj);
        assertEquals(24, m.triangleCount());
        assertEquals(16, m.vertexCount(), "welded by position");
        assertEquals(12.0, m.area(), 1e-9);
        MeshWriter.writePly(dir.resolve("c.ply"), m);
        MeshWriter.writeObj(dir.resolve("c2.obj"), m, "test");
        for (String f : new String[]{"c.ply", "c2.obj"}) {
            Mesh back = MeshImporter.load(dir.resolve(f));
            assertEquals(24, back.triangleCount(), f);
            assertEquals(12.0, back.area(), 1e-6, f);
        }
        Mesh bunnyLike = MeshImporter.load(Path.of("../scenes/cow.off"));
        assertEquals(5804, bunnyLike.triangleCount());
    }

    private static String shift(String l) {
        String[] p = l.split(" ");
        return "v " + (Double.parseDouble(p[1]) + 3) + " " + p[2] + " " + p[3];
    }

    private static String offset(String l) {
        StringBuilder sb = new StringBuilder("f");
        for (String s : l.substring(2).split(" ")) sb.append(' ').append(Integer.parseInt(s) + 8);
        return sb.toString();
    }

    @Test void badMeshesGetOneLine() throws Exception {
        Path text = dir.resolve("notes.obj");
        Files.writeString(text, "this is not a mesh at all\n{}\n");
        Path points = dir.resolve("points.obj");
        Files.writeString(points, "v 0 0 0\nv 1 0 0\nv 0 1 0\n");
        Path nan = dir.resolve("nan.obj");
        Files.writeString(nan, "v 0 0 0\nv nan 0 0\nv 0 1 0\nf 1 2 3\n");
        Path flat = dir.resolve("flat.obj");
        Files.writeString(flat, "v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n");
        Path empty = dir.resolve("empty.stl");
        Files.write(empty, new byte[0]);
        for (Path p : new Path[]{dir.resolve("missing.obj"), text, points, nan, flat, empty}) {
            UserError e = assertThrows(UserError.class, () -> MeshImporter.load(p), p.toString());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
        }
    }
}
