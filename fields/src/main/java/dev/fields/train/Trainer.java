package dev.fields.train;

import dev.fields.io.UserError;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generic training loop: sample, forward, task loss, backward, optimizer step; metrics every few steps,
 * progress, checkpoints and resume. It knows no task. Randomness of step t comes from (seed, t) only, so a
 * resumed run ends with the same parameters as an uninterrupted one. A non-finite loss or gradient stops the run
 * with a one-line {@link UserError}; the checkpoint on disk is never replaced by bad state.
 */
public final class Trainer {
    private Trainer() {}

    /** Receives the network after each checkpoint (fit commands publish a viewable blob there). */
    @FunctionalInterface
    public interface Snapshot { void at(long step, FieldNetwork net); }

    public static TrainResult run(FieldNetwork net, Task task, Optimizer opt, TrainConfig cfg, PrintStream log) {
        return run(net, task, opt, cfg, log, null);
    }

    public static TrainResult run(FieldNetwork net, Task task, Optimizer opt, TrainConfig cfg, PrintStream log, Snapshot snapshot) {
        long start = 0;
        if (cfg.resume()) {
            if (cfg.checkpoint() == null || !Files.exists(cfg.checkpoint()))
                throw new UserError("--resume: no checkpoint at " + cfg.checkpoint() + " (run once without --resume first)");
            start = Checkpoints.load(cfg.checkpoint(), net, opt);
            if (!cfg.quiet()) log.printf("resuming from %s at step %d%n", cfg.checkpoint(), start);
        }
        long lastGood = start;
        List<StepRecord> history = new ArrayList<>();
        Progress progress = new Progress(cfg.steps(), start, cfg.quiet(), log);
        INDArray gradOut = null;
        long t0 = System.nanoTime();
        for (long step = start; step < cfg.steps(); step++) {
            SplittableRandom rng = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + 1);
            INDArray x = task.sample(step, rng);
            INDArray raw = net.forward(x);
            if (gradOut == null || !java.util.Arrays.equals(gradOut.shape(), raw.shape())) gradOut = Nd4j.createUninitialized(raw.dataType(), raw.shape());
            LinkedHashMap<String, Double> terms = task.loss(raw, gradOut, step);
            double loss = 0;
            for (double v : terms.values()) loss += v;
            if (!Double.isFinite(loss)) diverged(cfg, step, "the loss is " + loss, lastGood);
            net.backward(gradOut);
            double gsum = net.gradient().sumNumber().doubleValue();
            if (!Double.isFinite(gsum)) diverged(cfg, step, "a gradient is not finite", lastGood);
            opt.step(net.params(), net.gradient(), step);
            long done = step + 1;
            Map<String, Double> metrics = Map.of();
            if (done % cfg.evalEvery() == 0 || done == cfg.steps()) {
                metrics = task.evaluate(net);
                for (var e : metrics.entrySet())
                    if (!Double.isFinite(e.getValue())) diverged(cfg, step, "metric " + e.getKey() + " is " + e.getValue(), lastGood);
            }
            history.add(new StepRecord(done, loss, terms, metrics, (System.nanoTime() - t0) / 1e9));
            progress.update(done, loss, metrics);
            if (cfg.checkpoint() != null && cfg.checkpointEvery() > 0 && (done % cfg.checkpointEvery() == 0 || done == cfg.steps())) {
                if (!Double.isFinite(net.params().sumNumber().doubleValue())) diverged(cfg, step, "a parameter is not finite", lastGood);
                Checkpoints.save(cfg.checkpoint(), net, opt, done, cfg.seed());
                lastGood = done;
                if (snapshot != null && done < cfg.steps()) {
                    try {
                        snapshot.at(done, net);
                    } catch (RuntimeException e) { // a live preview must never cost the run
                        if (!cfg.quiet()) log.println("could not publish the live blob at step " + done + ": " + e.getMessage());
                    }
                }
            }
        }
        if (!Double.isFinite(net.params().sumNumber().doubleValue())) diverged(cfg, cfg.steps() - 1, "a parameter is not finite", lastGood);
        return new TrainResult(history, (System.nanoTime() - t0) / 1e9, cfg.steps());
    }

    private static void diverged(TrainConfig cfg, long step, String what, long lastGood) {
        String ck = cfg.checkpoint() != null && Files.exists(cfg.checkpoint())
                ? "; the last good checkpoint (step " + lastGood + ") is kept in " + cfg.checkpoint()
                : "; nothing was written";
        throw new UserError("training diverged at step " + (step + 1) + " (" + what + ")" + ck + " — lower the learning rate (--lr) and run again");
    }
}
