package dev.fields.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Updates a flat parameter buffer in place from a flat gradient of the same layout. */
public interface Optimizer {
    /** One update; {@code step} counts from 0 (used for bias correction and learning-rate schedules). */
    void step(INDArray params, INDArray grad, long step);

    /** State tensors to checkpoint (name → array, same layout as the parameters). */
    Map<String, INDArray> state();

    /** Restores state written by {@link #state()}. */
    void loadState(Map<String, INDArray> s);
}
