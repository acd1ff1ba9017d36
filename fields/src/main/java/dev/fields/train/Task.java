package dev.fields.train;

import dev.fields.nn.FieldNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A training task: sampler, forward model + named loss terms, and metrics. The training loop knows nothing else. */
public interface Task {
    /** Inputs for this step [n, inputDim]; randomness only from rng (derived from seed and step, so --resume reproduces a run). */
    INDArray sample(long step, SplittableRandom rng);

    /** Writes dLoss/dRawOut into gradOut (same shape as rawOut) and returns the named loss terms (total = sum). */
    LinkedHashMap<String, Double> loss(INDArray rawOut, INDArray gradOut, long step);

    /** Periodic metrics, e.g. {"psnr": 27.1}; may be empty. */
    Map<String, Double> evaluate(FieldNetwork net);
}
