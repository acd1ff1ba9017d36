package dev.fields.nn;

import dev.fields.io.spec.Activation;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Parameterization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
 * dL/dOut is known exactly. Both backends: ND4J in float64; the fused CPU kernel (float32 only) with a larger step and
 * a bound that float32 rounding of the loss allows, on the networks it runs (MLPs, ReLU, sine and softplus, every encoding).
 * Hash grids in 2-D and 3-D also get a check aimed at the table values the batch touches, beside the MLP weights.
 */
class GradientCheckTest {
    /** Parameters compared per spec (distinct, drawn at random). */
    private static final int PARAMS = 60;
    /** Of those, touched table values in the hash-grid check. */
    private static final int TABLES = 30;

    /**
     * Precision, central-difference step and bound on |fd - analytic| / max(1, |fd|): float64 with step 1e-6 for ND4J;
     * float32 with step 1e-3 for the fused kernel (the loss rounds at ~1e-7: measured errors of smooth entries stay
     * below 1e-4).
     */
    private record Precision(DataType dt, double eps, double tolerance) {
        static Precision of(Backend b) { return b == Backend.ND4J ? new Precision(DataType.DOUBLE, 1e-6, 1e-5) : new Precision(DataType.FLOAT, 1e-3, 1e-3); }
    }

    private static double loss(FieldNetwork net, INDArray x, INDArray r) {
        return net.forward(x).castTo(DataType.DOUBLE).mul(r.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }

    /** What one spec's check covered: how many entries, the worst relative error, the size of the gradient. */
    private record Checked(String spec, int params, int inputs, int skipped, double maxRelError, double fdNorm) {}

    /** At most this many of the PARAMS + 10 entries of a spec may be skipped as kinked (float32 only). */
    private static final int MAX_SKIPPED = 8;

    private static double relError(double fd, double an) { return Math.abs(fd - an) / Math.max(1, Math.abs(fd)); }

    private static Checked check(FieldSpec spec, Backend backend) { return check(spec, backend, false); }

    /**
     * @param touchedTables pick {@link #TABLES} of the table values with a non-zero gradient (the batch's corners) and
     *                      PARAMS − TABLES of the other parameters, instead of PARAMS at random from all
     */
    private static Checked check(FieldSpec spec, Backend backend, boolean touchedTables) { return check(spec, backend, touchedTables, Double.POSITIVE_INFINITY); }

    /** @param opening the coarse-to-fine opening of the encoding's bands ({@link FieldNetwork#openBands}) */
    private static Checked check(FieldSpec spec, Backend backend, boolean touchedTables, double opening) {
        Precision pr = Precision.of(backend);
        DataType dt = pr.dt();
        double eps = pr.eps();
        FieldNetwork net = new FieldNetwork(spec, 11, dt, backend);
        net.openBands(opening);
        assertEquals(backend, net.backend());
        Random rnd = new Random(5);
        Nd4j.getRandom().setSeed(5); // the same inputs, directions and parameter shifts on every run
        // move away from the initial point so adaptive slopes, RWF scales etc. are generic
        net.params().addi(Nd4j.rand(DataType.DOUBLE, 1, net.parameterCount()).subi(0.5).muli(0.2).castTo(dt));
        int n = 5, d = spec.inputDim();
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, d).castTo(dt);
        INDArray r = Nd4j.rand(DataType.DOUBLE, n, spec.outputDim()).subi(0.5).castTo(dt);
        net.forward(x);
        net.backward(r);
        INDArray g = net.gradient().dup();
        INDArray gx = net.inputGradient().dup();
        INDArray p = net.params();
        Set<Integer> picked = new LinkedHashSet<>();
        if (touchedTables) {
            List<Integer> touched = new ArrayList<>();
            for (int i = 0; i < net.tableValues(); i++) if (g.getDouble(0, i) != 0) touched.add(i);
            assertTrue(touched.size() >= TABLES, Specs.name(spec) + ": only " + touched.size() + " table values touched");
            java.util.Collections.shuffle(touched, rnd);
            picked.addAll(touched.subList(0, TABLES));
            int mlp = (int) (net.parameterCount() - net.tableValues());
            while (picked.size() < PARAMS) picked.add((int) net.tableValues() + rnd.nextInt(mlp));
        }
        while (picked.size() < Math.min(PARAMS, net.parameterCount())) picked.add(rnd.nextInt((int) net.parameterCount()));
        int params = 0, inputs = 0, skipped = 0;
        double worst = 0, fdSq = 0;
        for (int i : picked) {
            double orig = p.getDouble(0, i);
            Probe probe = h -> {
                p.putScalar(0, i, orig + h);
                double[] v = {p.getDouble(0, i), loss(net, x, r)};
                p.putScalar(0, i, orig);
                return v;
            };
            double fd = central(probe, eps);
            if (kinked(probe, fd, pr)) { skipped++; continue; }
            worst = Math.max(worst, relError(fd, g.getDouble(0, i)));
            fdSq += fd * fd;
            params++;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                int pi = i, pj = j;
                Probe probe = h -> {
                    INDArray xh = x.dup();
                    xh.putScalar(pi, pj, x.getDouble(pi, pj) + h);
                    return new double[]{xh.getDouble(pi, pj), loss(net, xh, r)};
                };
                double fd = central(probe, eps);
                if (kinked(probe, fd, pr)) { skipped++; continue; }
                worst = Math.max(worst, relError(fd, gx.getDouble(i, j)));
                fdSq += fd * fd;
                inputs++;
            }
        return new Checked(Specs.name(spec) + "/" + d + "-D", params, inputs, skipped, worst, Math.sqrt(fdSq));
    }

    /** The value actually set (float32 rounds orig + h) and the loss there, for a step h of one entry. */
    private interface Probe { double[] at(double h); }

    private static double central(Probe probe, double h) {
        double[] up = probe.at(h), down = probe.at(-h);
        return (up[1] - down[1]) / (up[0] - down[0]);
    }

    /**
     * Float32 steps are a thousand times the float64 ones, so a ReLU kink (of a hidden unit or a head) can fall inside
     * [-h, h]: then the central difference at h/4 disagrees with the one at h. Such entries are skipped (and counted);
     * a wrong gradient of a smooth entry still fails, since both differences agree there. float64 never skips.
     */
    private static boolean kinked(Probe probe, double fd, Precision pr) {
        if (pr.dt() == DataType.DOUBLE) return false;
        return relError(central(probe, pr.eps() / 4), fd) > pr.tolerance();
    }

    @ParameterizedTest @EnumSource(value = Backend.class, names = {"ND4J", "FUSED"})
    void everyCombinationMatchesFiniteDifferences(Backend backend) {
        List<FieldSpec> specs = Specs.all(6, Head.IDENTITY);
        assertEquals(Specs.encodings().size() * Parameterization.values().length * (Activation.values().length + 2), specs.size(), "coverage");
        if (backend == Backend.FUSED) {
            specs = specs.stream().filter(s -> Backend.fusedUnsupported(s, DataType.FLOAT) == null).toList();
            // identity, positional, Fourier and hash-grid encodings x every parameterization x ReLU, sine and softplus
            assertEquals(Specs.encodings().size() * Parameterization.values().length * 3, specs.size(), "fused coverage");
            assertEquals(Specs.encodings().size() * Parameterization.values().length,
                    specs.stream().filter(s -> s.network().activation() == Activation.SOFTPLUS).count(), "softplus on the fused kernel");
        }
        double tolerance = Precision.of(backend).tolerance();
        List<String> failures = new ArrayList<>();
        for (FieldSpec s : specs) {
            Checked c = check(s, backend);
            // every spec has more than PARAMS parameters, so exactly PARAMS distinct ones and all 5x2 inputs were compared
            // (float32: but for the few whose step straddles a ReLU kink)
            assertEquals(PARAMS + 10, c.params() + c.inputs() + c.skipped(), c.spec());
            assertTrue(c.skipped() <= MAX_SKIPPED, c.spec() + ": " + c.skipped() + " entries straddle a kink");
            // a zero or missing gradient cannot pass: the loss really depends on what was checked
            assertTrue(c.fdNorm() > 1e-3, c.spec() + ": finite-difference gradient norm " + c.fdNorm());
            if (!(c.maxRelError() < tolerance)) failures.add(c.spec() + " max relative error " + c.maxRelError());
        }
        assertEquals(List.of(), failures, "relative error bound " + tolerance);
    }

    @ParameterizedTest @EnumSource(value = Backend.class, names = {"ND4J", "FUSED"})
    void hashGridTablesAndWeightsMatchFiniteDifferences(Backend backend) {
        double tolerance = Precision.of(backend).tolerance();
        List<String> failures = new ArrayList<>();
        int specs = 0;
        for (int d : new int[]{2, 3})
            for (Parameterization p : List.of(Parameterization.PLAIN, Parameterization.RWF))
                for (Activation a : List.of(Activation.RELU, Activation.SINE, Activation.SOFTPLUS)) {
                    // resolutions 2, 4, 8 in 2^5 entries (2-D) and 2, 3, 5 in 2^6 (3-D): two dense levels and one hashed
                    dev.fields.io.spec.EncodingSpec.HashGrid h = d == 2 ? new dev.fields.io.spec.EncodingSpec.HashGrid(3, 2, 5, 2, 8)
                            : new dev.fields.io.spec.EncodingSpec.HashGrid(3, 2, 6, 2, 5);
                    FieldSpec s = new FieldSpec(d, h, new dev.fields.io.spec.NetworkSpec(dev.fields.io.spec.NetworkSpec.Type.MLP, List.of(6, 6), a, p, 3.0,
                            a == Activation.SINE ? 1.5 : 1.0, 1.0, 0.1), List.of(new dev.fields.io.spec.Output(dev.fields.io.spec.Channel.IMAGE, 2, Head.SIGMOID)),
                            dev.fields.io.spec.Frame.box(d, 0, 1), 0);
                    Checked c = check(s, backend, true);
                    specs++;
                    assertEquals(PARAMS + 10 * d / 2, c.params() + c.inputs() + c.skipped(), c.spec());
                    assertTrue(c.skipped() <= MAX_SKIPPED, c.spec() + ": " + c.skipped() + " entries straddle a kink");
                    assertTrue(c.fdNorm() > 1e-3, c.spec() + ": finite-difference gradient norm " + c.fdNorm());
                    if (!(c.maxRelError() < tolerance)) failures.add(c.spec() + " max relative error " + c.maxRelError());
                }
        assertEquals(12, specs);
        assertEquals(List.of(), failures, "relative error bound " + tolerance);
    }

    /**
     * Coarse-to-fine: with the bands partly open (one band fully on, one half on, the rest off) every encoding's
     * parameter and input gradients still match finite differences, and the window really changes the function.
     */
    @ParameterizedTest @EnumSource(value = Backend.class, names = {"ND4J", "FUSED"})
    void partlyOpenBandsMatchFiniteDifferences(Backend backend) {
        double tolerance = Precision.of(backend).tolerance();
        List<String> failures = new ArrayList<>();
        int specs = 0;
        for (dev.fields.io.spec.EncodingSpec e : Specs.encodings()) {
            if (e instanceof dev.fields.io.spec.EncodingSpec.Identity) continue;
            for (NetworkSpec.Type type : List.of(NetworkSpec.Type.MLP, NetworkSpec.Type.MODIFIED)) {
                if (type == NetworkSpec.Type.MODIFIED && backend == Backend.FUSED) continue; // the kernel runs plain MLPs
                FieldSpec s = Specs.spec(e, type, type == NetworkSpec.Type.MLP ? Activation.SOFTPLUS : Activation.TANH, Parameterization.RWF, 6, 2, Head.IDENTITY);
                Checked c = check(s, backend, e instanceof dev.fields.io.spec.EncodingSpec.HashGrid, 1.5);
                specs++;
                assertTrue(c.skipped() <= MAX_SKIPPED, c.spec() + ": " + c.skipped() + " entries straddle a kink");
                assertTrue(c.fdNorm() > 1e-3, c.spec() + ": finite-difference gradient norm " + c.fdNorm());
                if (!(c.maxRelError() < tolerance)) failures.add(c.spec() + " max relative error " + c.maxRelError());
                // the same parameters with every band on give another function
                FieldNetwork a = new FieldNetwork(s, 11, Precision.of(backend).dt(), backend), b = new FieldNetwork(s, 11, Precision.of(backend).dt(), backend);
                a.params().addi(Nd4j.rand(DataType.DOUBLE, 1, a.parameterCount()).subi(0.5).castTo(a.dataType()));
                b.params().assign(a.params());
                b.openBands(1.5);
                INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 2).castTo(a.dataType());
                double diff = a.forward(x).dup().sub(b.forward(x)).norm2Number().doubleValue();
                assertTrue(diff > 1e-4, c.spec() + ": the window changed nothing (" + diff + ")");
            }
        }
        assertEquals(backend == Backend.FUSED ? 3 : 6, specs);
        assertEquals(List.of(), failures, "relative error bound " + tolerance);
    }

    @ParameterizedTest @EnumSource(value = Backend.class, names = {"ND4J", "FUSED"})
    void everyHeadIsBackPropagatedByTheNetwork(Backend backend) {
        double tolerance = Precision.of(backend).tolerance();
        List<String> failures = new ArrayList<>();
        for (Head h : Head.values()) {
            FieldSpec s = new FieldSpec(2, new dev.fields.io.spec.EncodingSpec.GaussianFourier(4, 1),
                    dev.fields.io.spec.NetworkSpec.relu(Parameterization.RWF, 8, 8),
                    List.of(new dev.fields.io.spec.Output(dev.fields.io.spec.Channel.DENSITY, 1, h),
                            new dev.fields.io.spec.Output(dev.fields.io.spec.Channel.RGB, 3, h == Head.IDENTITY ? Head.SIGMOID : Head.IDENTITY)),
                    dev.fields.io.spec.Frame.box(2, 0, 1), 0);
            Checked c = check(s, backend);
            assertEquals(PARAMS + 10, c.params() + c.inputs() + c.skipped(), c.spec());
            assertTrue(c.skipped() <= MAX_SKIPPED, c.spec() + ": " + c.skipped() + " entries straddle a kink");
            assertTrue(c.fdNorm() > 1e-3, h + ": finite-difference gradient norm " + c.fdNorm());
            if (!(c.maxRelError() < tolerance)) failures.add(h + " max relative error " + c.maxRelError());
        }
        assertEquals(List.of(), failures, "relative error bound " + tolerance);
    }
}
