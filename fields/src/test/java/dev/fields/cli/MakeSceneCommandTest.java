package dev.fields.cli;

import dev.fields.io.blob.BlobFormat;

import dev.fields.io.scene.Scene;
import dev.fields.io.scene.SceneReader;
import dev.fields.render.GlContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** make-scene as a user runs it (GL test: fails in CI without OpenGL, skips elsewhere). */
class MakeSceneCommandTest {
    @TempDir Path dir;

    @BeforeAll static void gl() {
        boolean ok = GlContext.available();
        if (!ok && "true".equals(System.getenv("CI"))) fail("CI must run the GL tests, but no OpenGL context is available");
        assumeTrue(ok, "no OpenGL here");
    }

    /** An octahedron as OBJ, off-centre and scaled (make-scene normalizes it). */
    private Path octahedron() throws Exception {
        Path p = dir.resolve("oct.obj");
        Files.writeString(p, """
                v 7 2 3
                v 3 2 3
                v 5 4 3
                v 5 0 3
                v 5 2 5
                v 5 2 1
                f 1 3 5
                f 3 2 5
                f 2 4 5
                f 4 1 5
                f 3 1 6
                f 2 3 6
                f 4 2 6
                f 1 4 6
                """);
        return p;
    }

    @Test void writesABlenderSceneThatReadsBack() throws Exception {
        Path out = dir.resolve("scene");
        CliRunner r = CliRunner.run("make-scene", octahedron().toString(), "--views", "6", "--test-views", "3", "--size", "24", "--out", out.toString(), "--seed", "5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 train and 3 test views of 24×24 (camera_angle_x 0.691111 rad)"), r.out());
        Scene s = SceneReader.read(out);
        assertEquals(6, s.train().size());
        assertEquals(3, s.test().size());
        assertEquals(24, s.width());
        assertTrue(Files.isRegularFile(out.resolve("train/r_5.png")));
        CliRunner wide = CliRunner.run("make-scene", octahedron().toString(), "--views", "2", "--test-views", "1", "--size", "16", "--out", dir.resolve("w").toString(),
                "--fov", "60", "--distance", "3", "--background", "black");
        assertEquals(0, wide.code(), wide.err());
        assertEquals(Math.toRadians(60), SceneReader.read(dir.resolve("w")).train().get(0).intrinsics().angleX(), 1e-9);
    }

    /** A mesh with a material keeps its colour: every object pixel is pure red (shaded), composited over white. */
    @Test void theMeshFilesColoursAreUsed() throws Exception {
        Path obj = octahedron();
        Files.writeString(dir.resolve("red.mtl"), "newmtl red\nKd 1 0 0\n");
        Files.writeString(obj, "mtllib red.mtl\nusemtl red\n" + Files.readString(obj));
        Path out = dir.resolve("red");
        CliRunner r = CliRunner.run("make-scene", obj.toString(), "--views", "2", "--test-views", "1", "--size", "24", "--out", out.toString(),
                "--background", "black");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("colours from the mesh file"), r.out());
        float[] d = SceneReader.read(out).test().get(0).rgb().data();
        int object = 0;
        for (int p = 0; p < d.length / 3; p++)
            if (d[3 * p] > 0.2f) { object++; assertEquals(0, d[3 * p + 1] + d[3 * p + 2], 1e-6, "red only"); }
        assertTrue(object > 20, "the object is in view: " + object);
    }

    /**
     * --specular 0 writes exactly the files a scene without the option has (checksums of every file); a positive weight
     * only adds light (a white highlight), bright on some pixels, and a negative one is one line.
     */
    @Test void aSpecularHighlightIsAddedOnlyWhenAsked() throws Exception {
        Path mesh = octahedron(), plain = dir.resolve("plain"), zero = dir.resolve("zero"), shiny = dir.resolve("shiny");
        String[] base = {"make-scene", mesh.toString(), "--views", "6", "--test-views", "2", "--size", "32", "--seed", "2", "--background", "black"};
        assertEquals(0, CliRunner.run(concat(base, "--out", plain.toString())).code());
        assertEquals(0, CliRunner.run(concat(base, "--out", zero.toString(), "--specular", "0")).code());
        CliRunner s = CliRunner.run(concat(base, "--out", shiny.toString(), "--specular", "0.8"));
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("specular highlight 0.8"), s.out());
        List<String> files;
        try (var walk = Files.walk(plain)) { files = walk.filter(Files::isRegularFile).map(p -> plain.relativize(p).toString()).sorted().toList(); }
        assertEquals(6 + 2 + 3, files.size(), files.toString());
        for (String f : files)
            assertEquals(BlobFormat.sha256(Files.readAllBytes(plain.resolve(f))), BlobFormat.sha256(Files.readAllBytes(zero.resolve(f))), f + " is byte-identical at --specular 0");
        Scene a = SceneReader.read(plain), b = SceneReader.read(shiny);
        int brighter = 0;
        for (int v = 0; v < a.train().size(); v++) {
            float[] x = a.train().get(v).rgb().data(), y = b.train().get(v).rgb().data();
            for (int i = 0; i < x.length; i++) {
                assertTrue(y[i] >= x[i] - 1.5f / 255, "a highlight only adds light: view " + v + " value " + i);
                if (y[i] > x[i] + 0.1f) brighter++;
            }
        }
        assertTrue(brighter > 10, "pixels lit by the highlight: " + brighter);
        CliRunner bad = CliRunner.run(concat(base, "--out", dir.resolve("neg").toString(), "--specular", "-1"));
        assertEquals(Main.USER_ERROR, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("specular weight must be a finite number >= 0"), bad.err());
        assertFalse(Files.exists(dir.resolve("neg")), "nothing written");
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test void helpExplainsAndBadInputIsOneLine() throws Exception {
        CliRunner h = CliRunner.run("make-scene", "--help");
        assertEquals(0, h.code());
        for (String w : new String[]{"Blender", "camera_angle_x", "alpha 0", "--test-views", "--background", "upper hemisphere"})
            assertTrue(h.out().contains(w), "help mentions " + w + ": " + h.out());
        CliRunner missing = CliRunner.run("make-scene", dir.resolve("nope.obj").toString(), "--out", dir.resolve("x").toString());
        assertEquals(Main.USER_ERROR, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("mesh not found"), missing.err());
        CliRunner colour = CliRunner.run("make-scene", octahedron().toString(), "--out", dir.resolve("y").toString(), "--background", "purple-ish");
        assertEquals(Main.USER_ERROR, colour.code());
        assertTrue(colour.err().contains("not a colour"), colour.err());
        CliRunner near = CliRunner.run("make-scene", octahedron().toString(), "--out", dir.resolve("z").toString(), "--distance", "1");
        assertEquals(Main.USER_ERROR, near.code());
        assertTrue(near.err().contains("does not fit"), near.err());
        assertFalse(Files.exists(dir.resolve("z")), "nothing written");
    }
}
