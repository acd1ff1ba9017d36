package dev.fields.fit;

import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.NetworkSpec;

/**
 * The whole, resolved description of a fit: what to fit (the task and its data), the field's encoding and network,
 * and the training schedule. A fit is a function of this record (it round-trips through JSON, see {@link FitJson});
 * the same record is stored in the blob's provenance and in {@code metrics.json}, so a run can be repeated from
 * either.
 */
public record FitConfig(TaskConfig task, EncodingSpec encoding, NetworkSpec network, TrainingConfig training) {
    public FitConfig {
        if (task == null) throw new IllegalArgumentException("the configuration has no task");
        if (encoding == null) throw new IllegalArgumentException("the configuration has no encoding");
        if (network == null) throw new IllegalArgumentException("the configuration has no network");
        if (training == null) throw new IllegalArgumentException("the configuration has no training section");
    }

    /** Derived defaults made explicit (decay horizon, evaluation period), so the stored record reruns exactly. */
    public FitConfig resolved() { return new FitConfig(task.resolved(), encoding, network, training.resolved()); }

    public FitConfig withTraining(TrainingConfig t) { return new FitConfig(task, encoding, network, t); }

    public FitConfig withTask(TaskConfig t) { return new FitConfig(t, encoding, network, training); }

    public FitConfig withNetwork(NetworkSpec n) { return new FitConfig(task, encoding, n, training); }

    public FitConfig withEncoding(EncodingSpec e) { return new FitConfig(task, e, network, training); }
}
