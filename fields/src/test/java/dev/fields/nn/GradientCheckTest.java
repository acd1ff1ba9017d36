package dev.fields.nn;

import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Head;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written gradients (parameters and inputs) against central finite differences in float64, for every
 * encoding × activation × parameterization and the modified MLP. The loss is a fixed random linear functional
 * of the raw outputs, so dL/dOut is known exactly.
 */
class GradientCheckTest {
    private static final double EPS = 1e-6;

    private static double loss(FieldNetwork net, INDArray x, INDArray r) {
        return net.forward(x).mul(r).sumNumber().doubleValue();
    }

    private static void check(FieldSpec spec, List<String> failures) {
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
        int checked = 0;
        for (int k = 0; k < 60; k++) {
            long i = rnd.nextInt((int) net.parameterCount());
            double orig = p.getDouble(0, i);
            p.putScalar(0, i, orig + EPS);
            double lp = loss(net, x, r);
            p.putScalar(0, i, orig - EPS);
            double lm = loss(net, x, r);
            p.putScalar(0, i, orig);
            double fd = (lp - lm) / (2 * EPS), an = g.getDouble(0, i);
            if (Math.abs(fd - an) > 1e-5 * Math.max(1, Math.abs(fd))) failures.add(Specs.name(spec) + " param " + i + ": fd " + fd + " analytic " + an);
            checked++;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 2; j++) {
                INDArray xp = x.dup(), xm = x.dup();
                xp.putScalar(i, j, x.getDouble(i, j) + EPS);
                xm.putScalar(i, j, x.getDouble(i, j) - EPS);
                double fd = (loss(net, xp, r) - loss(net, xm, r)) / (2 * EPS), an = gx.getDouble(i, j);
                if (Math.abs(fd - an) > 1e-5 * Math.max(1, Math.abs(fd))) failures.add(Specs.name(spec) + " input " + i + "," + j + ": fd " + fd + " analytic " + an);
            }
        assertTrue(checked > 0);
    }

    @Test void everyCombinationMatchesFiniteDifferences() {
        List<String> failures = new ArrayList<>();
        List<FieldSpec> specs = Specs.all(6, Head.IDENTITY);
        for (FieldSpec s : specs) check(s, failures);
        assertTrue(specs.size() >= 3 * 4 * 6, "coverage");
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, e.g. " + failures.subList(0, Math.min(8, failures.size())));
    }
}
