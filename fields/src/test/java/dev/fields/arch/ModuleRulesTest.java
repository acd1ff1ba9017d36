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
 * ray uses nothing of ours but io (no ND4J, LWJGL, shaders, render or trainer), so fields and render can both build on
 * it; shaders and render never use ND4J or the trainer; inside fields only the cli package may use render.
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
        assertTrue(Files.isDirectory(ROOT.resolve("ray/src/main/java/dev/fields/ray")), "the ray module is where the rule looks");
    }

    @Test void ioIsPlainFormats() throws IOException {
        assertEquals(List.of(), violations("io", Pattern.compile("org\\.nd4j|org\\.lwjgl\\.(opengl|glfw|egl)|dev\\.fields\\.(ray|shaders|render|nn|train|cli)"), null));
    }

    @Test void rayStandsOnNothingButIo() throws IOException {
        assertEquals(List.of(), violations("ray", Pattern.compile("org\\.nd4j|org\\.deeplearning4j|org\\.lwjgl|dev\\.fields\\.(?!(ray|io)\\b)\\w+"), null));
        String pom = Files.readString(ROOT.resolve("ray/pom.xml"));
        List<String> ours = new ArrayList<>();
        var m = Pattern.compile("<groupId>dev\\.fields</groupId>\\s*<artifactId>([\\w-]+)</artifactId>").matcher(pom);
        while (m.find()) if (!m.group(1).equals("fields-parent") && !m.group(1).equals("fields-io")) ours.add(m.group(1));
        assertEquals(List.of(), ours, "ray/pom.xml declares modules of ours beyond io");
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
