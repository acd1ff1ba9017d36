package dev.fields.train;

import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generic training loop: sample, forward (through the heads), task loss, backward, optimizer step. It knows no
 * task. {@link #step} is one step on its own (inner loops of meta-learning call it directly); {@link #run} adds
 * periodic metrics and listeners. Randomness of step t comes from (seed, t) only, so a resumed run ends with the same
 * parameters as an uninterrupted one. A non-finite loss, gradient, metric or parameter throws
 * {@link TrainingDiverged} before any listener sees bad state.
 *
 * @param <B> the task's batch type
 */
public final class Trainer<B extends Task.Batch> {
    private final FieldNetwork net;
    private final Task<B> task;
    private final Optimizer opt;
    private final long seed;
    private INDArray grad;
    private List<TrainListener> listeners = List.of();
    private CoarseToFine bands; // null: every band of the encoding is on throughout
    private long bandSteps;

    public Trainer(FieldNetwork net, Task<B> task, Optimizer opt, long seed) {
        this.net = net;
        this.task = task;
        this.opt = opt;
        this.seed = seed;
    }

    /**
     * Opens the encoding's frequency bands by {@code schedule} over a run of {@code steps} steps (null: all on); each
     * step sets the opening of its own index before sampling, so a resumed run sees the same schedule.
     */
    public Trainer<B> coarseToFine(CoarseToFine schedule, long steps) {
        if (schedule != null && net.bands() == 0)
            throw new dev.fields.io.UserError("coarse-to-fine training needs an encoding with frequency bands (positional, Fourier features or a hash grid), not "
                    + net.spec().encoding() + " — choose another encoding or leave coarse-to-fine off");
        this.bands = schedule;
        this.bandSteps = steps;
        return this;
    }

    public FieldNetwork network() { return net; }

    public Optimizer optimizer() { return opt; }

    public long seed() { return seed; }

    /** The random stream of a step: a function of (seed, step) only. */
    public static SplittableRandom random(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + 1);
    }

    /** One optimizer step at 0-based index {@code step}; returns the named loss terms. */
    public LinkedHashMap<String, Double> step(long step) {
        if (bands != null) net.openBands(bands.opening(step, bandSteps, net.bands()));
        B batch = task.sample(step, random(seed, step), net);
        INDArray out = net.forward(batch.inputs());
        if (grad == null || !Arrays.equals(grad.shape(), out.shape())) grad = Nd4j.createUninitialized(out.dataType(), out.shape());
        LinkedHashMap<String, Double> terms = task.loss(batch, net.outputs(), grad);
        double loss = total(terms);
        if (!Double.isFinite(loss)) diverged(step, "the loss is " + loss);
        net.backward(grad);
        if (!Double.isFinite(net.gradient().sumNumber().doubleValue())) diverged(step, "a gradient is not finite");
        opt.step(net.params(), net.gradient(), step);
        return terms;
    }

    static double total(Map<String, Double> terms) {
        double s = 0;
        for (double v : terms.values()) s += v;
        return s;
    }

    /**
     * Steps {@code start .. steps-1}, metrics every {@code evalEvery} steps and at the end, each listener told of
     * every step.
     */
    public TrainResult run(long start, long steps, int evalEvery, List<TrainListener> listeners) {
        this.listeners = List.copyOf(listeners);
        List<StepRecord> history = new ArrayList<>();
        long t0 = System.nanoTime();
        if (bands != null) net.openBands(bands.opening(Math.max(0, start - 1), bandSteps, net.bands())); // as the last step left it
        for (TrainListener l : this.listeners) l.started(this, start, steps);
        long last = steps;
        for (long step = start; step < steps; step++) {
            LinkedHashMap<String, Double> terms = step(step);
            Map<String, Double> monitors = task.monitors();
            long done = step + 1;
            Map<String, Double> metrics = Map.of();
            if (done % evalEvery == 0 || done == steps) {
                metrics = task.evaluate(net);
                for (var e : metrics.entrySet())
                    if (!Double.isFinite(e.getValue())) diverged(step, "metric " + e.getKey() + " is " + e.getValue());
                if (!Double.isFinite(net.params().sumNumber().doubleValue())) diverged(step, "a parameter is not finite");
            }
            StepRecord r = new StepRecord(done, total(terms), terms, metrics, (System.nanoTime() - t0) / 1e9, monitors);
            history.add(r);
            for (TrainListener l : this.listeners) l.stepped(this, r);
            if (this.listeners.stream().anyMatch(l -> l.stopAfter(r))) { last = done; break; }
        }
        if (!Double.isFinite(net.params().sumNumber().doubleValue())) diverged(last - 1, "a parameter is not finite");
        TrainResult result = new TrainResult(history, (System.nanoTime() - t0) / 1e9, last);
        for (TrainListener l : this.listeners) l.finished(this, result);
        return result;
    }

    /** Checks the parameters before a listener persists them (checkpoints never hold bad state). */
    public void requireFiniteParameters(long step) {
        if (!Double.isFinite(net.params().sumNumber().doubleValue())) diverged(step - 1, "a parameter is not finite");
    }

    private void diverged(long step, String what) {
        StringBuilder notes = new StringBuilder();
        for (TrainListener l : listeners) {
            String n = l.onDivergence();
            if (n != null) notes.append("; ").append(n);
        }
        if (notes.length() == 0) notes.append("; nothing was saved");
        throw new TrainingDiverged(step + 1, what, notes.toString());
    }
}
