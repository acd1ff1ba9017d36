package dev.fields.task.shape;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
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

    private static double total(ShapeTask t, INDArray out) {
        INDArray g = Nd4j.create(DataType.FLOAT, out.shape());
        double s = 0;
        for (double v : t.loss(out, g, 0).values()) s += v;
        return s;
    }

    /** Outputs: the first {@code batch} rows in [-0.5, 0.5]; stencil rows tiny, so central-difference slopes are O(1). */
    private static void check(ShapeTask task, int batch, int rows, double h, double relTol) {
        INDArray x = task.sample(0, new SplittableRandom(4));
        assertEquals(rows, x.rows());
        SplittableRandom r = new SplittableRandom(8);
        INDArray out = Nd4j.create(DataType.FLOAT, rows, 1);
        for (int i = 0; i < rows; i++) out.putScalar(i, 0, (float) ((r.nextDouble() - 0.5) * (i < batch ? 1 : 2e-3)));
        INDArray g = Nd4j.create(DataType.FLOAT, rows, 1);
        LinkedHashMap<String, Double> terms = task.loss(out, g, 0);
        assertTrue(terms.size() >= 1);
        for (int i = 0; i < rows; i++) {
            // stencil rows enter the eikonal term divided by the tiny stencil spacing: a proportionally tiny step
            double hi = i < batch ? h : h * 1e-2;
            float v = out.getFloat(i, 0), vp = (float) (v + hi), vm = (float) (v - hi);
            out.putScalar(i, 0, vp);
            double lp = total(task, out);
            out.putScalar(i, 0, vm);
            double lm = total(task, out);
            out.putScalar(i, 0, v);
            double fd = (lp - lm) / ((double) vp - vm), an = g.getDouble(i, 0);
            assertEquals(fd, an, relTol * Math.max(1e-2, Math.abs(fd)), "output " + i + " of " + terms.keySet());
        }
    }

    @Test void l1AndEikonalGradients() {
        // eikonal stencils: the loss is smooth in the outputs; L1 is piecewise linear (outputs avoid the kinks)
        check(new ShapeTask(ShapeTask.Mode.SDF, SAMPLER, 16, 0, 0.1, 4, null), 16, 16 + 24, 1e-4, 1e-2);
    }

    @Test void bceGradients() {
        check(new ShapeTask(ShapeTask.Mode.OCCUPANCY, SAMPLER, 16, 0, 0, 0, null), 16, 16, 1e-3, 1e-2);
    }
}
