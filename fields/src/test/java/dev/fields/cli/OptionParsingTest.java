package dev.fields.cli;

import dev.fields.render.FieldRenderer;
import dev.fields.shaders.StandaloneShader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** How the command line reads enumerated options, sizes and --verbose (parsing only: nothing is rendered or trained). */
class OptionParsingTest {
    private static <T> T command(ParseResult parsed, Class<T> type) {
        ParseResult p = parsed;
        while (p.subcommand() != null) p = p.subcommand();
        return type.cast(p.commandSpec().userObject());
    }

    private static RenderCommand render(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "render"; args[1] = "oct.field"; args[2] = "--out=a.png";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return command(Main.commandLine().parseArgs(args), RenderCommand.class);
    }

    @Test void enumValuesIgnoreCase() {
        assertEquals(FieldRenderer.Shading.NORMALS, render("--shading", "NORMALS").shading);
        assertEquals(FieldRenderer.Shading.NORMALS, render("--shading", "normals").shading);
        assertEquals(FieldRenderer.Shading.DEPTH, render("--shading", "Depth").shading);
        assertEquals(FieldRenderer.Path.TEXTURE, render("--weights", "texture").weights);
        assertEquals(StandaloneShader.Target.GLSL330,
                command(Main.commandLine().parseArgs("export-glsl", "a.field", "--out", "a.glsl", "--target", "glsl330"), ExportGlslCommand.class).target);
        assertEquals(java.util.List.of(FieldRenderer.Path.LITERAL, FieldRenderer.Path.BUFFER),
                command(Main.commandLine().parseArgs("bench", "render", "--paths", "literal, BUFFER"), BenchRenderCommand.class).paths);
    }

    @Test void defaultsAreParsedToo() {
        RenderCommand r = render();
        assertEquals(FieldRenderer.Shading.LAMBERT, r.shading);
        assertEquals(FieldRenderer.Path.LITERAL, r.weights);
        assertEquals(new Size(512, 512), r.size);
        assertEquals(new Size(80, 60), render("--size", "80x60").size);
    }

    @Test void badValuesGetOneLineAndExitTwoBeforeAnythingRuns(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path out = dir.resolve("never.png");
        String[][] cases = {
                {"render", "missing.field", "--out", out.toString(), "--shading", "toon"},
                {"render", "missing.field", "--out", out.toString(), "--size", "0"},
                {"render", "missing.field", "--out", out.toString(), "--size", "64x"},
                {"export-glsl", "missing.field", "--out", out.toString(), "--target", "webgpu"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[c.length - 2]) && r.err().contains(c[c.length - 1]), "names the option and the value: " + r.err());
            assertFalse(r.err().contains("missing.field"), "parsing fails before the file is opened: " + r.err());
            assertFalse(Files.exists(out));
        }
    }

    @Test void aBadCoarseToFineScheduleIsOneLineBeforeTheMeshIsRead(@org.junit.jupiter.api.io.TempDir Path dir) {
        for (String bad : new String[]{"0.25", "1:0.5", "x:y"}) {
            CliRunner r = CliRunner.run("fit-shape", "missing.obj", "--out", dir.resolve("o").toString(), "--coarse-to-fine", bad);
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--coarse-to-fine") && r.err().contains("START:UNTIL"), r.err());
            assertFalse(r.err().contains("missing.obj"), "the schedule is checked before the mesh is opened: " + r.err());
            assertFalse(Files.exists(dir.resolve("o")));
        }
    }

    @Test void verboseIsSeenOnAnySubcommand() {
        assertTrue(Logging.verboseRequested(Main.commandLine().parseArgs("fit-image", "a.png", "--verbose")));
        assertTrue(Logging.verboseRequested(Main.commandLine().parseArgs("fit-shape", "a.obj", "--steps", "3", "--verbose")));
        assertFalse(Logging.verboseRequested(Main.commandLine().parseArgs("fit-image", "a.png", "--steps", "3")));
        assertFalse(Logging.verboseRequested(Main.commandLine().parseArgs("render", "a.field", "--out", "a.png")));
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> Main.commandLine().parseArgs("render", "a.field", "--out", "a.png", "--verbose"));
    }

    @Test void loggingLevelFollowsVerbose() {
        String saved = System.getProperty(Logging.LEVEL);
        try {
            System.clearProperty(Logging.LEVEL);
            Logging.apply(false);
            assertEquals("warn", System.getProperty(Logging.LEVEL));
            Logging.apply(true);
            assertEquals("info", System.getProperty(Logging.LEVEL));
            System.setProperty(Logging.LEVEL, "debug");
            Logging.apply(true);
            assertEquals("debug", System.getProperty(Logging.LEVEL), "an explicit, more verbose level is kept");
            System.setProperty(Logging.LEVEL, "error");
            Logging.apply(false);
            assertEquals("error", System.getProperty(Logging.LEVEL), "an explicit level is kept without --verbose");
        } finally {
            if (saved == null) System.clearProperty(Logging.LEVEL); else System.setProperty(Logging.LEVEL, saved);
        }
    }
}
