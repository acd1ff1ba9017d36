package dev.fields.task.image;

import dev.fields.io.image.FloatImage;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;
import dev.fields.io.spec.Parameterization;
import dev.fields.nn.FieldNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image task's MSE on the sigmoid head, back-propagated through the network's own head, against central finite
 * differences of the whole loss in every parameter sampled (float64 network).
 */
class ImageTaskLossTest {
    @Test void sigmoidMseGradientMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        FloatImage img = FloatImage.blank(6, 5, 3);
        for (int i = 0; i < img.data().length; i++) img.data()[i] = (float) r.nextDouble();
        ImageTask.ImageSamples all = ImageTask.ImageSamples.of(img, 6, 5, 0, 1);
        ImageTask task = new ImageTask(all, all, 0);
        FieldSpec spec = new FieldSpec(2, new EncodingSpec.GaussianFourier(4, 2), NetworkSpec.relu(Parameterization.RWF, 8, 8),
                List.of(new Output(Channel.IMAGE, 3, Head.SIGMOID)), Frame.box(2, 0, 1), 0);
        FieldNetwork net = new FieldNetwork(spec, 5, DataType.DOUBLE);
        net.params().muli(3); // larger weights: outputs spread over the sigmoid, not all near 0.5
        ImageTask.Pixels b = task.sample(0, r, net);
        INDArray x = b.inputs().castTo(DataType.DOUBLE);
        ImageTask.Pixels px = new ImageTask.Pixels(x, b.targets());
        INDArray grad = Nd4j.create(DataType.DOUBLE, 30, 3);
        net.forward(x);
        double l0 = task.loss(px, net.outputs(), grad).get("mse");
        assertTrue(l0 > 0.01, "a loss worth differentiating: " + l0);
        net.backward(grad);
        INDArray g = net.gradient().dup();
        INDArray p = net.params();
        double eps = 1e-6;
        int checked = 0;
        double worst = 0;
        for (long i = 0; i < net.parameterCount(); i += 7) {
            double v = p.getDouble(0, i);
            p.putScalar(0, i, v + eps);
            net.forward(x);
            double lp = task.loss(px, net.outputs(), Nd4j.create(DataType.DOUBLE, 30, 3)).get("mse");
            p.putScalar(0, i, v - eps);
            net.forward(x);
            double lm = task.loss(px, net.outputs(), Nd4j.create(DataType.DOUBLE, 30, 3)).get("mse");
            p.putScalar(0, i, v);
            double fd = (lp - lm) / (2 * eps), an = g.getDouble(0, i);
            worst = Math.max(worst, Math.abs(fd - an) / Math.max(1e-4, Math.abs(fd)));
            checked++;
        }
        assertEquals((net.parameterCount() + 6) / 7, checked);
        assertTrue(worst < 1e-5, "worst relative error " + worst);
    }
}
