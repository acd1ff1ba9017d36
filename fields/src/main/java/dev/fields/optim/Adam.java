package dev.fields.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (beta1 0.9, beta2 0.999, eps 1e-8) with exponential learning-rate decay
 * {@code lr_t = lr · decayRate^(t / decaySteps)}. All moments and scratch are preallocated on first use.
 */
public final class Adam implements Optimizer {
    private static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8;
    private final double lr, decayRate;
    private final long decaySteps;
    private INDArray m, v, tmp;

    public Adam(double lr, double decayRate, long decaySteps) {
        if (!(lr > 0)) throw new IllegalArgumentException("Adam: learning rate must be > 0, got " + lr);
        if (!(decayRate > 0 && decayRate <= 1)) throw new IllegalArgumentException("Adam: learning-rate decay must be in (0, 1], got " + decayRate);
        this.lr = lr;
        this.decayRate = decayRate;
        this.decaySteps = Math.max(1, decaySteps);
    }

    /** Learning rate at a step. */
    public double learningRate(long step) { return lr * Math.pow(decayRate, (double) step / decaySteps); }

    private void alloc(INDArray p) {
        if (m == null) { m = Nd4j.zerosLike(p); v = Nd4j.zerosLike(p); }
        if (tmp == null) tmp = Nd4j.zerosLike(p);
    }

    @Override public void step(INDArray params, INDArray grad, long step) {
        alloc(params);
        long t = step + 1;
        m.muli(B1).addi(tmp.assign(grad).muli(1 - B1));
        v.muli(B2).addi(tmp.assign(grad).muli(grad).muli(1 - B2));
        double bc1 = 1 - Math.pow(B1, t), bc2 = 1 - Math.pow(B2, t);
        tmp.assign(v).divi(bc2);
        Transforms.sqrt(tmp, false).addi(EPS);
        tmp.rdivi(m).muli(learningRate(step) / bc1);
        params.subi(tmp);
    }

    @Override public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        if (m != null) { s.put("adam.m", m); s.put("adam.v", v); }
        return s;
    }

    @Override public void loadState(Map<String, INDArray> s) {
        if (s.containsKey("adam.m")) {
            m = s.get("adam.m").dup();
            v = s.get("adam.v").dup();
        }
    }
}
