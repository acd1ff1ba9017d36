package dev.fields.train;

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
    static final class ToyTask implements Task<ToyTask.Points> {
        record Points(INDArray inputs, float[] target) implements Task.Batch {}
        double scale = 1;

        @Override public Points sample(long step, SplittableRandom rng, FieldNetwork field) {
            INDArray x = Nd4j.create(DataType.FLOAT, 64, 2);
            float[] target = new float[64];
            for (int i = 0; i < 64; i++) {
                float a = (float) rng.nextDouble(), b = (float) rng.nextDouble();
                x.putScalar(i, 0, a);
                x.putScalar(i, 1, b);
                target[i] = (float) (Math.sin(3 * a) + b * b);
            }
            return new Points(x, target);
        }

        @Override public LinkedHashMap<String, Double> loss(Points p, FieldNetwork.Outputs out, INDArray grad) {
            double l = 0;
            for (int i = 0; i < 64; i++) {
                double d = out.values().getDouble(i, 0) - p.target()[i];
                l += d * d / 64;
                grad.putScalar(i, 0, scale * 2 * d / 64);
            }
            LinkedHashMap<String, Double> m = new LinkedHashMap<>();
            m.put("mse", scale * l);
            return m;
        }

        @Override public Map<String, Double> evaluate(FieldNetwork net) { return Map.of("psnr", 1.0); }
    }

    private static TrainResult train(FieldNetwork n, ToyTask task, Adam opt, long start, long steps, int evalEvery, TrainListener... ls) {
        return new Trainer<>(n, task, opt, 3).run(start, steps, evalEvery, List.of(ls));
    }

    static FieldNetwork net() {
        return new FieldNetwork(new FieldSpec(2, new EncodingSpec.GaussianFourier(8, 1), NetworkSpec.relu(Parameterization.RWF, 16, 16),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(2, 0, 1), 0), 1);
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test void lossDecreasesAndRunsAreReproducible() {
        FieldNetwork a = net(), b = net();
        TrainResult ra = new Trainer<>(a, new ToyTask(), new Adam(1e-2, 1, 1), 7).run(0, 200, 50, List.of());
        new Trainer<>(b, new ToyTask(), new Adam(1e-2, 1, 1), 7).run(0, 200, 50, List.of());
        double first = ra.history().subList(0, 10).stream().mapToDouble(StepRecord::loss).average().orElseThrow();
        double last = ra.history().subList(190, 200).stream().mapToDouble(StepRecord::loss).average().orElseThrow();
        assertTrue(last < first / 5, first + " -> " + last);
        assertEquals(a.params(), b.params());
        assertEquals(4, ra.history().stream().filter(r -> !r.metrics().isEmpty()).count());
    }

    @Test void oneStepOnItsOwnIsTheStepOfTheLoop() {
        FieldNetwork a = net(), b = net();
        Trainer<ToyTask.Points> t = new Trainer<>(a, new ToyTask(), new Adam(1e-2, 1, 1), 3);
        for (long s = 0; s < 5; s++) assertTrue(t.step(s).get("mse") > 0);
        train(b, new ToyTask(), new Adam(1e-2, 1, 1), 0, 5, 1000);
        assertEquals(a.params(), b.params());
    }

    @Test void resumedRunEndsBitIdenticalToUninterruptedRun() {
        Path ck = dir.resolve("run.ckpt");
        FieldNetwork full = net();
        train(full, new ToyTask(), new Adam(1e-2, 0.5, 50), 0, 120, 1000);
        FieldNetwork part = net();
        train(part, new ToyTask(), new Adam(1e-2, 0.5, 50), 0, 70, 1000, new CheckpointListener(ck, 35));
        FieldNetwork resumed = net();
        Adam opt = new Adam(1e-2, 0.5, 50);
        long start = Checkpoints.load(ck, resumed, opt);
        assertEquals(70, start);
        TrainResult r = train(resumed, new ToyTask(), opt, start, 120, 1000, new CheckpointListener(ck, 35));
        assertEquals(50, r.history().size());
        assertEquals(full.params(), resumed.params());
    }

    /**
     * Coarse-to-fine: a run resumed mid-schedule ends bit-identical to the uninterrupted one (each step sets its own
     * opening), and the schedule changes the result (it is really applied).
     */
    @Test void coarseToFineResumesMidScheduleAndChangesTheFit() {
        CoarseToFine c = new CoarseToFine(0.25, 0.8);
        Path ck = dir.resolve("c2f.ckpt");
        FieldNetwork full = net(), plain = net();
        new Trainer<>(full, new ToyTask(), new Adam(1e-2, 1, 1), 3).coarseToFine(c, 120).run(0, 120, 1000, List.of());
        new Trainer<>(plain, new ToyTask(), new Adam(1e-2, 1, 1), 3).run(0, 120, 1000, List.of());
        FieldNetwork part = net();
        new Trainer<>(part, new ToyTask(), new Adam(1e-2, 1, 1), 3).coarseToFine(c, 120).run(0, 60, 1000, List.of(new CheckpointListener(ck, 30)));
        FieldNetwork resumed = net();
        Adam opt = new Adam(1e-2, 1, 1);
        long start = Checkpoints.load(ck, resumed, opt);
        assertEquals(60, start);
        new Trainer<>(resumed, new ToyTask(), opt, 3).coarseToFine(c, 120).run(start, 120, 1000, List.of());
        assertEquals(full.params(), resumed.params());
        assertNotEquals(plain.params(), full.params());
    }

    @Test void coarseToFineOnAnEncodingWithoutBandsIsRefusedInOneLine() {
        FieldNetwork id = new FieldNetwork(new FieldSpec(2, new EncodingSpec.Identity(), NetworkSpec.relu(Parameterization.RWF, 8),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(2, 0, 1), 0), 1);
        var e = assertThrows(dev.fields.io.UserError.class,
                () -> new Trainer<>(id, new ToyTask(), new Adam(1e-2, 1, 1), 3).coarseToFine(new CoarseToFine(0, 0.5), 10));
        assertTrue(e.getMessage().contains("frequency bands") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test void scheduleOpensFromStartToAllBands() {
        CoarseToFine c = new CoarseToFine(0.25, 0.5);
        assertEquals(4, c.opening(0, 1000, 16), 1e-12);
        assertEquals(10, c.opening(250, 1000, 16), 1e-12);
        assertEquals(16, c.opening(500, 1000, 16), 1e-12);
        assertEquals(16, c.opening(999, 1000, 16), 1e-12);
        assertEquals(new CoarseToFine(0.1, 0.9), CoarseToFine.parse("0.1:0.9"));
        assertNull(CoarseToFine.parse("OFF"));
        for (String bad : new String[]{"0.5", "1:0.5", "0.2:0", "a:b", "0.2:1.5"})
            assertThrows(IllegalArgumentException.class, () -> CoarseToFine.parse(bad), bad);
    }

    @Test void nanStopsWithOneLineAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ck = dir.resolve("nan.ckpt");
        ToyTask task = new ToyTask();
        FieldNetwork n = net();
        Adam opt = new Adam(1e-2, 1, 1);
        train(n, task, opt, 0, 20, 1000, new CheckpointListener(ck, 10));
        byte[] good = Files.readAllBytes(ck);
        task.scale = Double.NaN;
        TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> train(n, task, opt, 20, 40, 1000, new CheckpointListener(ck, 10)));
        assertEquals(21, e.step());
        assertTrue(e.getMessage().contains("diverged at step 21") && e.getMessage().contains("learning rate")
                && e.getMessage().contains("step 20") && e.getMessage().contains(ck.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertArrayEquals(good, Files.readAllBytes(ck));
    }

    @Test void listenersSeeEveryStepInOrderAndTheEnd() {
        List<String> seen = new java.util.ArrayList<>();
        TrainListener l = new TrainListener() {
            @Override public void started(Trainer<?> t, long start, long total) { seen.add("start " + start + "/" + total); }
            @Override public void stepped(Trainer<?> t, StepRecord r) { seen.add(r.step() + (r.metrics().isEmpty() ? "" : "m")); }
            @Override public void finished(Trainer<?> t, TrainResult r) { seen.add("end " + r.steps()); }
        };
        train(net(), new ToyTask(), new Adam(1e-2, 1, 1), 0, 4, 2, l);
        assertEquals(List.of("start 0/4", "1", "2m", "3", "4m", "end 4"), seen);
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
