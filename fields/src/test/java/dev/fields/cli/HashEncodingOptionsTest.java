package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.fit.FitJson;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.spec.*;
import dev.fields.nn.FieldNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code --encoding hash} and its options on every fit command, and the Shadertoy export's refusal of hash grids. */
class HashEncodingOptionsTest {
    @TempDir Path dir;

    private static JsonNode encoding(String... args) throws Exception {
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.code(), r.err());
        return FitJson.MAPPER.readTree(r.out()).get("encoding");
    }

    private static EncodingSpec.HashGrid grid(JsonNode n) throws Exception {
        return FitJson.MAPPER.treeToValue(n, EncodingSpec.HashGrid.class);
    }

    @Test void hashTakesTheDefaultsOfTheTasksDimension() throws Exception {
        JsonNode image = encoding("fit-image", "../scenes/images/camera.png", "--encoding", "hash", "--print-config");
        assertEquals("hashgrid", image.get("type").asText());
        assertEquals(EncodingSpec.HashGrid.defaults(2), grid(image));
        assertEquals(new EncodingSpec.HashGrid(16, 2, 16, 16, 512), grid(image));
        // fit-ct's preset is already a hash grid (resolutions up to its 256² grid): --encoding hash keeps it
        JsonNode ct = encoding("fit-ct", "--phantom", "shepp-logan", "--encoding", "hash", "--print-config");
        assertEquals(new EncodingSpec.HashGrid(16, 2, 16, 16, 256), grid(ct));
        JsonNode ctDefault = encoding("fit-ct", "--phantom", "shepp-logan", "--print-config");
        assertEquals(grid(ct), grid(ctDefault));
        // fit-shape's preset is a hash grid too (2^15 entries, N 16-512); from a Fourier preset the 3-D defaults apply
        JsonNode shape = encoding("fit-shape", "../scenes/bunny.obj", "--encoding", "hash", "--print-config");
        assertEquals(new EncodingSpec.HashGrid(16, 2, 15, 16, 512), grid(shape));
        assertEquals(grid(shape), grid(encoding("fit-shape", "../scenes/bunny.obj", "--print-config")));
        JsonNode paper = encoding("fit-shape", "../scenes/bunny.obj", "--preset", "shape-paper", "--encoding", "hash", "--print-config");
        assertEquals(EncodingSpec.HashGrid.defaults(3), grid(paper));
        assertEquals(new EncodingSpec.HashGrid(16, 2, 19, 16, 2048), grid(paper));
    }

    @Test void everyParameterHasAnOption() throws Exception {
        JsonNode e = encoding("fit-image", "../scenes/images/camera.png", "--encoding", "hash", "--hash-levels", "8", "--hash-features", "4",
                "--hash-log2-size", "12", "--hash-min-res", "8", "--hash-max-res", "256", "--print-config");
        assertEquals(new EncodingSpec.HashGrid(8, 4, 12, 8, 256), grid(e));
    }

    @Test void hashOptionsWithoutTheHashEncodingAreOneLine() {
        CliRunner r = CliRunner.run("fit-image", "../scenes/images/camera.png", "--hash-levels", "8", "--print-config");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--encoding hash"), r.err());
        CliRunner bad = CliRunner.run("fit-image", "../scenes/images/camera.png", "--encoding", "hash", "--hash-features", "9", "--print-config");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("features per level must be 1..8"), bad.err());
    }

    @Test void theShadertoyExportRefusesAHashGridInOneLine() throws Exception {
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.HashGrid(2, 2, 8, 4, 8), NetworkSpec.relu(Parameterization.PLAIN, 8),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(3, -1, 1), 1.0);
        FieldBlob blob = new FieldNetwork(spec, 1).export(new Provenance("shape", 1, 0, Map.of(), "t", "", Map.of()));
        Path in = dir.resolve("h.field"), out = dir.resolve("h.glsl");
        BlobFormat.write(in, blob);
        CliRunner r = CliRunner.run("export-glsl", in.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("hash-grid tables"), r.err());
        assertFalse(Files.exists(out));
    }
}
