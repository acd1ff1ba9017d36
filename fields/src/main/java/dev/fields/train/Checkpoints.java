package dev.fields.train;

import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.SpecJson;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resumable training state as a weight blob of kind "checkpoint": the flat parameters, the optimizer's state, the
 * step reached and the training history so far (its provenance's {@code config} holds it under {@code "history"}, one
 * column per quantity, so a resumed run reports the whole curve and wall time). Written atomically, so an interrupted
 * write never replaces a good checkpoint.
 */
public final class Checkpoints {
    private static final String HISTORY = "history";

    private Checkpoints() {}

    /** The history as stored: steps, losses, wall seconds and loss terms per step; metrics by the step they were evaluated at. */
    record Columns(double seconds, long[] step, double[] loss, double[] at, Map<String, double[]> terms,
                   Map<String, Map<String, Double>> metrics) {}

    public static void save(Path path, FieldNetwork net, Optimizer opt, long step, long seed) {
        save(path, net, opt, step, seed, TrainResult.none());
    }

    /** Saves the state at {@code step} with the history up to it. */
    public static void save(Path path, FieldNetwork net, Optimizer opt, long step, long seed, TrainResult history) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("params", flat(net.params()));
        opt.state().forEach((k, v) -> t.put(k, flat(v)));
        Provenance p = new Provenance("checkpoint", seed, step, Map.of(), dev.fields.io.ToolVersion.VERSION,
                java.time.Instant.now().toString(), Map.of(HISTORY, columns(history)));
        BlobFormat.write(path, new FieldBlob(FieldBlob.KIND_CHECKPOINT, net.spec(), t, p));
    }

    private static Columns columns(TrainResult r) {
        List<StepRecord> h = r.history();
        int n = h.size();
        long[] step = new long[n];
        double[] loss = new double[n], at = new double[n];
        Map<String, double[]> terms = new LinkedHashMap<>();
        Set<String> names = n == 0 ? Set.of() : h.get(0).terms().keySet();
        boolean sameTerms = h.stream().allMatch(s -> s.terms().keySet().equals(names));
        if (sameTerms) for (String k : names) terms.put(k, new double[n]);
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            StepRecord s = h.get(i);
            step[i] = s.step();
            loss[i] = s.loss();
            at[i] = s.seconds();
            if (sameTerms) for (var e : terms.entrySet()) e.getValue()[i] = s.terms().get(e.getKey());
            if (!s.metrics().isEmpty()) metrics.put(Long.toString(s.step()), s.metrics());
        }
        return new Columns(r.seconds(), step, loss, at, terms, metrics);
    }

    /** The history a checkpoint carries (none for checkpoints written before it carried one). */
    private static TrainResult history(FieldBlob b, Path path) {
        Object h = b.provenance().config().get(HISTORY);
        long reached = b.provenance().steps();
        if (h == null) return new TrainResult(List.of(), 0, reached);
        Columns c;
        try {
            c = SpecJson.MAPPER.convertValue(h, Columns.class);
        } catch (IllegalArgumentException e) {
            throw new UserError("checkpoint " + path + " has a damaged training history (" + e.getMessage().lines().findFirst().orElse("") + ") — start afresh");
        }
        int n = c.step() == null ? 0 : c.step().length;
        if (c.loss() == null || c.at() == null || c.loss().length != n || c.at().length != n || (n > 0 && c.step()[n - 1] != reached))
            throw new UserError("checkpoint " + path + " has a training history that does not end at its step " + reached + " — start afresh");
        List<StepRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Double> terms = new LinkedHashMap<>();
            if (c.terms() != null) for (var e : c.terms().entrySet()) if (e.getValue().length == n) terms.put(e.getKey(), e.getValue()[i]);
            Map<String, Double> m = c.metrics() == null ? null : c.metrics().get(Long.toString(c.step()[i]));
            records.add(new StepRecord(c.step()[i], c.loss()[i], terms, m == null ? Map.of() : m, c.at()[i]));
        }
        return new TrainResult(records, c.seconds(), reached);
    }

    private static Tensor flat(INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return new Tensor(new int[]{v.length}, v);
    }

    /** Loads a checkpoint into the network and optimizer; returns the step it reached. */
    public static long load(Path path, FieldNetwork net, Optimizer opt) { return resume(path, net, opt).steps(); }

    /** Loads a checkpoint into the network and optimizer; returns the history up to the step it reached. */
    public static TrainResult resume(Path path, FieldNetwork net, Optimizer opt) {
        FieldBlob b = BlobFormat.readCheckpoint(path);
        FieldSpec s = net.spec();
        Tensor p = b.tensors().get("params");
        if (!b.spec().equals(s) || p == null || p.data().length != net.parameterCount())
            throw new UserError("checkpoint " + path + " was made with a different configuration (network, encoding or data) — resume with the configuration that wrote it, or start afresh");
        net.params().assign(Nd4j.create(p.data(), new long[]{1, p.data().length}, 'c').castTo(net.dataType()));
        Map<String, INDArray> st = new LinkedHashMap<>();
        b.tensors().forEach((k, v) -> {
            if (!k.equals("params")) st.put(k, Nd4j.create(v.data(), new long[]{1, v.data().length}, 'c').castTo(net.dataType()));
        });
        opt.loadState(st);
        return history(b, path);
    }
}
