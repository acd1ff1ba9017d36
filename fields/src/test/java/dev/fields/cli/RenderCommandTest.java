package dev.fields.cli;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.ValueRange;
import dev.fields.io.spec.Head;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.render.AnalyticFields;
import dev.fields.render.CpuTracer;
import dev.fields.shaders.ColourMap;
import dev.fields.shaders.SliceDisplay;
import dev.fields.render.GlContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** render, export-glsl and view as a user runs them (GL tests: fail in CI without OpenGL, skip elsewhere). */
class RenderCommandTest {
    @TempDir Path dir;

    @BeforeAll static void gl() {
        boolean ok = GlContext.available();
        if (!ok && "true".equals(System.getenv("CI"))) fail("CI must run the GL tests, but no OpenGL context is available");
        assumeTrue(ok, "no OpenGL here");
    }

    private Path octahedron() {
        Path p = dir.resolve("oct.field");
        BlobFormat.write(p, AnalyticFields.octahedron(0.7, false));
        return p;
    }

    @Test void rendersPngsAndTurntables() {
        Path blob = octahedron();
        CliRunner r = CliRunner.run("render", blob.toString(), "--out", dir.resolve("a.png").toString(), "--size", "80x60", "--shading", "normals");
        assertEquals(0, r.code(), r.err());
        FloatImage img = Images.read(dir.resolve("a.png"));
        assertEquals(80, img.width());
        assertEquals(60, img.height());
        assertNotEquals(img.get(40, 30, 0), img.get(1, 1, 0), "object in the middle, background in the corner");
        CliRunner t = CliRunner.run("render", blob.toString(), "--out", dir.resolve("turn.png").toString(), "--size", "32", "--turntable", "3", "--weights", "buffer");
        assertEquals(0, t.code(), t.err());
        for (int i = 0; i < 3; i++) assertTrue(Files.exists(dir.resolve(String.format("turn_%03d.png", i))));
    }

    /** A radiance field on the baked texture from the command line: matter in the middle, the background in a corner. */
    @Test void rendersRadianceFieldsFromTheBakedTexture() {
        Path blob = dir.resolve("fuzzy.field");
        BlobFormat.write(blob, AnalyticFields.fuzzyOctahedron(0.7, 20, new float[]{1.5f, -0.5f, 0.2f}));
        CliRunner r = CliRunner.run("render", blob.toString(), "--out", dir.resolve("r.png").toString(), "--size", "64x48", "--weights", "texture");
        assertEquals(0, r.code(), r.err());
        FloatImage img = Images.read(dir.resolve("r.png"));
        assertEquals(0xf2 / 255.0, img.get(1, 1, 1), 1.01 / 255, "background in the corner");
        assertTrue(img.get(1, 1, 1) - img.get(32, 24, 1) > 0.3, "the green-poor matter in the middle: " + img.get(32, 24, 1));
        CliRunner c = CliRunner.run("render", blob.toString(), "--out", dir.resolve("c.png").toString(), "--compare");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("needs a surface field"), c.err());
    }

    /** --compare: one figure three panels wide (texture | literal | angle) and the angle printed; one view only. */
    @Test void compareWritesTheSideBySideFigure() {
        Path blob = dir.resolve("blob.field");
        BlobFormat.write(blob, AnalyticFields.cosineBlob(2, 0.6));
        CliRunner r = CliRunner.run("render", blob.toString(), "--out", dir.resolve("c.png").toString(), "--size", "64x48", "--compare");
        assertEquals(0, r.code(), r.err());
        FloatImage img = Images.read(dir.resolve("c.png"));
        assertEquals(3 * 64, img.width());
        assertTrue(r.out().contains("normal angle texture vs literal: mean "), r.out());
        CliRunner t = CliRunner.run("render", blob.toString(), "--out", dir.resolve("t.png").toString(), "--compare", "--turntable", "3");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--compare draws one view"), t.err());
    }

    /** A CT slice whose pixel (col, row) holds col / 40: the PNG shows the asked window/level through the asked map. */
    @Test void slicesRenderThroughTheAskedWindowLevelAndColourMap() {
        Path blob = dir.resolve("ramp.field");
        BlobFormat.write(blob, AnalyticFields.ramp(40, 30, Head.IDENTITY, new ValueRange(0.1, 0.6).metrics()));
        CliRunner g = CliRunner.run("render", blob.toString(), "--out", dir.resolve("g.png").toString(), "--size", "40x30",
                "--window", "0.4", "--level", "0.45");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("slice: grey, window 0.4 level 0.45"), g.out());
        FloatImage grey = Images.read(dir.resolve("g.png"));
        int[][] expected = {{10, 0}, {14, 64}, {20, 159}, {26, 255}}; // round(255 clamp((col / 40 − 0.25) / 0.4))
        for (int[] e : expected) assertEquals(e[1] / 255.0, grey.get(e[0], 15, 0), 1.01 / 255, "grey at col " + e[0]);
        // without options: the range the fit recorded, [0.1, 0.6]; col 20 (0.5) is 0.8 of the way
        CliRunner d = CliRunner.run("render", blob.toString(), "--out", dir.resolve("d.png").toString(), "--size", "40x30");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("slice: grey, window 0.5 level 0.35"), d.out());
        assertEquals(0.8, Images.read(dir.resolve("d.png")).get(20, 7, 0), 1.01 / 255);
        // viridis with the level alone: the recorded window stays; the PNG is the CPU twin's picture
        CliRunner v = CliRunner.run("render", blob.toString(), "--out", dir.resolve("v.png").toString(), "--size", "40x30",
                "--colormap", "Viridis", "--level", "0.3");
        assertEquals(0, v.code(), v.err());
        FloatImage vir = Images.read(dir.resolve("v.png"));
        CpuTracer.Picture cpu = CpuTracer.image(BlobFormat.read(blob), 40, 30, new SliceDisplay(ColourMap.VIRIDIS, 0.5, 0.3));
        for (int i = 0; i < 40 * 30; i++)
            for (int c = 0; c < 3; c++) assertEquals(cpu.rgb()[3 * i + c], vir.get(i % 40, i / 40, c), 1.01 / 255, "viridis pixel " + i + " channel " + c);
    }

    @Test void exportsShaders() throws Exception {
        Path blob = octahedron();
        assertEquals(0, CliRunner.run("export-glsl", blob.toString(), "--out", dir.resolve("oct.glsl").toString()).code());
        String src = Files.readString(dir.resolve("oct.glsl"));
        assertTrue(src.contains("void mainImage(out vec4 fragColor, in vec2 fragCoord)"));
        assertEquals(0, CliRunner.run("export-glsl", blob.toString(), "--out", dir.resolve("oct330.glsl").toString(), "--target", "glsl330").code());
        assertTrue(Files.readString(dir.resolve("oct330.glsl")).startsWith("#version 330 core"));
    }

    @Test void badInputGetsOneLineAndExitTwo() throws Exception {
        Path blob = octahedron();
        Path corrupt = dir.resolve("bad.field");
        byte[] b = Files.readAllBytes(blob);
        b[b.length - 1] ^= 1;
        Files.write(corrupt, b);
        Path out = dir.resolve("never.png");
        String[][] cases = {
                {"render", dir.resolve("missing.field").toString(), "--out", out.toString()},
                {"render", corrupt.toString(), "--out", out.toString()},
                {"render", blob.toString(), "--out", out.toString(), "--shading", "toon"},
                {"render", blob.toString(), "--out", out.toString(), "--size", "0"},
                {"export-glsl", corrupt.toString(), "--out", dir.resolve("x.glsl").toString()},
                {"view", corrupt.toString()},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out));
        }
    }
}
