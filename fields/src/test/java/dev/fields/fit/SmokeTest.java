package dev.fields.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.HashGridLayout;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every registered task trains two steps on a tiny input from its default preset (plus the registry's smoke patch),
 * writes its outputs, and the blob it wrote loads in the reference evaluator and gives finite values. A new task is
 * covered by registering it in {@link Problems}.
 */
class SmokeTest {
    @TempDir Path dir;

    @TestFactory Stream<DynamicTest> everyRegisteredTaskTrainsTwoStepsAndWritesALoadableBlob() {
        assertTrue(Problems.all().size() >= 2);
        return Problems.all().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> smoke(e, null)));
    }

    /** The same with a small hash grid instead of the preset's encoding, for every task (2-D and 3-D grids). */
    @TestFactory Stream<DynamicTest> everyTaskTrainsWithAHashGrid() {
        EncodingSpec.HashGrid h = new EncodingSpec.HashGrid(4, 2, 10, 4, 32);
        return Problems.all().stream().map(e -> DynamicTest.dynamicTest(e.name() + " hash", () -> {
            FieldBlob blob = smoke(e, h);
            assertEquals(h, blob.spec().encoding());
            assertEquals(HashGridLayout.of(h, e.inputDim()).values(), blob.tensor("encoding.tables").data().length);
        }));
    }

    private FieldBlob smoke(Problems.Entry e, EncodingSpec encoding) throws Exception {
        ObjectNode tree = Presets.load(e.name());
        Presets.merge(tree, FitJson.MAPPER.readTree(e.smoke()));
        if (encoding != null) tree.set("encoding", FitJson.MAPPER.valueToTree(encoding));
        ObjectNode task = (ObjectNode) tree.get("task");
        if (task.has("source")) task.put("source", "../" + task.get("source").asText()); // tests run in the module folder
        ((ObjectNode) tree.get("training")).put("steps", 2);
        FitConfig c = FitJson.read(tree, "smoke " + e.name());
        FitResult r = FitRunner.run(c, FitSession.silent());
        assertEquals(2, r.training().steps());
        assertEquals(e.name(), r.task());
        Path out = dir.resolve(e.name() + (encoding == null ? "" : "-" + encoding.getClass().getSimpleName()));
        Path blobPath = FitOutputs.write(r, out);
        FieldBlob blob = BlobFormat.read(blobPath);
        ReferenceEvaluator ev = new ReferenceEvaluator(blob);
        float[] p = new float[blob.spec().inputDim()];
        double[] v = new double[blob.spec().outputDim()];
        ev.evaluate(p, 0, v);
        for (double x : v) assertTrue(Double.isFinite(x), e.name() + " gives " + x);
        assertEquals(e.name(), blob.provenance().task());
        assertTrue(Files.exists(out.resolve("metrics.json")) && Files.exists(out.resolve(r.name() + "_curves.png")));
        for (Artifact a : r.artifacts()) assertTrue(Files.size(out.resolve(r.name() + a.suffix())) > 0, a.suffix());
        JsonNode m = FitJson.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(c.resolved(), FitJson.read(m.get("config"), "metrics.json"), "metrics.json holds the whole configuration");
        return blob;
    }
}
