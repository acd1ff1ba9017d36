package dev.fields.io.mesh;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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

    @Test void meshesWithNormalsRoundTripThroughOurWriters() throws Exception {
        Mesh m = MeshImporter.load(Path.of("../scenes/cow.off"));
        float[] n = new float[m.vertices().length];
        for (int i = 0; i < n.length; i += 3) n[i + 2] = 1;
        MeshWriter.writePly(dir.resolve("n.ply"), m, n);
        MeshWriter.writeObj(dir.resolve("n.obj"), m, n, "with normals");
        for (String f : new String[]{"n.ply", "n.obj"}) {
            Mesh back = MeshImporter.load(dir.resolve(f));
            assertEquals(m.triangleCount(), back.triangleCount(), f);
            assertEquals(m.area(), back.area(), 1e-6 * m.area(), f);
        }
        String obj = Files.readString(dir.resolve("n.obj"));
        assertEquals(m.vertexCount(), obj.lines().filter(l -> l.startsWith("vn 0.0000 0.0000 1.0000")).count());
        org.junit.jupiter.api.Assertions.assertTrue(obj.lines().filter(l -> l.startsWith("f ")).allMatch(l -> l.matches("f (\\d+)//\\1 (\\d+)//\\2 (\\d+)//\\3")),
                "every face corner names its vertex's normal");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MeshWriter.writePly(dir.resolve("bad.ply"), m, new float[3]));
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
    static final String CUBE_OFF = "OFF\n8 6 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n0 0 1\n1 0 1\n1 1 1\n0 1 1\n"
            + "4 0 3 2 1\n4 4 5 6 7\n4 0 1 5 4\n4 1 2 6 5\n4 2 3 7 6\n4 3 0 4 7\n";

    private String refusal(Path p) {
        long t0 = System.nanoTime();
        UserError e = assertThrows(UserError.class, () -> MeshImporter.load(p), p.toString());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused within 2 s: " + p);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(p.getFileName().toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    private static byte[] binaryStl(long declared, int triangles) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(84 + 50 * triangles).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.position(80);
        b.putInt((int) declared);
        for (int t = 0; t < triangles; t++) {
            b.putFloat(0).putFloat(0).putFloat(1);
            b.putFloat(0).putFloat(0).putFloat(0).putFloat(1).putFloat(0).putFloat(0).putFloat(0).putFloat(1).putFloat(0);
            b.putShort((short) 0);
        }
        return b.array();
    }

    @Test void headersPromisingMoreThanTheFileHoldsAreRefusedBeforeImport() throws Exception {
        Path off = dir.resolve("h.off");
        Files.writeString(off, "OFF\n999999999 999999999 0\n0 0 0\n");
        assertTrue(refusal(off).contains("declares 999999999 vertices and 999999999 faces"));
        Path offLine = dir.resolve("same-line.off");
        Files.writeString(offLine, "OFF 4000000 2 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
        assertTrue(refusal(offLine).contains("4000000 vertices"));
        Path offHuge = dir.resolve("huge.off");
        Files.writeString(offHuge, "OFF\n# a comment\n99999999999999999999999 1 0\n");
        assertTrue(refusal(offHuge).contains("declares 99999999999999999999999 vertices and 1 faces, which needs more bytes than any file holds"));

        // 85899346 triangles need 84 + 50 n bytes = 2^32 + 88: a 32-bit size check wraps to the 88 bytes given
        Path wrap = dir.resolve("wrap.stl");
        Files.write(wrap, java.util.Arrays.copyOf(binaryStl(85899346L, 0), 88));
        assertTrue(refusal(wrap).contains("85899346 triangles"));
        Path truncated = dir.resolve("truncated.stl");
        Files.write(truncated, binaryStl(1000, 1));
        assertTrue(refusal(truncated).contains("1000 triangles"));

        Path ply = dir.resolve("h.ply");
        Files.writeString(ply, "ply\nformat ascii 1.0\nelement vertex 999999999\nproperty float x\nproperty float y\nproperty float z\n"
                + "element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n3 0 0 0\n");
        assertTrue(refusal(ply).contains("999999999 vertex"));
        Path bin = dir.resolve("b.ply");
        Files.writeString(bin, "ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
                + "element face 2000000000\nproperty list uchar int vertex_indices\nend_header\n" + "\0".repeat(36 + 13));
        assertTrue(refusal(bin).contains("2000000000 face"));

        // the same files, well formed, still load
        Path cube = dir.resolve("cube.off");
        Files.writeString(cube, CUBE_OFF);
        assertEquals(12, MeshImporter.load(cube).triangleCount());
        Path stl = dir.resolve("one.stl");
        Files.write(stl, binaryStl(1, 1));
        assertEquals(1, MeshImporter.load(stl).triangleCount());
    }

    @Test void theElementLimitIsAParameterAndASystemProperty() throws Exception {
        Path cube = dir.resolve("cube.off");
        Files.writeString(cube, CUBE_OFF);
        UserError e = assertThrows(UserError.class, () -> MeshImporter.load(cube, 7));
        assertTrue(e.getMessage().contains("8 vertices, more than the limit of 7") && e.getMessage().contains(MeshImporter.MAX_ELEMENTS_PROPERTY), e.getMessage());
        assertEquals(12, MeshImporter.load(cube, 8).triangleCount());
        String old = System.getProperty(MeshImporter.MAX_ELEMENTS_PROPERTY);
        try {
            System.setProperty(MeshImporter.MAX_ELEMENTS_PROPERTY, "5");
            assertTrue(refusal(cube).contains("limit of 5"));
            System.setProperty(MeshImporter.MAX_ELEMENTS_PROPERTY, "many");
            UserError p = assertThrows(UserError.class, () -> MeshImporter.load(cube));
            assertTrue(p.getMessage().contains("must be a positive whole number"), p.getMessage());
        } finally {
            if (old == null) System.clearProperty(MeshImporter.MAX_ELEMENTS_PROPERTY);
            else System.setProperty(MeshImporter.MAX_ELEMENTS_PROPERTY, old);
        }
    }

    @Test void pointsOnlyFilesGetOurWording() throws Exception {
        Path ply = dir.resolve("points.ply");
        Files.writeString(ply, "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n1 0 0\n0 1 0\n");
        Path off = dir.resolve("points.off");
        Files.writeString(off, "OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n");
        Path obj = dir.resolve("points.obj");
        Files.writeString(obj, "v 0 0 0\nv 1 0 0\nv 0 1 0\n");
        String o = refusal(obj);
        assertTrue(o.contains("no triangles") && o.contains("not points or lines") && !o.contains("orphan"), o);
        for (Path p : new Path[]{ply, off}) {
            String m = refusal(p);
            assertTrue(m.contains("no triangles (3 vertices") && m.contains("not points or lines") && !m.contains("orphan"), m);
        }
    }

    @Test void aStrayFarVertexIsNamedNotCalledDegenerate() throws Exception {
        Path far = dir.resolve("far.off");
        Files.writeString(far, "OFF\n4 2 0\n0 0 0\n1 0 0\n0 1 0\n1e30 0 0\n3 0 1 2\n3 1 3 2\n");
        String m = refusal(far);
        assertTrue(m.contains("vertex 3 at (1.00e+30, 0.00, 0.00)") && m.contains("stray") && !m.contains("degenerate"), m);
        // unused, it changes nothing
        Path unused = dir.resolve("unused.obj");
        Files.writeString(unused, CUBE_OBJ + "v 1e30 0 0\n");
        Mesh cube = MeshImporter.load(unused);
        assertEquals(12, cube.triangleCount());
        assertEquals(8, cube.vertexCount());
        assertEquals(6.0, cube.area(), 1e-9);
    }
    private static final String PLY_HEAD = "ply\nformat %s 1.0\nelement vertex 4\nproperty float x\nproperty float y\nproperty float z\n"
            + "element %s 1\nproperty list uchar int vertex_indices\nend_header\n";

    @Test void offAndPlyAreReadByOurOwnReaders() throws Exception {
        // comments before the counts hung Assimp's OFF importer
        Path off = dir.resolve("commented.off");
        Files.writeString(off, CUBE_OFF.replace("OFF\n", "OFF # cube\n# made by hand\n").replace("8 6 0\n", "8 6 0 # counts\n\n"));
        Mesh cube = MeshImporter.load(off);
        assertEquals(12, cube.triangleCount());
        assertEquals(6.0, cube.area(), 1e-9);

        Path quad = dir.resolve("quad.ply");
        Files.writeString(quad, String.format(PLY_HEAD, "ascii", "face") + "0 0 0\n1 0 0\n1 1 0\n0 1 0\n4 0 1 2 3\n");
        assertEquals(1.0, MeshImporter.load(quad).area(), 1e-9);
        Path strip = dir.resolve("strip.ply");
        Files.writeString(strip, String.format(PLY_HEAD, "ascii", "tristrips") + "0 0 0\n1 0 0\n0 1 0\n1 1 0\n4 0 1 2 3\n");
        assertEquals(2, MeshImporter.load(strip).triangleCount());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(48 + 17).order(java.nio.ByteOrder.BIG_ENDIAN);
        for (float[] p : new float[][]{{0, 0, 0}, {2, 0, 0}, {2, 1, 0}, {0, 1, 0}}) b.putFloat(p[0]).putFloat(p[1]).putFloat(p[2]);
        b.put((byte) 4).putInt(0).putInt(1).putInt(2).putInt(3);
        Path big = dir.resolve("big-endian.ply");
        Files.write(big, concat(String.format(PLY_HEAD, "binary_big_endian", "face").getBytes(java.nio.charset.StandardCharsets.US_ASCII), b.array()));
        assertEquals(2.0, MeshImporter.load(big).area(), 1e-9);

        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("index.ply", String.format(PLY_HEAD, "ascii", "face") + "0 0 0\n1 0 0\n1 1 0\n0 1 0\n3 0 1 4\n");
        bad.put("list.ply", String.format(PLY_HEAD, "ascii", "face") + "0 0 0\n1 0 0\n1 1 0\n0 1 0\n9223372036854775807 0 1 2\n");
        bad.put("value.ply", String.format(PLY_HEAD, "ascii", "face") + "0 0 0\n1 zero 0\n1 1 0\n0 1 0\n3 0 1 2\n");
        bad.put("count.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n2147483647 0 1 2\n");
        bad.put("index.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n");
        bad.put("short.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n");
        bad.put("binary.off", "OFF BINARY\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
        for (var e : bad.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.writeString(p, e.getValue());
            refusal(p);
        }        // a format we do not know is named as such, not as a file too short for its counts
        Path middle = dir.resolve("middle.ply");
        Files.writeString(middle, String.format(PLY_HEAD, "binary_middle_endian", "face"));
        assertTrue(refusal(middle).contains("unknown PLY format 'binary_middle_endian'"), refusal(middle));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
