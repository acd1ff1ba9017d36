package dev.fields.bench;

import dev.fields.io.spec.*;
import dev.fields.nn.Backend;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code fields bench train}: one Adam step (forward, MSE gradient, backward, update) at a large batch, with the
 * time of each part, next to this machine's own float32 matrix-multiply peak measured in the same run, and the
 * process's peak resident memory. Two networks: the Fourier-features paper network (2-D input, 256 Gaussian features
 * → 3×256 ReLU → 3), or with {@code --encoding hash} the radiance-field network of the scene preset (3-D input in
 * [-1, 1]³, hash grid of 16 levels × 2 features, 2^16 entries per level, N 16..256 → 2×64 RWF ReLU → softplus density
 * and sigmoid RGB; tables with Adam β2 0.99, ε 1e-15 as the fits train them). {@code --activation} swaps the hidden
 * activation (ReLU by default; sine with ω₀ 30, softplus, tanh). {@code --backend} picks the code that
 * runs the passes (ND4J's GEMMs or the fused CPU kernel; AUTO decides by width). The work is counted as three times
 * the MLP forward's multiply-adds for both backends (nominal: the fused kernel skips the first layer's input gradient
 * unless a hash grid needs it; the hash grid's own interpolation and scatter are not counted).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time one Adam step of the paper network (256 FF -> 3x256 ReLU -> 3) or the scene network (hash grid -> 2x64 RWF ReLU -> 4) and compare with the sgemm peak.")
public final class TrainStepBench implements Callable<Integer> {
    /** The network under test. */
    enum Net { FF, HASH }

    @Option(names = "--batch", defaultValue = "65536") int batch;
    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (median reported).") int steps;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--encoding", defaultValue = "ff", converter = NetConverter.class,
            description = "ff (paper image network) or hash (scene network: hash grid, 3-D input).") Net encoding;
    @Option(names = "--width", description = "Hidden width (default 256 for ff, 64 for hash).") Integer width;
    @Option(names = "--depth", description = "Hidden layers (default 3 for ff, 2 for hash).") Integer depth;
    @Option(names = "--param", description = "Parameterization: PLAIN, RWF, WEIGHT_NORM, ADAPTIVE (default PLAIN for ff, RWF for hash).") Parameterization param;
    @Option(names = "--backend", defaultValue = "AUTO", description = "ND4J, FUSED or AUTO (fused for widths <= 128).") Backend backend;
    @Option(names = "--activation", defaultValue = "RELU", paramLabel = "relu|sine|softplus|tanh",
            description = "Hidden activation (sine with omega0 30; tanh runs on ND4J only).") Activation activation;
    @Option(names = "--no-peak", description = "Skip the sgemm peak measurement.") boolean noPeak;

    /** ff or hash, in any case. */
    static final class NetConverter implements picocli.CommandLine.ITypeConverter<Net> {
        @Override public Net convert(String v) {
            try {
                return Net.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("--encoding must be ff or hash, got '" + v + "'");
            }
        }
    }

    @Override public Integer call() throws Exception {
        boolean hash = encoding == Net.HASH;
        int wd = width != null ? width : hash ? 64 : 256, dp = depth != null ? depth : hash ? 2 : 3;
        Parameterization pz = param != null ? param : hash ? Parameterization.RWF : Parameterization.PLAIN;
        Integer[] hidden = new Integer[dp];
        Arrays.fill(hidden, wd);
        NetworkSpec network = new NetworkSpec(NetworkSpec.Type.MLP, List.of(hidden), activation, pz, 30.0, 1.0, 1.0, 0.1);
        FieldSpec spec = hash
                ? new FieldSpec(3, new EncodingSpec.HashGrid(16, 2, 16, 16, 256), network,
                        List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(3, -1, 1), 0)
                : new FieldSpec(2, new EncodingSpec.GaussianFourier(256, 10), network,
                        List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY)), Frame.box(2, 0, 1), 0);
        FieldNetwork net = new FieldNetwork(spec, 0, DataType.FLOAT, backend);
        Adam adam = hash ? new Adam(1e-2, 1, 1, List.of(new Adam.Segment(0, net.tableValues(), 0.9, 0.99, 1e-15, 0))) : new Adam(1e-3, 1, 1);
        int d = spec.inputDim(), o = spec.outputDim();
        INDArray x = hash ? Nd4j.rand(DataType.FLOAT, batch, d).muli(2).subi(1) : Nd4j.rand(DataType.FLOAT, batch, d);
        INDArray y = Nd4j.rand(DataType.FLOAT, batch, o), g = Nd4j.create(DataType.FLOAT, batch, o);
        double[] ms = new double[steps], fwd = new double[steps], bwd = new double[steps], opt = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            INDArray out = net.forward(x);
            long t1 = System.nanoTime();
            g.assign(out).subi(y).muli(2.0 / ((double) batch * o));
            long t2 = System.nanoTime();
            net.backward(g);
            long t3 = System.nanoTime();
            adam.step(net.params(), net.gradient(), i);
            long t4 = System.nanoTime();
            if (i >= warmup) {
                int k = i - warmup;
                ms[k] = (t4 - t0) / 1e6; fwd[k] = (t1 - t0) / 1e6; bwd[k] = (t3 - t2) / 1e6; opt[k] = (t4 - t3) / 1e6;
            }
        }
        double median = median(ms);
        int[] w = spec.layerWidths();
        double macs = hash ? 0 : 2.0 * 2 * 256; // encoding GEMM (2 -> 2m)
        for (int l = 0; l + 1 < w.length; l++) macs += (double) w[l] * w[l + 1];
        double flops = 3 * 2 * macs * batch; // forward + backward (input and weight gradients) = 3x forward
        double gflops = flops / (median / 1e3) / 1e9;
        double peak = noPeak ? Double.NaN : sgemmPeak();
        if (hash)
            System.out.printf(Locale.ROOT, "network   3 -> hash grid 16 x 2, 2^16, N 16..256 (%,d table values) -> %dx%d %s -> 4, %s, batch %,d, %d params%n",
                    net.tableValues(), dp, wd, activation, pz, batch, net.parameterCount());
        else
            System.out.printf(Locale.ROOT, "network   2 -> FF 256 (sigma 10) -> %dx%d %s -> 3, %s, batch %,d, %d params%n", dp, wd, activation, pz, batch, net.parameterCount());
        System.out.printf(Locale.ROOT, "backend   %s (asked for %s)%n", net.backend(), backend);
        System.out.printf(Locale.ROOT, "step      median %.1f ms (min %.1f, max %.1f) over %d steps after %d warm-up%n", median, min(ms), max(ms), steps, warmup);
        System.out.printf(Locale.ROOT, "parts     forward %.1f ms, backward %.1f ms, Adam %.1f ms (medians)%n", median(fwd), median(bwd), median(opt));
        System.out.printf(Locale.ROOT, "work      %.1f GFLOP/step%s -> %.1f GFLOP/s%n", flops / 1e9, hash ? " (the MLP only)" : "", gflops);
        if (!noPeak)
            System.out.printf(Locale.ROOT, "peak      sgemm 2048^3 float32 best %.1f GFLOP/s -> step reaches %.0f%% of peak%n", peak, 100 * gflops / peak);
        System.out.printf(Locale.ROOT, "memory    peak RSS %s%n", peakRss());
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElse(Double.NaN); }

    private static double max(double[] v) { return Arrays.stream(v).max().orElse(Double.NaN); }

    /** Best of several float32 2048³ GEMMs, GFLOP/s. */
    static double sgemmPeak() {
        int n = 2048;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n), c = Nd4j.create(DataType.FLOAT, n, n);
        double best = 0;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double s = (System.nanoTime() - t0) / 1e9;
            if (i > 0) best = Math.max(best, 2.0 * n * n * n / s / 1e9);
        }
        return best;
    }

    /** VmHWM from /proc/self/status (Linux). */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.2f GB", kb / 1024.0 / 1024.0);
                }
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }
}
