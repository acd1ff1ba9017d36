package dev.fields.task.ct;

import dev.fields.ct.CtMetrics;
import dev.fields.ct.Noise;
import dev.fields.ct.Sirt;
import dev.fields.ct.SystemMatrix;
import dev.fields.eval.BlobField;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitJson;
import dev.fields.fit.FitResult;
import dev.fields.fit.FitRunner;
import dev.fields.fit.FitSession;
import dev.fields.fit.Presets;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.ct.Geometry;
import dev.fields.train.StepRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm start: the first steps fit the field to the classical reconstruction, then the projection loss takes over. */
class CtWarmStartTest {
    private static final int GRID = 32, VIEWS = 10, SIRT = 50;

    private static FitConfig config(int steps, int warm) {
        FitConfig p = FitJson.read(Presets.load("ct"), "preset ct");
        CtConfig t = (CtConfig) p.task();
        CtConfig task = new CtConfig(null, null, false, "shepp-logan", VIEWS, GRID, "none", null, CtConfig.Forward.MATRIX, 0, 8,
                t.head(), SIRT, t.fbpFilter(), t.tv(), 0, warm);
        return p.withTask(task).withTraining(p.training().withSteps(steps));
    }

    private static FitResult fit(FitConfig c, Measurement scan) {
        return FitRunner.run(new CtProblem(c, scan, null), c, FitSession.silent());
    }

    @Test void theWarmStepsFitTheBaselineAndThenTheProjectionLossTrains() throws Exception {
        Geometry g = Measurement.phantomGeometry(VIEWS, GRID);
        Measurement scan = Measurement.ofPhantom("shepp-logan", g, Noise.parse("none"), 0);
        FitResult r = fit(config(60, 40), scan);
        List<StepRecord> h = r.training().history();
        for (StepRecord s : h) {
            boolean warm = s.step() <= 40; // history steps count from 1
            assertTrue(s.terms().containsKey(warm ? "warm_mse" : "projection_mse"), "step " + s.step() + " terms " + s.terms());
            assertFalse(s.terms().containsKey(warm ? "projection_mse" : "warm_mse"), "step " + s.step() + " terms " + s.terms());
        }
        double first = h.get(0).terms().get("warm_mse"), last = h.stream().filter(s -> s.step() == 40).findFirst().orElseThrow().terms().get("warm_mse");
        assertTrue(last < first / 20, "the warm start fits the baseline: warm_mse " + first + " -> " + last);
        // projection loss falls once it takes over
        double p0 = h.stream().filter(s -> s.step() == 41).findFirst().orElseThrow().terms().get("projection_mse");
        double p1 = h.get(h.size() - 1).terms().get("projection_mse");
        assertTrue(p1 < p0, "the projection loss trains after the warm start: " + p0 + " -> " + p1);
    }

    @Test void aWarmOnlyFitReproducesTheClassicalReconstruction() throws Exception {
        Geometry g = Measurement.phantomGeometry(VIEWS, GRID);
        Measurement scan = Measurement.ofPhantom("shepp-logan", g, Noise.parse("none"), 0);
        FitConfig c = config(80, 80);
        FitResult r = fit(c, scan);
        float[] sirt = new Sirt(SystemMatrix.of(g)).reconstruct(scan.sinogram(), SIRT, null);
        float[] field = new BlobField(BlobFormat.fromBytes(r.blob(), "warm-start fit")).evaluate(CtTask.gridCentres(g), GRID * GRID);
        double scale = r.metrics().get("value_scale");
        for (int i = 0; i < field.length; i++) field[i] *= (float) scale;
        double toSirt = CtMetrics.psnrInCircle(field, sirt, GRID);
        float[] flat = new float[sirt.length];
        double mean = 0;
        for (float v : sirt) mean += v / sirt.length;
        java.util.Arrays.fill(flat, (float) mean);
        double flatToSirt = CtMetrics.psnrInCircle(flat, sirt, GRID);
        assertTrue(toSirt > 20 && toSirt > flatToSirt + 6, "after warm steps only the field is the SIRT image: PSNR against it " + toSirt
                + " (its mean value: " + flatToSirt + ")");
    }

    @Test void aNegativeWarmStartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> config(10, -1));
    }
}
