package dev.fields.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Plain stochastic gradient descent {@code p -= lr · g} (inner loops of meta-learning). */
public final class Sgd implements Optimizer {
    private final double lr;

    public Sgd(double lr) { this.lr = lr; }

    @Override public void step(INDArray params, INDArray grad, long step) {
        org.nd4j.linalg.factory.Nd4j.getBlasWrapper().level1().axpy(params.length(), -lr, grad, params);
    }

    @Override public Map<String, INDArray> state() { return Map.of(); }

    @Override public void loadState(Map<String, INDArray> s) { }
}
