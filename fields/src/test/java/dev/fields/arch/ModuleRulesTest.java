package dev.fields.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependency rules of the house (DESIGN.md), checked over the sources: io uses neither ND4J nor OpenGL/GLFW;
 * shaders and render never use ND4J or the trainer; inside fields only the cli package may use render.
 */
class ModuleRulesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<String> violations(String module, Pattern forbidden, String exceptPackageDir) throws IOException {
        Path src = ROOT.resolve(module).resolve("src/main/java");
        List<String> bad = new ArrayList<>();
        if (!Files.isDirectory(src)) return bad;
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (exceptPackageDir != null && f.toString().contains(exceptPackageDir)) continue;
                for (String line : Files.readAllLines(f))
                    if (line.startsWith("import") && forbidden.matcher(line).find()) bad.add(ROOT.relativize(f) + ": " + line);
            }
        }
        return bad;
    }

    @Test void sourcesAreWhereTheRulesLook() {
        assertTrue(Files.isDirectory(ROOT.resolve("io/src/main/java/dev/fields/io")), "run from the fields module: " + ROOT);
    }

    @Test void ioIsPlainFormats() throws IOException {
        assertEquals(List.of(), violations("io", Pattern.compile("org\\.nd4j|org\\.lwjgl\\.(opengl|glfw|egl)|dev\\.fields\\.(shaders|render|nn|train|cli)"), null));
    }

    @Test void shadersAndRenderNeverNeedTheTrainer() throws IOException {
        Pattern p = Pattern.compile("org\\.nd4j|org\\.deeplearning4j|dev\\.fields\\.(nn|optim|train|task|cli|geometry|eval|metrics|bench)\\b");
        assertEquals(List.of(), violations("shaders", p, null));
        assertEquals(List.of(), violations("render", p, null));
        assertEquals(List.of(), violations("shaders", Pattern.compile("org\\.lwjgl\\.(opengl|glfw)|dev\\.fields\\.render"), null));
    }

    @Test void onlyTheCliUsesTheRenderer() throws IOException {
        assertEquals(List.of(), violations("fields", Pattern.compile("dev\\.fields\\.render|org\\.lwjgl\\.(opengl|glfw)"),
                "/dev/fields/cli/".replace('/', java.io.File.separatorChar)));
    }
}
