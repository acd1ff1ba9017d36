package dev.fields.train;

import dev.fields.io.UserError;
import dev.fields.io.spec.*;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Adam;
import dev.fields.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {
    @TempDir Path dir;

    /** Regress f(x) = sin(3x) + y² on random points (fresh samples every step). */
    static final class ToyTask implements Task {
        final INDArray x = Nd4j.create(DataType.FLOAT, 64, 2);
        final float[] target = new float[64];
        double scale = 1;

        @Override public INDArray sample(long step, SplittableRandom rng) {
            for (int i = 0; i < 64; i++) {
                float a = (float) rng.nextDouble(), b = (float) rng.nextDouble();
                x.putScalar(i, 0, a);
                x.putScalar(i, 1, b);
                target[i] = (float) (Math.sin(3 * a) + b * b);
            }
            return x;
        }

        @Override public LinkedHashMap<String, Double> loss(INDArray raw, INDArray grad, long step) {
            double l = 0;
            for (int i = 0; i < 64; i++) {
                double d = raw.getDouble(i, 0) - target[i];
                l += d * d / 64;
                grad.putScalar(i, 0, scale * 2 * d / 64);
            }
            LinkedHashMap<String, Double> m = new LinkedHashMap<>();
            m.put("mse", scale * l);
            return m;
        }

        @Override public Map<String, Double> evaluate(FieldNetwork net) { return Map.of("psnr", 1.0); }
    }

    static FieldNetwork net() {
        return new FieldNetwork(new FieldSpec(2, new EncodingSpec.GaussianFourier(8, 1), NetworkSpec.relu(Parameterization.RWF, 16, 16),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(2, 0, 1), 0), 1);
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test void lossDecreasesAndRunsAreReproducible() {
        FieldNetwork a = net(), b = net();
        TrainResult ra = Trainer.run(a, new ToyTask(), new Adam(1e-2, 1, 1), new TrainConfig(200, 7, 50, 0, null, false, true), QUIET);
        Trainer.run(b, new ToyTask(), new Adam(1e-2, 1, 1), new TrainConfig(200, 7, 50, 0, null, false, true), QUIET);
        double first = ra.history().subList(0, 10).stream().mapToDouble(StepRecord::loss).average().orElseThrow();
        double last = ra.history().subList(190, 200).stream().mapToDouble(StepRecord::loss).average().orElseThrow();
        assertTrue(last < first / 5, first + " -> " + last);
        assertEquals(a.params(), b.params());
        assertEquals(4, ra.history().stream().filter(r -> !r.metrics().isEmpty()).count());
    }

    @Test void resumedRunEndsBitIdenticalToUninterruptedRun() {
        Path ck = dir.resolve("run.ckpt");
        FieldNetwork full = net();
        Trainer.run(full, new ToyTask(), new Adam(1e-2, 0.5, 50), new TrainConfig(120, 3, 1000, 0, null, false, true), QUIET);
        FieldNetwork part = net();
        Trainer.run(part, new ToyTask(), new Adam(1e-2, 0.5, 50), new TrainConfig(70, 3, 1000, 35, ck, false, true), QUIET);
        FieldNetwork resumed = net();
        TrainResult r = Trainer.run(resumed, new ToyTask(), new Adam(1e-2, 0.5, 50), new TrainConfig(120, 3, 1000, 35, ck, true, true), QUIET);
        assertEquals(50, r.history().size());
        assertEquals(full.params(), resumed.params());
    }

    @Test void nanStopsWithOneLineAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ck = dir.resolve("nan.ckpt");
        ToyTask task = new ToyTask();
        FieldNetwork n = net();
        Trainer.run(n, task, new Adam(1e-2, 1, 1), new TrainConfig(20, 3, 1000, 10, ck, false, true), QUIET);
        byte[] good = Files.readAllBytes(ck);
        task.scale = Double.NaN;
        UserError e = assertThrows(UserError.class, () -> Trainer.run(n, task, new Adam(1e-2, 1, 1), new TrainConfig(40, 3, 1000, 10, ck, true, true), QUIET));
        assertTrue(e.getMessage().contains("diverged at step 21") && e.getMessage().contains("--lr") && e.getMessage().contains("step 20"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertArrayEquals(good, Files.readAllBytes(ck));
    }

    @Test void snapshotsFollowCheckpointsWithTheCurrentWeights() {
        Path ck = dir.resolve("snap.ckpt");
        FieldNetwork n = net();
        List<Long> steps = new java.util.ArrayList<>();
        List<INDArray> seen = new java.util.ArrayList<>();
        Trainer.run(n, new ToyTask(), new Adam(1e-2, 1, 1), new TrainConfig(40, 3, 1000, 15, ck, false, true), QUIET,
                (step, net) -> { steps.add(step); seen.add(net.params().dup()); });
        assertEquals(List.of(15L, 30L), steps, "after each checkpoint but the final one (the fit writes that itself)");
        assertNotEquals(seen.get(0), seen.get(1));
        assertNotEquals(seen.get(1), n.params());
    }

    @Test void sgdIsPlainGradientDescent() {
        INDArray p = Nd4j.createFromArray(new float[][]{{1, 2, 3}});
        new Sgd(0.5).step(p, Nd4j.createFromArray(new float[][]{{2, -2, 0}}), 0);
        assertEquals(Nd4j.createFromArray(new float[][]{{0, 3, 3}}), p);
    }

    @Test void adamFirstStepMovesEachParameterByTheLearningRate() {
        INDArray p = Nd4j.createFromArray(new float[][]{{1, 2}});
        new Adam(0.1, 1, 1).step(p, Nd4j.createFromArray(new float[][]{{3, -0.5f}}), 0);
        assertEquals(0.9, p.getDouble(0, 0), 1e-6);
        assertEquals(2.1, p.getDouble(0, 1), 1e-6);
    }
}
