package dev.fields.task.scene;

import dev.fields.io.spec.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SceneConfigNameTest {
    @TempDir Path dir;

    private static SceneConfig of(Path source) {
        return new SceneConfig(source.toString(), null, null, 1024, 64, 16, Head.SOFTPLUS, 8, 16, 0, 0.95, 0.01, 1e-4, 1, 2, 0, null);
    }

    @Test void aSceneIsNamedForItsFolderAlsoWhenGivenItsTransformsFile() throws Exception {
        Path capture = Files.createDirectories(dir.resolve("my.capture"));
        assertEquals("my.capture", of(capture).name(), "a folder keeps its whole name, dots included");
        assertEquals("my.capture", of(capture.resolve("transforms.json")).name());
        assertEquals("my.capture", of(capture.resolve("transforms_train.json")).name());
        assertEquals("my.capture", of(capture.resolve(".")).name(), "a trailing '.' names the folder");
        assertEquals("poses", of(capture.resolve("poses.json")).name(), "any other JSON file is named for itself");
    }
}
