package dev.fields.shaders;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated field function of the committed v1 golden blob (2-D Fourier features m = 4, 8×8 ReLU, 3 sigmoid
 * outputs) equals the committed GLSL byte for byte, for both weight paths. An intended change of the generator
 * regenerates the files with {@code -Dfields.updateGolden=true} (run from the module, then review the diff).
 */
class GoldenGlslTest {
    static final Path DIR = Path.of("src/test/resources/golden");

    @Test void literalWeightsMatchTheGoldenFile() throws Exception { check(GlslGenerator.WeightPath.LITERAL, "v1-fourier-relu.literal.glsl"); }

    @Test void bufferWeightsMatchTheGoldenFile() throws Exception { check(GlslGenerator.WeightPath.BUFFER, "v1-fourier-relu.buffer.glsl"); }

    private void check(GlslGenerator.WeightPath path, String name) throws Exception {
        FieldBlob blob = BlobFormat.read(Path.of(getClass().getResource("/golden/v1-fourier-relu.field").toURI()));
        String got = GlslGenerator.generate(blob, path);
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("fields.updateGolden")) Files.writeString(file, got, StandardCharsets.UTF_8);
        assertTrue(Files.exists(file), "missing golden file " + file.toAbsolutePath() + ": create it with -Dfields.updateGolden=true");
        String want = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(want, got, "generated GLSL differs from " + file + "; if the change is intended, rerun with "
                + "-Dfields.updateGolden=true (mvn -pl shaders -am test -Dtest=GoldenGlslTest -Dfields.updateGolden=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false) and commit the reviewed diff");
    }
}
