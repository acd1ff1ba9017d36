package dev.fields.bench;

import dev.fields.io.spec.*;
import dev.fields.nn.FieldNetwork;
import dev.fields.nn.HashGridEncoder;
import dev.fields.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code fields bench hash}: the hash-grid encoding's forward and backward (scatter-add into the table gradient) on
 * their own, at instant-ngp's settings, for a 2-D and a 3-D batch; then Adam over the tables, and a whole training
 * step with a 2×64 ReLU MLP behind the grid.
 */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = "Time the hash-grid encoding's forward + backward (2-D and 3-D) and a whole step with a 2x64 MLP.")
public final class HashGridBench implements Callable<Integer> {
    @Option(names = "--points-2d", defaultValue = "65536") int points2;
    @Option(names = "--points-3d", defaultValue = "16384") int points3;
    @Option(names = "--log2-size-2d", defaultValue = "16") int log2Size2;
    @Option(names = "--log2-size-3d", defaultValue = "19") int log2Size3;
    @Option(names = "--steps", defaultValue = "10", description = "Timed repetitions (median reported).") int steps;
    @Option(names = "--warmup", defaultValue = "3") int warmup;

    @Override public Integer call() {
        System.out.printf(Locale.ROOT, "threads   %d (common pool %d + caller)%n", Runtime.getRuntime().availableProcessors(),
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        run(2, points2, new EncodingSpec.HashGrid(16, 2, log2Size2, 16, 512));
        run(3, points3, new EncodingSpec.HashGrid(16, 2, log2Size3, 16, 2048));
        return 0;
    }

    private double median(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private void run(int d, int n, EncodingSpec.HashGrid h) {
        Frame box = Frame.box(d, -1, 1);
        HashGridEncoder enc = new HashGridEncoder(h, d, box);
        HashGridLayout g = HashGridLayout.of(h, d);
        int dense = 0;
        for (int l = 0; l < g.levels(); l++) if (g.dense(l)) dense++;
        INDArray params = Nd4j.create(DataType.FLOAT, 1, enc.values()), grad = Nd4j.create(DataType.FLOAT, 1, enc.values());
        enc.init(params, new SplittableRandom(0));
        INDArray x = Nd4j.rand(DataType.FLOAT, n, d).muli(2).subi(1);
        INDArray e = Nd4j.create(DataType.FLOAT, n, g.levels() * g.features()), de = Nd4j.rand(DataType.FLOAT, n, g.levels() * g.features());
        Adam adam = new Adam(1e-2, 1, 1, List.of(new Adam.Segment(0, enc.values(), 0.9, 0.99, 1e-15, 0)));
        double[] fwd = new double[steps], bwd = new double[steps], opt = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            enc.forward(x, e, params);
            long t1 = System.nanoTime();
            enc.backward(x, de, grad);
            long t2 = System.nanoTime();
            adam.step(params, grad, i);
            long t3 = System.nanoTime();
            if (i >= warmup) { fwd[i - warmup] = (t1 - t0) / 1e6; bwd[i - warmup] = (t2 - t1) / 1e6; opt[i - warmup] = (t3 - t2) / 1e6; }
        }
        double f = median(fwd), b = median(bwd);
        System.out.printf(Locale.ROOT, "%d-D       %,d points, L %d F %d T 2^%d, N %d..%d (%d dense levels), %,d table values%n",
                d, n, g.levels(), g.features(), h.log2TableSize(), h.minResolution(), h.maxResolution(), dense, enc.values());
        System.out.printf(Locale.ROOT, "  encode  forward %.1f ms + backward %.1f ms = %.1f ms (median of %d)%n", f, b, f + b, steps);
        System.out.printf(Locale.ROOT, "  adam    over the tables %.1f ms%n", median(opt));

        FieldSpec spec = new FieldSpec(d, h, NetworkSpec.relu(Parameterization.RWF, 64, 64), List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY)), box, 0);
        FieldNetwork net = new FieldNetwork(spec, 0);
        Adam full = new Adam(1e-2, 1, 1, List.of(new Adam.Segment(0, net.tableValues(), 0.9, 0.99, 1e-15, 0)));
        INDArray y = Nd4j.rand(DataType.FLOAT, n, 3), dy = Nd4j.create(DataType.FLOAT, n, 3);
        double[] step = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            long t0 = System.nanoTime();
            INDArray out = net.forward(x);
            dy.assign(out).subi(y).muli(2.0 / (n * 3));
            net.backward(dy);
            full.step(net.params(), net.gradient(), i);
            if (i >= warmup) step[i - warmup] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.printf(Locale.ROOT, "  step    whole Adam step with a 2x64 RWF ReLU MLP: %.1f ms%n", median(step));
    }
}
