package dev.fields.fit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.task.image.ImageConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The runner: pure fits from a configuration, exact reruns from the stored configuration, initial blobs, live blobs. */
class FitRunnerTest {
    @TempDir Path dir;

    /** A tiny image fit: 24 px camera, 2×8 RWF on 8 Fourier features. */
    static FitConfig tiny(int steps) {
        ObjectNode tree = Presets.load("image");
        Presets.merge(tree, FitJson.MAPPER.valueToTree(Map.of(
                "task", Map.of("source", "../scenes/images/camera.png", "resize", 24, "batch", 0),
                "encoding", Map.of("features", 8), "network", Map.of("hidden", new int[]{8, 8}),
                "training", Map.of("steps", steps, "lr", 0.01))));
        return FitJson.read(tree, "test");
    }

    private static void assertSameTensors(FieldBlob a, FieldBlob b) {
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        for (var e : a.tensors().entrySet()) assertArrayEquals(e.getValue().data(), b.tensors().get(e.getKey()).data(), e.getKey());
    }

    @Test void everyBundledPresetRoundTripsThroughJson() {
        for (String name : Presets.bundled()) {
            FitConfig c = FitJson.read(Presets.load(name), name).resolved();
            assertEquals(c, FitJson.read(FitJson.MAPPER.valueToTree(c), "again"), name);
            assertEquals(c, FitJson.read(FitJson.MAPPER.valueToTree(FitJson.toMap(c)), "as a map"), name);
        }
        assertTrue(Presets.bundled().containsAll(java.util.List.of("image", "image-paper", "shape", "shape-paper")));
    }

    @Test void childPresetsMergeOverTheirParents() {
        FitConfig paper = FitJson.read(Presets.load("image-paper"), "image-paper");
        FitConfig base = FitJson.read(Presets.load("image"), "image");
        assertEquals(ImageConfig.Protocol.PAPER, ((ImageConfig) paper.task()).protocol());
        assertEquals(2000, paper.training().steps());
        assertEquals(base.encoding(), paper.encoding(), "inherited");
        assertEquals(dev.fields.io.spec.Parameterization.PLAIN, paper.network().parameterization());
        assertEquals(base.network().hidden(), paper.network().hidden());
    }

    @Test void aMistypedSettingIsOneLineNamingIt() {
        ObjectNode tree = Presets.load("image");
        ((ObjectNode) tree.get("training")).put("stpes", 3);
        UserError e = assertThrows(UserError.class, () -> FitJson.read(tree, "my.json"));
        assertTrue(e.getMessage().startsWith("my.json: unknown setting") && e.getMessage().contains("stpes"), e.getMessage());
        ObjectNode bad = Presets.load("image");
        ((ObjectNode) bad.get("training")).put("lr", -1);
        UserError e2 = assertThrows(UserError.class, () -> FitJson.read(bad, "my.json"));
        assertTrue(e2.getMessage().contains("training.lr must be"), e2.getMessage());
    }

    @Test void aFitIsAFunctionOfItsConfigurationAndReruns() {
        FitResult a = FitRunner.run(tiny(30), FitSession.silent());
        FieldBlob blob = BlobFormat.fromBytes(a.blob(), "a");
        // rerun from the configuration stored in the blob's provenance
        FitConfig stored = FitJson.read(FitJson.MAPPER.valueToTree(blob.provenance().config()), "provenance");
        assertEquals(tiny(30).resolved(), stored);
        FitResult b = FitRunner.run(stored, FitSession.silent());
        assertSameTensors(blob, BlobFormat.fromBytes(b.blob(), "b"));
        assertEquals(a.metrics(), b.metrics());
        assertTrue(a.metrics().get("psnr") > 12, "it learned something: " + a.metrics());
        assertEquals(a.metrics(), blob.provenance().metrics());
    }

    /**
     * A coarse-to-fine fit ending mid-schedule (until = 1: the finest band is still opening at the last step) stores
     * its schedule, reruns from the blob's provenance to the same tensors, and differs from the fit without it.
     */
    @Test void aCoarseToFineFitRerunsFromItsBlobAndDiffers() {
        FitConfig c = tiny(80);
        FitConfig c2f = c.withTraining(c.training().withCoarseToFine(new dev.fields.train.CoarseToFine(0.25, 1.0)));
        FitResult a = FitRunner.run(c2f, FitSession.silent());
        FieldBlob blob = BlobFormat.fromBytes(a.blob(), "a");
        FitConfig stored = FitJson.read(FitJson.MAPPER.valueToTree(blob.provenance().config()), "provenance");
        assertEquals(new dev.fields.train.CoarseToFine(0.25, 1.0), stored.training().coarseToFine());
        assertSameTensors(blob, BlobFormat.fromBytes(FitRunner.run(stored, FitSession.silent()).blob(), "b"));
        FieldBlob plain = BlobFormat.fromBytes(FitRunner.run(c, FitSession.silent()).blob(), "plain");
        assertNotEquals(java.util.Arrays.toString(plain.tensors().get("layers.0.weight").data()),
                java.util.Arrays.toString(blob.tensors().get("layers.0.weight").data()));
        assertTrue(a.metrics().get("psnr") > 12, "it learned something: " + a.metrics());
    }

    @Test void initStartsFromTheBlobsFunction() {
        FitResult a = FitRunner.run(tiny(40), FitSession.silent());
        FieldBlob blob = BlobFormat.fromBytes(a.blob(), "a");
        FitConfig c = tiny(1);
        FitConfig still = c.withTraining(new TrainingConfig(1, 1e-30, 1, 0, 9, 0, 0, null)); // a step that moves nothing
        FitResult b = FitRunner.run(still, FitSession.silent().withInit(blob));
        FieldBlob nb = BlobFormat.fromBytes(b.blob(), "b");
        for (var e : blob.tensors().entrySet()) {
            float[] x = e.getValue().data(), y = nb.tensors().get(e.getKey()).data();
            for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i], 1e-5 * Math.max(1, Math.abs(x[i])), e.getKey() + "[" + i + "]");
        }
        assertEquals(a.metrics().get("psnr"), b.metrics().get("psnr"), 1e-3);
        FitConfig wider = c.withNetwork(new dev.fields.io.spec.NetworkSpec(c.network().type(), java.util.List.of(8, 16), c.network().activation(),
                c.network().parameterization(), 30, 1, 1, 0.1));
        UserError e = assertThrows(UserError.class, () -> FitRunner.run(wider, FitSession.silent().withInit(blob)));
        assertTrue(e.getMessage().contains("different field"), e.getMessage());
    }

    @Test void theLiveBlobFollowsCheckpointsButNotTheEnd() throws Exception {
        Path live = dir.resolve("live.field"), ck = dir.resolve("live.ckpt");
        FitRunner.run(tiny(6), new FitSession(null, ck, 2, false, live, null, java.util.List.of()));
        assertEquals(4, BlobFormat.read(live).provenance().steps(), "published at steps 2 and 4; the final blob is the caller's to write");
        assertEquals(6, BlobFormat.readCheckpoint(ck).provenance().steps());
        assertEquals(Files.list(dir).count(), 2, "nothing else written");
    }

    @Test void resumingContinuesToTheSameField() throws Exception {
        Path ck = dir.resolve("r.ckpt");
        FitResult full = FitRunner.run(tiny(8), FitSession.silent());
        FitResult first = FitRunner.run(tiny(4), new FitSession(null, ck, 2, false, null, null, java.util.List.of()));
        FitResult resumed = FitRunner.run(tiny(8), new FitSession(null, ck, 2, true, null, null, java.util.List.of()));
        assertSameTensors(BlobFormat.fromBytes(full.blob(), "full"), BlobFormat.fromBytes(resumed.blob(), "resumed"));

        // the resumed run's history covers every step, with the uninterrupted run's losses and metrics
        var h = resumed.training().history();
        assertEquals(8, h.size());
        for (int i = 0; i < 8; i++) {
            var a = full.training().history().get(i);
            assertEquals(a.step(), h.get(i).step());
            assertEquals(a.loss(), h.get(i).loss(), "step " + a.step());
            assertEquals(a.terms(), h.get(i).terms());
            if (a.step() != 4) assertEquals(a.metrics(), h.get(i).metrics(), "step " + a.step()); // the first run evaluated at its own end
        }
        assertFalse(h.get(3).metrics().isEmpty(), "the evaluation at the end of the first run is kept");
        for (int i = 1; i < 8; i++) assertTrue(h.get(i).seconds() >= h.get(i - 1).seconds(), "wall seconds run on across the resume");
        double before = first.training().history().get(3).seconds();
        assertTrue(resumed.training().seconds() > before && resumed.seconds() > before, "seconds include the run before the resume");

        // and so does its metrics.json
        FitOutputs.write(resumed, dir.resolve("out"));
        var curve = FitJson.MAPPER.readTree(dir.resolve("out/metrics.json").toFile()).get("curve");
        assertEquals(8, curve.get("step").size());
        assertEquals(1.0, curve.get("step").get(0).asDouble());
        assertEquals(full.training().history().get(0).loss(), curve.get("loss").get(0).asDouble());
        assertTrue(FitJson.MAPPER.readTree(dir.resolve("out/metrics.json").toFile()).get("trainSeconds").asDouble() >= Math.floor(before * 100) / 100);
    }

    @Test void aCheckpointCarriesTheHistorySoFarThroughTwoResumes() {
        Path ck = dir.resolve("h.ckpt");
        FitRunner.run(tiny(2), new FitSession(null, ck, 1, false, null, null, java.util.List.of()));
        FitRunner.run(tiny(4), new FitSession(null, ck, 1, true, null, null, java.util.List.of()));
        FitResult third = FitRunner.run(tiny(6), new FitSession(null, ck, 1, true, null, null, java.util.List.of()));
        assertEquals(java.util.List.of(1L, 2L, 3L, 4L, 5L, 6L), third.training().history().stream().map(dev.fields.train.StepRecord::step).toList());
        assertEquals(6, BlobFormat.readCheckpoint(ck).provenance().steps());
    }

}
