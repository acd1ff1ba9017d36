package dev.fields.nn;

import dev.fields.io.spec.*;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused CPU kernel against the ND4J path in float32, on the same initial parameters: outputs, parameter gradients
 * and input gradients agree to float rounding for every parameterization × ReLU/sine/softplus × identity/positional/Fourier
 * encoding, and for 2-D and 3-D hash grids (dense and hashed levels, points outside the box) with plain and RWF
 * layers, with several tiles and a partial last tile, and through non-identity heads; after a few Adam steps the
 * parameters still agree (ReLU, and softplus with every parameterization); batch inference of a hash-grid field agrees
 * across its chunks.
 */
class FusedParityTest {
    /** max |a - b| / max |b|: the differences are rounding of sums of hundreds of float32 products. */
    private static final double TOLERANCE = 2e-5;

    private static double relDiff(INDArray a, INDArray b) {
        double scale = Math.max(1e-30, b.amaxNumber().doubleValue());
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }

    private static List<FieldSpec> specs() {
        List<FieldSpec> s = new ArrayList<>();
        List<EncodingSpec> enc = List.of(new EncodingSpec.Identity(), new EncodingSpec.Positional(3, true), new EncodingSpec.GaussianFourier(16, 2.0));
        for (EncodingSpec e : enc)
            for (Parameterization p : Parameterization.values())
                for (Activation a : List.of(Activation.RELU, Activation.SINE, Activation.SOFTPLUS)) {
                    NetworkSpec n = new NetworkSpec(NetworkSpec.Type.MLP, List.of(24, 13), a, p, a == Activation.SINE ? 10.0 : 1.0, 1.0, 1.0, 0.1);
                    s.add(new FieldSpec(2, e, n, List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY)), Frame.box(2, 0, 1), 0));
                }
        return s;
    }

    private record Pass(INDArray out, INDArray grad, INDArray dx) {}

    private static Pass pass(FieldNetwork net, INDArray x, INDArray r) {
        INDArray out = net.forward(x).dup();
        net.backward(r);
        return new Pass(out, net.gradient().dup(), net.inputGradient().dup());
    }

    @Test void fusedMatchesNd4jForEverySupportedCombination() {
        int n = 1000; // seven full tiles and a partial one, split over the threads
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 2);
        INDArray r = Nd4j.rand(DataType.FLOAT, n, 3).subi(0.5);
        List<String> failures = new ArrayList<>();
        for (FieldSpec s : specs()) {
            FieldNetwork ref = new FieldNetwork(s, 3, DataType.FLOAT, Backend.ND4J), fused = new FieldNetwork(s, 3, DataType.FLOAT, Backend.FUSED);
            assertEquals(Backend.FUSED, fused.backend());
            INDArray shift = Nd4j.rand(DataType.FLOAT, 1, ref.parameterCount()).subi(0.5).muli(0.2); // generic scales and slopes
            ref.params().addi(shift);
            fused.params().addi(shift);
            assertEquals(0.0, relDiff(fused.params(), ref.params()), "same parameters before the pass");
            Pass a = pass(ref, x, r), b = pass(fused, x, r);
            assertTrue(a.grad().norm2Number().doubleValue() > 1e-3, "a real gradient");
            double eo = relDiff(b.out(), a.out()), eg = relDiff(b.grad(), a.grad()), ex = relDiff(b.dx(), a.dx());
            if (!(eo < TOLERANCE && eg < TOLERANCE && ex < TOLERANCE))
                failures.add(Specs.name(s) + " outputs " + eo + " gradient " + eg + " input gradient " + ex);
        }
        assertEquals(List.of(), failures);
    }

    @Test void headsAndTrainingStepsAgree() {
        FieldSpec s = new FieldSpec(2, new EncodingSpec.GaussianFourier(32, 5.0), NetworkSpec.relu(Parameterization.RWF, 40, 40),
                List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(2, 0, 1), 0);
        FieldNetwork ref = new FieldNetwork(s, 9, DataType.FLOAT, Backend.ND4J), fused = new FieldNetwork(s, 9, DataType.FLOAT, Backend.FUSED);
        dev.fields.optim.Adam oa = new dev.fields.optim.Adam(1e-3, 1, 1), ob = new dev.fields.optim.Adam(1e-3, 1, 1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 700, 2), y = Nd4j.rand(DataType.FLOAT, 700, 4);
        fiveSteps(ref, oa, x, y);
        fiveSteps(fused, ob, x, y);
        assertTrue(relDiff(fused.forward(x), ref.forward(x)) < 1e-4, "outputs after five Adam steps");
        assertTrue(relDiff(fused.params(), ref.params()) < 1e-4, "parameters after five Adam steps");
        assertTrue(relDiff(ref.params(), new FieldNetwork(s, 9, DataType.FLOAT, Backend.ND4J).params()) > 1e-4, "the steps moved the parameters");
    }

    @Test void softplusTrainingStepsAgreeForEveryParameterization() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 700, 2), y = Nd4j.rand(DataType.FLOAT, 700, 4);
        List<String> failures = new ArrayList<>();
        for (Parameterization p : Parameterization.values()) {
            NetworkSpec n = new NetworkSpec(NetworkSpec.Type.MLP, List.of(40, 40), Activation.SOFTPLUS, p, 1.0, 1.0, 1.0, 0.1);
            FieldSpec s = new FieldSpec(2, new EncodingSpec.GaussianFourier(32, 5.0), n,
                    List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(2, 0, 1), 0);
            FieldNetwork ref = new FieldNetwork(s, 9, DataType.FLOAT, Backend.ND4J), fused = new FieldNetwork(s, 9, DataType.FLOAT, Backend.AUTO);
            assertEquals(Backend.FUSED, fused.backend(), "AUTO runs a narrow softplus MLP on the fused kernel");
            dev.fields.optim.Adam oa = new dev.fields.optim.Adam(1e-3, 1, 1), ob = new dev.fields.optim.Adam(1e-3, 1, 1);
            double before = relDiff(fused.forward(x), ref.forward(x));
            fiveSteps(ref, oa, x, y);
            fiveSteps(fused, ob, x, y);
            double eo = relDiff(fused.forward(x), ref.forward(x)), ep = relDiff(fused.params(), ref.params());
            double moved = relDiff(ref.params(), new FieldNetwork(s, 9, DataType.FLOAT, Backend.ND4J).params());
            assertTrue(moved > 1e-4, p + ": the steps moved the parameters (" + moved + ")");
            if (!(before < TOLERANCE && eo < 1e-4 && ep < 1e-4)) failures.add(p + ": outputs before " + before + ", after five steps " + eo + ", parameters " + ep);
        }
        assertEquals(List.of(), failures);
    }

    /** Five Adam steps on the MSE of outputs against y (700 × 4 values). */
    private static void fiveSteps(FieldNetwork net, dev.fields.optim.Adam opt, INDArray x, INDArray y) {
        for (int step = 0; step < 5; step++) {
            net.backward(net.forward(x).sub(y).muli(2.0 / 2800));
            opt.step(net.params(), net.gradient(), step);
        }
    }

    /** 2-D: 4 levels N 2..16 in 2^6 entries (two dense, two hashed); 3-D: 3 levels N 2..9 in 2^7 (two dense, one hashed). */
    private static EncodingSpec.HashGrid grid(int d) {
        return d == 2 ? new EncodingSpec.HashGrid(4, 2, 6, 2, 16) : new EncodingSpec.HashGrid(3, 2, 7, 2, 9);
    }

    private static FieldSpec hashSpec(int d, Parameterization p, Activation a, List<Output> outputs) {
        NetworkSpec n = new NetworkSpec(NetworkSpec.Type.MLP, List.of(24, 13), a, p, a == Activation.SINE ? 10.0 : 1.0, 1.0, 1.0, 0.1);
        return new FieldSpec(d, grid(d), n, outputs, Frame.box(d, -1, 1), 0);
    }

    /** Points in [-1.2, 1.2]^d: some outside the box [-1, 1], where the grid clamps. */
    private static INDArray gridPoints(int n, int d) { return Nd4j.rand(DataType.FLOAT, n, d).muli(2.4).subi(1.2); }

    @Test void hashGridMatchesNd4j() {
        int n = 1000;
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (int d : new int[]{2, 3})
            for (Parameterization p : List.of(Parameterization.PLAIN, Parameterization.RWF))
                for (Activation a : List.of(Activation.RELU, Activation.SINE, Activation.SOFTPLUS))
                    for (boolean heads : new boolean[]{false, true}) {
                        List<Output> outs = heads ? List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 3, Head.SIGMOID))
                                : List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY));
                        FieldSpec s = hashSpec(d, p, a, outs);
                        HashGridLayout layout = HashGridLayout.of(grid(d), d);
                        boolean anyDense = false, anyHashed = false;
                        for (int l = 0; l < layout.levels(); l++) { anyDense |= layout.dense(l); anyHashed |= !layout.dense(l); }
                        assertTrue(anyDense && anyHashed, "dense and hashed levels");
                        FieldNetwork ref = new FieldNetwork(s, 3, DataType.FLOAT, Backend.ND4J), fused = new FieldNetwork(s, 3, DataType.FLOAT, Backend.FUSED);
                        assertEquals(Backend.FUSED, fused.backend());
                        INDArray shift = Nd4j.rand(DataType.FLOAT, 1, ref.parameterCount()).subi(0.5).muli(0.6); // tables of a trained size
                        ref.params().addi(shift);
                        fused.params().addi(shift);
                        INDArray x = gridPoints(n, d), r = Nd4j.rand(DataType.FLOAT, n, s.outputDim()).subi(0.5);
                        Pass pa = pass(ref, x, r), pb = pass(fused, x, r);
                        long tv = ref.tableValues();
                        INDArray ta = pa.grad().get(NDArrayIndex.point(0), NDArrayIndex.interval(0, tv));
                        INDArray tb = pb.grad().get(NDArrayIndex.point(0), NDArrayIndex.interval(0, tv));
                        assertTrue(ta.norm2Number().doubleValue() > 1e-2, "a real table gradient");
                        assertTrue(pa.dx().norm2Number().doubleValue() > 1e-2, "a real input gradient");
                        double eo = relDiff(pb.out(), pa.out()), eg = relDiff(pb.grad(), pa.grad()), et = relDiff(tb, ta), ex = relDiff(pb.dx(), pa.dx());
                        if (!(eo < TOLERANCE && eg < TOLERANCE && et < TOLERANCE && ex < TOLERANCE))
                            failures.add(d + "-D " + p + " " + a + (heads ? " heads" : "") + ": outputs " + eo + " gradient " + eg + " tables " + et + " input gradient " + ex);
                        float[] xs = x.dup('c').data().asFloat();
                        INDArray pr = Nd4j.create(fused.predict(xs, n), new long[]{n, s.outputDim()}, 'c');
                        double ep = relDiff(pr, Nd4j.create(ref.predict(xs, n), new long[]{n, s.outputDim()}, 'c'));
                        if (!(ep < TOLERANCE)) failures.add(d + "-D " + p + " " + a + ": predict " + ep);
                        checked++;
                    }
        assertEquals(24, checked);
        assertEquals(List.of(), failures);
    }

    @Test void hashGridTrainingStepsAgree() {
        FieldSpec s = hashSpec(3, Parameterization.RWF, Activation.RELU,
                List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 3, Head.SIGMOID)));
        FieldNetwork ref = new FieldNetwork(s, 9, DataType.FLOAT, Backend.ND4J), fused = new FieldNetwork(s, 9, DataType.FLOAT, Backend.FUSED);
        List<dev.fields.optim.Adam.Segment> seg = List.of(new dev.fields.optim.Adam.Segment(0, ref.tableValues(), 0.9, 0.99, 1e-15, 0));
        dev.fields.optim.Adam oa = new dev.fields.optim.Adam(1e-3, 1, 1, seg), ob = new dev.fields.optim.Adam(1e-3, 1, 1, seg);
        INDArray x = gridPoints(700, 3), y = Nd4j.rand(DataType.FLOAT, 700, 4);
        fiveSteps(ref, oa, x, y);
        fiveSteps(fused, ob, x, y);
        assertTrue(relDiff(fused.forward(x), ref.forward(x)) < 1e-4, "outputs after five Adam steps");
        assertTrue(relDiff(fused.params(), ref.params()) < 1e-4, "parameters after five Adam steps");
        INDArray moved = ref.params().sub(new FieldNetwork(s, 9, DataType.FLOAT, Backend.ND4J).params());
        assertTrue(moved.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, ref.tableValues())).amaxNumber().doubleValue() > 1e-3, "the steps moved the tables");
    }

    @Test void hashGridInferenceAgreesAcrossChunks() {
        FieldSpec s = hashSpec(3, Parameterization.PLAIN, Activation.RELU, List.of(new Output(Channel.IMAGE, 2, Head.IDENTITY)));
        FieldNetwork fused = new FieldNetwork(s, 4, DataType.FLOAT, Backend.FUSED);
        fused.params().addi(Nd4j.rand(DataType.FLOAT, 1, fused.parameterCount()).subi(0.5).muli(0.6));
        int n = 70_000; // more than one inference chunk of the fused path
        float[] xs = gridPoints(n, 3).dup('c').data().asFloat();
        float[] all = fused.predict(xs, n);
        int from = 65_530, m = 100; // a slice across the chunk boundary, evaluated on its own
        float[] part = fused.predict(java.util.Arrays.copyOfRange(xs, 3 * from, 3 * (from + m)), m);
        assertArrayEquals(part, java.util.Arrays.copyOfRange(all, 2 * from, 2 * (from + m)));
        INDArray fwd = fused.forward(Nd4j.create(java.util.Arrays.copyOfRange(xs, 3 * from, 3 * (from + m)), new long[]{m, 3}, 'c'));
        assertArrayEquals(part, fwd.dup('c').data().asFloat());
    }

    @Test void autoPicksFusedForNarrowFloatMlpsOnly() {
        FieldSpec narrow = new FieldSpec(2, new EncodingSpec.GaussianFourier(8, 1), NetworkSpec.relu(Parameterization.PLAIN, 64, 64),
                List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY)), Frame.box(2, 0, 1), 0);
        FieldSpec wide = new FieldSpec(2, new EncodingSpec.GaussianFourier(8, 1), NetworkSpec.relu(Parameterization.PLAIN, 256, 256),
                List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY)), Frame.box(2, 0, 1), 0);
        assertEquals(Backend.FUSED, new FieldNetwork(narrow, 0, DataType.FLOAT, Backend.AUTO).backend());
        assertEquals(Backend.ND4J, new FieldNetwork(narrow, 0, DataType.DOUBLE, Backend.AUTO).backend());
        assertEquals(Backend.ND4J, new FieldNetwork(wide, 0, DataType.FLOAT, Backend.AUTO).backend());
        assertEquals(Backend.FUSED, new FieldNetwork(wide, 0, DataType.FLOAT, Backend.FUSED).backend(), "forcing works at any width");
        FieldSpec grid = Specs.spec(Specs.encodings().get(3), NetworkSpec.Type.MLP, Activation.RELU, Parameterization.PLAIN, 8, 2, Head.IDENTITY);
        assertEquals(Backend.FUSED, new FieldNetwork(grid, 0, DataType.FLOAT, Backend.AUTO).backend(), "hash grids too");
        assertEquals(Backend.ND4J, new FieldNetwork(grid, 0, DataType.DOUBLE, Backend.AUTO).backend());
        for (Parameterization p : Parameterization.values()) {
            FieldSpec soft = Specs.spec(Specs.encodings().get(2), NetworkSpec.Type.MLP, Activation.SOFTPLUS, p, 64, 2, Head.IDENTITY);
            assertEquals(Backend.FUSED, new FieldNetwork(soft, 0, DataType.FLOAT, Backend.AUTO).backend(), "softplus " + p);
        }
        FieldSpec wideSoft = Specs.spec(Specs.encodings().get(2), NetworkSpec.Type.MLP, Activation.SOFTPLUS, Parameterization.PLAIN, 256, 2, Head.IDENTITY);
        assertEquals(Backend.ND4J, new FieldNetwork(wideSoft, 0, DataType.FLOAT, Backend.AUTO).backend());
        FieldSpec gridTanh = Specs.spec(Specs.encodings().get(3), NetworkSpec.Type.MLP, Activation.TANH, Parameterization.PLAIN, 8, 2, Head.IDENTITY);
        assertEquals(Backend.ND4J, new FieldNetwork(gridTanh, 0, DataType.FLOAT, Backend.AUTO).backend());
        assertThrows(dev.fields.io.UserError.class, () -> new FieldNetwork(gridTanh, 0, DataType.FLOAT, Backend.FUSED));
    }
}
