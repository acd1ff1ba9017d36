package dev.fields.fit;

import dev.fields.io.ToolVersion;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Adam;
import dev.fields.train.CheckpointListener;
import dev.fields.train.Checkpoints;
import dev.fields.train.Progress;
import dev.fields.train.Task;
import dev.fields.train.TrainListener;
import dev.fields.train.TrainResult;
import dev.fields.train.Trainer;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every fit the same way: builds the network from the problem's spec (fresh, from an initial blob, or resumed
 * from a checkpoint, whose history the result's curve and seconds then include), trains it with Adam under the
 * session's listeners (progress, checkpoints, live blob), exports the blob with the whole resolved configuration as
 * provenance, parses the saved bytes again, and lets the problem compute its metrics and artifacts from that saved blob
 * only. Writes nothing but what the session asks for while training; the result is returned in memory
 * ({@link FitOutputs} writes it).
 */
public final class FitRunner {
    private FitRunner() {}

    /** Builds the problem from the configuration ({@link Problems}) and runs it. */
    public static FitResult run(FitConfig config, FitSession session) {
        long t0 = System.nanoTime();
        FitConfig c = config.resolved();
        FitProblem p = Problems.create(c, session.log());
        return run(p, c, session, t0);
    }

    /** Runs an already built problem made from {@code config}. */
    public static FitResult run(FitProblem problem, FitConfig config, FitSession session) {
        return run(problem, config.resolved(), session, System.nanoTime());
    }

    private static FitResult run(FitProblem problem, FitConfig c, FitSession s, long t0) {
        PrintStream log = s.log();
        TrainingConfig tc = c.training();
        FieldNetwork net = new FieldNetwork(problem.spec(), tc.seed());
        if (s.init() != null) net.initFrom(s.init());
        Adam opt = adam(tc, net);
        TrainResult before = s.resume() ? Checkpoints.resume(s.checkpoint(), net, opt) : TrainResult.none();
        long start = before.steps();
        if (log != null) log.println(problem.describe(net.parameterCount(), tc.steps()));
        Map<String, Object> cfg = FitJson.toMap(c);
        List<TrainListener> listeners = new ArrayList<>();
        if (log != null) listeners.add(new Progress(log));
        if (s.checkpoint() != null) listeners.add(new CheckpointListener(s.checkpoint(), s.checkpointEvery(), before));
        if (s.live() != null)
            listeners.add(new LiveBlob(s.live(), s.checkpointEvery(),
                    (n, step) -> problem.live(n.export(provenance(problem.task(), tc.seed(), step, Map.of(), cfg))), log));
        listeners.addAll(s.listeners());
        Task<?> task = problem.newTask();
        TrainResult tr = new Trainer<>(net, task, opt, tc.seed()).coarseToFine(tc.coarseToFine(), tc.steps())
                .run(start, tc.steps(), tc.evalEvery(), listeners).after(before);

        FieldBlob saved = roundTrip(net.export(provenance(problem.task(), tc.seed(), tr.steps(), Map.of(), cfg)));
        Evaluation ev = problem.evaluate(saved, log);
        FieldBlob fin = new FieldBlob(saved.kind(), ev.spec(), saved.tensors(), provenance(problem.task(), tc.seed(), tr.steps(), ev.metrics(), cfg));
        byte[] bytes = BlobFormat.toBytes(fin);
        return new FitResult(problem.task(), c.task().name(), c, bytes, new LinkedHashMap<>(ev.metrics()),
                ev.details(), tr, ev.artifacts(), ev.references(), (System.nanoTime() - t0) / 1e9 + before.seconds());
    }

    /**
     * Adam at the configured rate for everything; hash-grid tables with beta2 0.99 and eps 1e-15 (Müller et al. 2022,
     * §4); the configured weight decay on the dense layers' weight matrices only.
     */
    public static Adam adam(TrainingConfig tc, FieldNetwork net) {
        List<Adam.Segment> seg = new ArrayList<>();
        if (net.tableValues() > 0) seg.add(new Adam.Segment(0, net.tableValues(), 0.9, 0.99, 1e-15, 0));
        if (tc.weightDecay() > 0) for (long[] r : net.weightRanges()) seg.add(Adam.Segment.decayed(r[0], r[1], tc.weightDecay()));
        return new Adam(tc.lr(), tc.lrDecay(), tc.lrDecaySteps(), seg);
    }

    /** Serializes and parses the blob again, so everything evaluated afterwards comes from the saved bytes. */
    static FieldBlob roundTrip(FieldBlob blob) {
        return BlobFormat.fromBytes(BlobFormat.toBytes(blob), "the trained field");
    }

    static Provenance provenance(String task, long seed, long steps, Map<String, Double> metrics, Map<String, Object> config) {
        return new Provenance(task, seed, steps, metrics, ToolVersion.VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), config);
    }
}
