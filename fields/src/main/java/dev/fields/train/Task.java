package dev.fields.train;

import dev.fields.nn.FieldNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A training task: a sampler, a loss on the network's outputs and periodic metrics. The training loop knows nothing
 * else. The batch a step samples is handed back to its loss, so a task keeps no hidden state between the two.
 *
 * @param <B> what one step trains on
 */
public interface Task<B extends Task.Batch> {
    /** One step's data: the network inputs [n, inputDim] and whatever the loss needs (targets, ray layout, ...). */
    interface Batch {
        INDArray inputs();
    }

    /**
     * The batch of {@code step}. Randomness comes from {@code rng} only (derived from seed and step, so a resumed run
     * reproduces an uninterrupted one). The sampler may evaluate the current {@code field} (occupancy-driven
     * sampling) but must not change its parameters.
     */
    B sample(long step, SplittableRandom rng, FieldNetwork field);

    /**
     * Named loss terms of {@code batch} (the total is their sum). {@code out} holds the network's outputs after the
     * heads its spec declares (and the raw values before them, for numerically stable losses); the task writes
     * dLoss/d(outputs after heads) into {@code grad} (same shape) and the network back-propagates its own heads.
     */
    LinkedHashMap<String, Double> loss(B batch, FieldNetwork.Outputs out, INDArray grad);

    /**
     * Values of the last {@link #loss} worth showing every step that are not loss terms (e.g. the batch's PSNR):
     * shown in the progress line and drawn in the training curves, never summed into the loss. Default: none.
     */
    default Map<String, Double> monitors() { return Map.of(); }

    /** Periodic metrics, e.g. {"psnr": 27.1}; may be empty. */
    Map<String, Double> evaluate(FieldNetwork net);
}
