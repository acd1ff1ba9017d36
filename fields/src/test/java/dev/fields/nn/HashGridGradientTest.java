package dev.fields.nn;

import dev.fields.io.spec.Channel;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.HashGridLayout;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;
import dev.fields.io.spec.Parameterization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hash grid's hand-written gradients against central finite differences in float64: every table value a batch
 * touches (and a sample of untouched ones, which must get exactly 0), the MLP parameters and the inputs, in 2-D and
 * 3-D, with grids that have both dense and hashed levels.
 */
class HashGridGradientTest {
    private static final double EPS = 1e-6, TOLERANCE = 1e-6;

    private static double loss(FieldNetwork net, INDArray x, INDArray r) { return net.forward(x).mul(r).sumNumber().doubleValue(); }

    @ParameterizedTest(name = "{0}-D, {1} levels, 2^{2} entries")
    @CsvSource({"2, 4, 6, 2, 16", "3, 3, 7, 2, 9", "2, 1, 10, 5, 5"})
    void gradientsMatchFiniteDifferences(int d, int levels, int log2, int nmin, int nmax) {
        EncodingSpec.HashGrid h = new EncodingSpec.HashGrid(levels, 2, log2, nmin, nmax);
        HashGridLayout g = HashGridLayout.of(h, d);
        boolean anyDense = false, anyHashed = false;
        for (int l = 0; l < g.levels(); l++) { anyDense |= g.dense(l); anyHashed |= !g.dense(l); }
        assertTrue(anyDense && (anyHashed || levels == 1), "the grid under test has dense and hashed levels");
        FieldSpec spec = new FieldSpec(d, h, NetworkSpec.relu(Parameterization.RWF, 8),
                List.of(new Output(Channel.IMAGE, 2, Head.SIGMOID)), Frame.box(d, -1, 1), 0);
        FieldNetwork net = new FieldNetwork(spec, 3, DataType.DOUBLE);
        assertEquals(g.values(), net.tableValues());
        // tables of the size training reaches (the U(-1e-4, 1e-4) init would make the table gradients tiny)
        net.params().addi(Nd4j.rand(DataType.DOUBLE, 1, net.parameterCount()).subi(0.5).muli(0.6));
        int n = 6;
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, d).muli(1.8).subi(0.9);
        INDArray r = Nd4j.rand(DataType.DOUBLE, n, 2).subi(0.5);
        net.forward(x);
        net.backward(r);
        INDArray grad = net.gradient().dup(), gx = net.inputGradient().dup();
        INDArray p = net.params();
        double worst = 0, norm = 0;
        int touched = 0, zero = 0;
        Random rnd = new Random(1);
        for (int i = 0; i < net.parameterCount(); i++) {
            boolean table = i < g.values();
            if (!table && rnd.nextInt(3) != 0) continue;
            double an = grad.getDouble(0, i);
            if (table && an == 0 && rnd.nextInt(8) != 0) continue; // a sample of the untouched entries
            double o = p.getDouble(0, i);
            p.putScalar(0, i, o + EPS);
            double lp = loss(net, x, r);
            p.putScalar(0, i, o - EPS);
            double lm = loss(net, x, r);
            p.putScalar(0, i, o);
            double fd = (lp - lm) / (2 * EPS);
            if (table && an == 0) { assertEquals(0, fd, 1e-9, "untouched table value " + i); zero++; continue; }
            if (table) touched++;
            worst = Math.max(worst, Math.abs(fd - an) / Math.max(1, Math.abs(fd)));
            norm += fd * fd;
        }
        // n points touch up to n · 2^d entries per level, each with F values
        assertTrue(touched >= levels * 2 * 4, "touched table values checked: " + touched);
        assertTrue(zero > 0 || g.values() <= touched, "untouched values checked: " + zero);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) {
                INDArray xp = x.dup(), xm = x.dup();
                xp.putScalar(i, k, x.getDouble(i, k) + EPS);
                xm.putScalar(i, k, x.getDouble(i, k) - EPS);
                double fd = (loss(net, xp, r) - loss(net, xm, r)) / (2 * EPS);
                worst = Math.max(worst, Math.abs(fd - gx.getDouble(i, k)) / Math.max(1, Math.abs(fd)));
                norm += fd * fd;
            }
        assertTrue(Math.sqrt(norm) > 1e-3, "finite-difference gradient norm " + Math.sqrt(norm));
        assertTrue(worst < TOLERANCE, "max relative error " + worst);
    }
}
