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
 * {@code fields bench train}: one Adam step (forward, MSE gradient, backward, update) of the Fourier-features paper
 * network (2-D input, 256 Gaussian features → 3×256 ReLU → 3) at a large batch, next to this machine's own float32
 * matrix-multiply peak measured in the same run, and the process's peak resident memory. {@code --backend} picks the
 * code that runs the passes (ND4J's GEMMs or the fused CPU kernel; AUTO decides by width). The work is counted as
 * three times the forward's multiply-adds for both backends (nominal: the fused kernel skips the first layer's
 * input gradient, which ND4J computes).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time one Adam step of the paper network (256 FF -> 3x256 ReLU -> 3) and compare with the sgemm peak.")
public final class TrainStepBench implements Callable<Integer> {
    @Option(names = "--batch", defaultValue = "65536") int batch;
    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (median reported).") int steps;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--width", defaultValue = "256") int width;
    @Option(names = "--param", defaultValue = "PLAIN", description = "Parameterization: PLAIN, RWF, WEIGHT_NORM, ADAPTIVE.") Parameterization param;
    @Option(names = "--backend", defaultValue = "AUTO", description = "ND4J, FUSED or AUTO (fused for widths <= 128).") Backend backend;
    @Option(names = "--no-peak", description = "Skip the sgemm peak measurement.") boolean noPeak;

    @Override public Integer call() throws Exception {
        FieldSpec spec = new FieldSpec(2, new EncodingSpec.GaussianFourier(256, 10), NetworkSpec.relu(param, width, width, width),
                List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY)), Frame.box(2, 0, 1), 0);
        FieldNetwork net = new FieldNetwork(spec, 0, DataType.FLOAT, backend);
        Adam adam = new Adam(1e-3, 1, 1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 2), y = Nd4j.rand(DataType.FLOAT, batch, 3);
        INDArray g = Nd4j.create(DataType.FLOAT, batch, 3);
        double[] ms = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            INDArray out = net.forward(x);
            g.assign(out).subi(y).muli(2.0 / (batch * 3));
            net.backward(g);
            adam.step(net.params(), net.gradient(), i);
            double t = (System.nanoTime() - t0) / 1e6;
            if (i >= warmup) ms[i - warmup] = t;
        }
        Arrays.sort(ms);
        double median = ms[steps / 2];
        int[] w = spec.layerWidths();
        double macs = 2.0 * 2 * 256; // encoding GEMM (2 -> 2m)
        for (int l = 0; l + 1 < w.length; l++) macs += (double) w[l] * w[l + 1];
        double flops = 3 * 2 * macs * batch; // forward + backward (input and weight gradients) = 3x forward
        double gflops = flops / (median / 1e3) / 1e9;
        double peak = noPeak ? Double.NaN : sgemmPeak();
        System.out.printf(Locale.ROOT, "network   2 -> FF 256 (sigma 10) -> 3x%d ReLU -> 3, %s, batch %,d, %d params%n", width, param, batch, net.parameterCount());
        System.out.printf(Locale.ROOT, "backend   %s (asked for %s)%n", net.backend(), backend);
        System.out.printf(Locale.ROOT, "step      median %.1f ms (min %.1f, max %.1f) over %d steps after %d warm-up%n", median, ms[0], ms[steps - 1], steps, warmup);
        System.out.printf(Locale.ROOT, "work      %.1f GFLOP/step -> %.1f GFLOP/s%n", flops / 1e9, gflops);
        if (!noPeak)
            System.out.printf(Locale.ROOT, "peak      sgemm 2048^3 float32 best %.1f GFLOP/s -> step reaches %.0f%% of peak%n", peak, 100 * gflops / peak);
        System.out.printf(Locale.ROOT, "memory    peak RSS %s%n", peakRss());
        return 0;
    }

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
