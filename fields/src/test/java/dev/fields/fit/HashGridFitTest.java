package dev.fields.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.HashGridLayout;
import dev.fields.nn.FieldNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Fits with a hash grid: the tables are saved in the blob and the checkpoint, restored by resume and init, and train. */
class HashGridFitTest {
    @TempDir Path dir;

    /** A tiny image fit on a small hash grid (4 levels, 2^8 entries, resolutions 4..32) and a 2×16 MLP. */
    static FitConfig tiny(int steps) {
        ObjectNode tree = Presets.load("image");
        Presets.merge(tree, FitJson.MAPPER.valueToTree(Map.of(
                "task", Map.of("source", "../scenes/images/camera.png", "resize", 32, "batch", 0),
                "network", Map.of("hidden", new int[]{16, 16}),
                "training", Map.of("steps", steps, "lr", 0.01))));
        tree.set("encoding", FitJson.MAPPER.valueToTree(new EncodingSpec.HashGrid(4, 2, 8, 4, 32)));
        return FitJson.read(tree, "test");
    }

    @Test void theTablesTrainAndTravelInTheBlob() {
        FitConfig c = tiny(60);
        assertEquals(c, FitJson.read(FitJson.toTree(c), "again"), "the configuration round-trips");
        FitResult r = FitRunner.run(c, FitSession.silent());
        FieldBlob blob = BlobFormat.fromBytes(r.blob(), "blob");
        assertEquals(c.encoding(), blob.spec().encoding());
        float[] t = blob.tensor("encoding.tables").data();
        HashGridLayout g = HashGridLayout.of((EncodingSpec.HashGrid) c.encoding(), 2);
        assertArrayEquals(g.tensorShape(), blob.tensor("encoding.tables").shape());
        double max = 0;
        for (float v : t) max = Math.max(max, Math.abs(v));
        assertTrue(max > 1e-2, "the tables moved far from their U(-1e-4, 1e-4) start: max |t| = " + max);
        assertTrue(r.metrics().get("psnr") > 16, "it learned the image: " + r.metrics());
    }

    @Test void resumeAndInitRestoreTheTables() {
        Path ck = dir.resolve("h.ckpt");
        FitResult full = FitRunner.run(tiny(6), FitSession.silent());
        FitRunner.run(tiny(3), new FitSession(null, ck, 3, false, null, null, List.of()));
        FitResult resumed = FitRunner.run(tiny(6), new FitSession(null, ck, 3, true, null, null, List.of()));
        FieldBlob a = BlobFormat.fromBytes(full.blob(), "full"), b = BlobFormat.fromBytes(resumed.blob(), "resumed");
        for (var e : a.tensors().entrySet()) assertArrayEquals(e.getValue().data(), b.tensor(e.getKey()).data(), e.getKey());

        FieldNetwork net = new FieldNetwork(a.spec(), 99);
        net.initFrom(a);
        assertArrayEquals(a.tensor("encoding.tables").data(), net.exportTensors().get("encoding.tables").data(), "init copies the tables");
    }

    @Test void weightDecayShrinksOnlyTheWeightMatrices() {
        FitConfig c = tiny(1);
        // one Adam step of lr: with λ·w dominating the gradient every weight moves by lr towards 0
        FitConfig decayed = c.withTraining(new TrainingConfig(1, 0.01, 1, 0, 0, 0, 1e6, null));
        FieldBlob a = BlobFormat.fromBytes(FitRunner.run(c.withTraining(new TrainingConfig(1, 0.01, 1, 0, 0, 0, 0, null)), FitSession.silent()).blob(), "a");
        FieldBlob b = BlobFormat.fromBytes(FitRunner.run(decayed, FitSession.silent()).blob(), "b");
        assertArrayEquals(a.tensor("encoding.tables").data(), b.tensor("encoding.tables").data(), "tables are not decayed");
        assertArrayEquals(a.tensor("layers.0.bias").data(), b.tensor("layers.0.bias").data(), "biases are not decayed");
        float[] wa = a.tensor("layers.0.weight").data(), wb = b.tensor("layers.0.weight").data();
        double sa = 0, sb = 0;
        for (int i = 0; i < wa.length; i++) { sa += Math.abs(wa[i]); sb += Math.abs(wb[i]); }
        assertTrue(sb < sa - 0.005 * wa.length, "weights shrink: mean |w| " + sb / wa.length + " vs " + sa / wa.length);
    }
}
