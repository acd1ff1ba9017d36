package dev.fields.nn;

import dev.fields.io.spec.Activation;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.Parameterization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written gradients (parameters and inputs) against central finite differences in float64, for every
 * encoding × activation × parameterization and the modified MLP, and through every output head (the network
 * differentiates its own heads). The loss is a fixed random linear functional of the outputs after the heads, so
 * dL/dOut is known exactly.
 */
class GradientCheckTest {
    private static final double EPS = 1e-6;
    /** Parameters compared per spec (distinct, drawn at random). */
    private static final int PARAMS = 60;
    /** |fd - analytic| / max(1, |fd|) in float64 with central differences of step EPS. */
    private static final double TOLERANCE = 1e-5;

    private static double loss(FieldNetwork net, INDArray x, INDArray r) {
        return net.forward(x).mul(r).sumNumber().doubleValue();
    }

    /** What one spec's check covered: how many entries, the worst relative error, the size of the gradient. */
    private record Checked(String spec, int params, int inputs, double maxRelError, double fdNorm) {}

    private static double relError(double fd, double an) { return Math.abs(fd - an) / Math.max(1, Math.abs(fd)); }

    private static Checked check(FieldSpec spec) {
        FieldNetwork net = new FieldNetwork(spec, 11, DataType.DOUBLE);
        Random rnd = new Random(5);
        // move away from the initial point so adaptive slopes, RWF scales etc. are generic
        net.params().addi(Nd4j.rand(DataType.DOUBLE, 1, net.parameterCount()).subi(0.5).muli(0.2));
        int n = 5;
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, 2);
        INDArray r = Nd4j.rand(DataType.DOUBLE, n, spec.outputDim()).subi(0.5);
        net.forward(x);
        net.backward(r);
        INDArray g = net.gradient().dup();
        INDArray gx = net.inputGradient().dup();
        INDArray p = net.params();
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < Math.min(PARAMS, net.parameterCount())) picked.add(rnd.nextInt((int) net.parameterCount()));
        int params = 0, inputs = 0;
        double worst = 0, fdSq = 0;
        for (int i : picked) {
            double orig = p.getDouble(0, i);
            p.putScalar(0, i, orig + EPS);
            double lp = loss(net, x, r);
            p.putScalar(0, i, orig - EPS);
            double lm = loss(net, x, r);
            p.putScalar(0, i, orig);
            double fd = (lp - lm) / (2 * EPS);
            worst = Math.max(worst, relError(fd, g.getDouble(0, i)));
            fdSq += fd * fd;
            params++;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 2; j++) {
                INDArray xp = x.dup(), xm = x.dup();
                xp.putScalar(i, j, x.getDouble(i, j) + EPS);
                xm.putScalar(i, j, x.getDouble(i, j) - EPS);
                double fd = (loss(net, xp, r) - loss(net, xm, r)) / (2 * EPS);
                worst = Math.max(worst, relError(fd, gx.getDouble(i, j)));
                fdSq += fd * fd;
                inputs++;
            }
        return new Checked(Specs.name(spec), params, inputs, worst, Math.sqrt(fdSq));
    }

    @Test void everyCombinationMatchesFiniteDifferences() {
        List<FieldSpec> specs = Specs.all(6, Head.IDENTITY);
        assertEquals(Specs.encodings().size() * Parameterization.values().length * (Activation.values().length + 2), specs.size(), "coverage");
        List<String> failures = new ArrayList<>();
        for (FieldSpec s : specs) {
            Checked c = check(s);
            // every spec has more than PARAMS parameters, so exactly PARAMS distinct ones and all 5x2 inputs were compared
            assertEquals(PARAMS, c.params(), c.spec());
            assertEquals(10, c.inputs(), c.spec());
            // a zero or missing gradient cannot pass: the loss really depends on what was checked
            assertTrue(c.fdNorm() > 1e-3, c.spec() + ": finite-difference gradient norm " + c.fdNorm());
            if (!(c.maxRelError() < TOLERANCE)) failures.add(c.spec() + " max relative error " + c.maxRelError());
        }
        assertEquals(List.of(), failures, "relative error bound " + TOLERANCE);
    }

    @Test void everyHeadIsBackPropagatedByTheNetwork() {
        List<String> failures = new ArrayList<>();
        for (Head h : Head.values()) {
            FieldSpec s = new FieldSpec(2, new dev.fields.io.spec.EncodingSpec.GaussianFourier(4, 1),
                    dev.fields.io.spec.NetworkSpec.relu(Parameterization.RWF, 8, 8),
                    List.of(new dev.fields.io.spec.Output(dev.fields.io.spec.Channel.DENSITY, 1, h),
                            new dev.fields.io.spec.Output(dev.fields.io.spec.Channel.RGB, 3, h == Head.IDENTITY ? Head.SIGMOID : Head.IDENTITY)),
                    dev.fields.io.spec.Frame.box(2, 0, 1), 0);
            Checked c = check(s);
            assertEquals(PARAMS, c.params(), c.spec());
            assertTrue(c.fdNorm() > 1e-3, h + ": finite-difference gradient norm " + c.fdNorm());
            if (!(c.maxRelError() < TOLERANCE)) failures.add(h + " max relative error " + c.maxRelError());
        }
        assertEquals(List.of(), failures, "relative error bound " + TOLERANCE);
    }
}
