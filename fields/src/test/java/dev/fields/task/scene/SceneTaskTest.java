package dev.fields.task.scene;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitJson;
import dev.fields.fit.Presets;
import dev.fields.io.scene.Scene;
import dev.fields.io.scene.SceneReader;
import dev.fields.nn.FieldNetwork;
import dev.fields.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The scene task's batches and its loss gradient (occupancy culling, scatter, compositing, MSE) against finite differences. */
class SceneTaskTest {
    @TempDir Path dir;

    static FitConfig config(Path scene, String taskPatch) throws Exception {
        ObjectNode tree = Presets.load("scene");
        Presets.merge(tree, FitJson.MAPPER.readTree("{\"task\": {\"source\": \"" + scene.toString().replace("\\", "/") + "\", " + taskPatch + "},"
                + " \"encoding\": {\"levels\": 4, \"log2TableSize\": 10, \"minResolution\": 4, \"maxResolution\": 32}, \"network\": {\"hidden\": [8, 8]}}"));
        return FitJson.read(tree, "test").resolved();
    }

    @Test void theLossGradientMatchesFiniteDifferencesWithCulledSamples() throws Exception {
        Path scene = SyntheticScene.write(dir.resolve("s"), 3, 1, 8);
        FitConfig cfg = config(scene, "\"samplesPerStep\": 64, \"maxRaysPerStep\": 12, \"samplesPerRay\": 8, \"occupancyResolution\": 4, \"terminate\": 0, \"bounds\": \"1\"");
        SceneProblem p = new SceneProblem(cfg, null);
        SceneTask task = (SceneTask) p.newTask();
        FieldNetwork net = new FieldNetwork(p.spec(), 1);
        // a grid with empty cells: everything with x < 0 is culled
        task.grid().update((pts, n) -> {
            float[] s = new float[n];
            for (int i = 0; i < n; i++) s[i] = pts[3 * i] > 0 ? 5f : 0f;
            return s;
        }, null, true);
        SceneTask.Batch b = task.sample(1, Trainer.random(0, 1), net);
        assertTrue(b.rays() > 0 && b.kept() > 0 && b.kept() <= 64);
        assertTrue(b.kept() < b.rays() * 8, "culled samples are not in the batch");
        for (int i = 0; i < b.kept(); i++) assertTrue(b.inputs().getDouble(i, 0) > 0, "only occupied cells are sampled");
        for (int i = b.kept(); i < 64; i++) assertEquals(0, b.inputs().getDouble(i, 0), "padding rows");
        SplittableRandom rnd = new SplittableRandom(5);
        double[] v = new double[64 * 4];
        for (int i = 0; i < v.length; i++) v[i] = i % 4 == 0 ? rnd.nextDouble(0.1, 20) : rnd.nextDouble(0.05, 0.95);
        INDArray grad = Nd4j.create(DataType.FLOAT, 64, 4);
        task.loss(b, outputs(v), grad);
        for (int i = 0; i < 64; i++)
            for (int k = 0; k < 4; k++) {
                double h = k == 0 ? 1e-3 : 1e-2, keep = v[4 * i + k];
                v[4 * i + k] = keep + h;
                double up = task.loss(b, outputs(v), Nd4j.create(DataType.FLOAT, 64, 4)).get("rgb_mse");
                v[4 * i + k] = keep - h;
                double down = task.loss(b, outputs(v), Nd4j.create(DataType.FLOAT, 64, 4)).get("rgb_mse");
                v[4 * i + k] = keep;
                double fd = (up - down) / (2 * h), got = grad.getDouble(i, k);
                if (i >= b.kept()) assertEquals(0, got, 0, "padding gets no gradient");
                else assertEquals(fd, got, 2e-3 * Math.abs(fd) + 2e-6, "dL/d(output " + k + ") of sample " + i);
            }
        assertTrue(task.monitors().get("batch_psnr") > 0);
    }

    /**
     * With sh:2 each sample has 28 outputs (density, then 9 coefficients of R, of G, of B) and the colour is
     * sigmoid(Σ c_k Y_k(ω)) along the ray's direction: the gradient of every output, through the SH sum and the
     * compositing, against central differences. Steps: 1e-2 on the density (as on the coefficients) — the loss is
     * computed from float32 colours, and with densities up to 20 a step of 1e-3 changes the loss by little more than
     * its float rounding (here the difference quotient of one sample's density came out 6% off with it), while 1e-2
     * keeps both that noise and the truncation error (O(h²), the loss is smooth) below the tolerance.
     */
    @Test void theSphericalHarmonicsColourGradientMatchesFiniteDifferences() throws Exception {
        Path scene = SyntheticScene.write(dir.resolve("sh"), 3, 1, 8);
        FitConfig cfg = config(scene, "\"samplesPerStep\": 64, \"maxRaysPerStep\": 12, \"samplesPerRay\": 8, \"occupancyResolution\": 4, \"terminate\": 0,"
                + " \"bounds\": \"1\", \"viewDependence\": \"sh:2\"");
        SceneProblem p = new SceneProblem(cfg, null);
        assertEquals(dev.fields.io.spec.ViewDependence.SH2, p.spec().viewDependence());
        int o = p.spec().outputDim();
        assertEquals(28, o);
        SceneTask task = (SceneTask) p.newTask();
        FieldNetwork net = new FieldNetwork(p.spec(), 1);
        SceneTask.Batch b = task.sample(1, Trainer.random(0, 1), net);
        assertTrue(b.rays() > 0 && b.kept() > 0);
        for (int r = 0; r < b.rays(); r++) {
            float[] d = b.directions();
            assertEquals(1, Math.sqrt(d[3 * r] * d[3 * r] + d[3 * r + 1] * d[3 * r + 1] + d[3 * r + 2] * d[3 * r + 2]), 1e-5, "unit direction of ray " + r);
        }
        SplittableRandom rnd = new SplittableRandom(7);
        double[] v = new double[64 * o];
        for (int i = 0; i < v.length; i++) v[i] = i % o == 0 ? rnd.nextDouble(0.1, 20) : rnd.nextDouble(-1, 1);
        INDArray grad = Nd4j.create(DataType.FLOAT, 64, o);
        double loss = task.loss(b, outputs(v, o), grad).get("rgb_mse");
        double h = 1e-2;
        int checked = 0;
        for (int i = 0; i < 64; i++)
            for (int k = 0; k < o; k++) {
                double keep = v[o * i + k];
                v[o * i + k] = keep + h;
                double up = task.loss(b, outputs(v, o), Nd4j.create(DataType.FLOAT, 64, o)).get("rgb_mse");
                v[o * i + k] = keep - h;
                double down = task.loss(b, outputs(v, o), Nd4j.create(DataType.FLOAT, 64, o)).get("rgb_mse");
                v[o * i + k] = keep;
                double fd = (up - down) / (2 * h), got = grad.getDouble(i, k);
                if (i >= b.kept()) assertEquals(0, got, 0, "padding gets no gradient");
                else {
                    assertEquals(fd, got, 2e-3 * Math.abs(fd) + 2e-6, "dL/d(output " + k + ") of sample " + i);
                    if (Math.abs(fd) > 1e-5) checked++;
                }
            }
        assertTrue(checked > b.kept() * 5, "most coefficients have a gradient: " + checked);
        // the colour follows the direction: the same outputs seen along the opposite rays give another loss
        float[] flipped = b.directions().clone();
        for (int i = 0; i < flipped.length; i++) flipped[i] = -flipped[i];
        SceneTask.Batch back = new SceneTask.Batch(b.inputs(), b.rays(), b.kept(), b.samples(), b.full(), b.target(), flipped);
        double other = task.loss(back, outputs(v, o), Nd4j.create(DataType.FLOAT, 64, o)).get("rgb_mse");
        assertTrue(Math.abs(other - loss) > 1e-4 * loss, loss + " vs " + other);
    }

    private static dev.fields.nn.FieldNetwork.Outputs outputs(double[] v, int o) {
        INDArray a = Nd4j.create(v, new long[]{v.length / o, o}, 'c').castTo(DataType.FLOAT);
        return new dev.fields.nn.FieldNetwork.Outputs(a, a);
    }

    private static dev.fields.nn.FieldNetwork.Outputs outputs(double[] v) {
        INDArray a = Nd4j.create(v, new long[]{v.length / 4, 4}, 'c').castTo(DataType.FLOAT);
        return new dev.fields.nn.FieldNetwork.Outputs(a, a);
    }

    @Test void aBatchFillsItsSampleBudgetWithWholeRays() throws Exception {
        Path scene = SyntheticScene.write(dir.resolve("b"), 3, 1, 8);
        FitConfig cfg = config(scene, "\"samplesPerStep\": 100, \"maxRaysPerStep\": 1000, \"samplesPerRay\": 16, \"bounds\": \"1\"");
        SceneProblem p = new SceneProblem(cfg, null);
        SceneTask task = (SceneTask) p.newTask();
        FieldNetwork net = new FieldNetwork(p.spec(), 1);
        SceneTask.Batch b = task.sample(0, Trainer.random(0, 0), net);
        // a fresh softplus field is occupied everywhere: every ray through the box keeps its 16 samples
        assertEquals(1.0, task.grid().occupiedFraction());
        assertEquals(0, b.kept() % 16);
        assertTrue(b.kept() > 100 - 16 - 1 && b.kept() <= 100, "kept " + b.kept());
        assertEquals(64 * 0 + 100, b.inputs().rows());
    }
}
