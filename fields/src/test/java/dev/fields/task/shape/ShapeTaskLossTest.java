package dev.fields.task.shape;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import dev.fields.nn.FieldNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shape losses' gradients w.r.t. the raw outputs (L1, BCE, eikonal through central differences) against finite differences. */
class ShapeTaskLossTest {
    static final ShapeTask.Sampler SAMPLER = new ShapeTask.Sampler() {
        @Override public void draw(int n, SplittableRandom r, float[] xyz, float[] sdf, float[] in) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) xyz[3 * i + c] = (float) (2 * r.nextDouble() - 1);
                sdf[i] = (float) (r.nextDouble() - 0.5);
                in[i] = sdf[i] < 0 ? 1 : 0;
            }
        }
        @Override public void uniform(int n, SplittableRandom r, float[] xyz) { for (int i = 0; i < 3 * n; i++) xyz[i] = (float) (2 * r.nextDouble() - 1); }
    };

    /** The outputs a network with this task's head would give for raw values z: identity (SDF) or sigmoid (occupancy). */
    private static FieldNetwork.Outputs outputs(INDArray z, boolean sigmoid) {
        return new FieldNetwork.Outputs(sigmoid ? Transforms.sigmoid(z, true) : z, z);
    }

    private static double total(ShapeTask t, ShapeTask.Points p, INDArray z, boolean sigmoid) {
        INDArray g = Nd4j.create(DataType.FLOAT, z.shape());
        double s = 0;
        for (double v : t.loss(p, outputs(z, sigmoid), g).values()) s += v;
        return s;
    }

    /**
     * dLoss/dz against central differences in z, where the analytic value is the task's dLoss/d(output) times the
     * head's derivative (1, or sigmoid(z)·sigmoid(−z) as the network applies it). Raw values: the first {@code batch}
     * rows in [-0.5, 0.5] (or ±12 for saturated logits), stencil rows tiny, so central-difference slopes are O(1).
     */
    private static void check(ShapeTask task, int batch, int rows, double h, double relTol, boolean sigmoid, double spread) {
        ShapeTask.Points p = task.sample(0, new SplittableRandom(4), null);
        assertEquals(rows, p.inputs().rows());
        SplittableRandom r = new SplittableRandom(8);
        INDArray z = Nd4j.create(DataType.DOUBLE, rows, 1);
        for (int i = 0; i < rows; i++) z.putScalar(i, 0, (r.nextDouble() - 0.5) * (i < batch ? spread : 2e-3));
        INDArray g = Nd4j.create(DataType.DOUBLE, rows, 1);
        LinkedHashMap<String, Double> terms = task.loss(p, outputs(z, sigmoid), g);
        assertEquals(sigmoid ? List.of("bce") : task.sample(0, new SplittableRandom(4), null).eikonalPoints() > 0 ? List.of("l1", "eikonal") : List.of("l1"),
                List.copyOf(terms.keySet()));
        for (int i = 0; i < rows; i++) {
            // stencil rows enter the eikonal term divided by the tiny stencil spacing: a proportionally tiny step
            double hi = i < batch ? h : h * 1e-2;
            double v = z.getDouble(i, 0);
            z.putScalar(i, 0, v + hi);
            double lp = total(task, p, z, sigmoid);
            z.putScalar(i, 0, v - hi);
            double lm = total(task, p, z, sigmoid);
            z.putScalar(i, 0, v);
            double head = sigmoid ? 1 / (1 + Math.exp(-v)) / (1 + Math.exp(v)) : 1;
            double fd = (lp - lm) / (2 * hi), an = g.getDouble(i, 0) * head;
            assertEquals(fd, an, relTol * Math.max(1e-2, Math.abs(fd)), "output " + i + " of " + terms.keySet());
        }
    }

    @Test void l1AndEikonalGradients() {
        // eikonal stencils: the loss is smooth in the outputs; L1 is piecewise linear (outputs avoid the kinks)
        check(new ShapeTask(ShapeTask.Mode.SDF, SAMPLER, 16, 0, 0.1, 4, null), 16, 16 + 24, 1e-4, 1e-2, false, 1);
    }

    @Test void bceGradients() {
        check(new ShapeTask(ShapeTask.Mode.OCCUPANCY, SAMPLER, 16, 0, 0, 0, null), 16, 16, 1e-3, 1e-2, true, 1);
    }

    /** Saturated logits (|z| up to 12, where float32 1 − sigmoid(z) is nearly all rounding) keep an exact gradient. */
    @Test void bceGradientsOnSaturatedLogits() {
        check(new ShapeTask(ShapeTask.Mode.OCCUPANCY, SAMPLER, 16, 0, 0, 0, null), 16, 16, 1e-2, 2e-3, true, 24);
    }
}
