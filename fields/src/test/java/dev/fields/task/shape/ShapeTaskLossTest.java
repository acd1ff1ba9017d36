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

/**
 * The shape losses' gradients w.r.t. the raw outputs (L1, BCE, and the eikonal and normal terms through forward
 * differences) against finite differences, and the gradient terms' values on affine fields, where forward differences
 * are exact.
 */
class ShapeTaskLossTest {
    /** Every third point is a surface point with a random unit normal; the others have none (NaN). */
    static final ShapeTask.Sampler SAMPLER = (n, r, xyz, sdf, in, nrm) -> {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) xyz[3 * i + c] = (float) (2 * r.nextDouble() - 1);
            boolean surface = i % 3 == 0;
            sdf[i] = surface ? 0 : (float) (r.nextDouble() - 0.5);
            in[i] = sdf[i] < 0 ? 1 : 0;
            double a = r.nextDouble() * 2 * Math.PI, z = 2 * r.nextDouble() - 1, s = Math.sqrt(1 - z * z);
            float[] u = {(float) (s * Math.cos(a)), (float) (s * Math.sin(a)), (float) z};
            for (int c = 0; c < 3; c++) nrm[3 * i + c] = surface ? u[c] : Float.NaN;
        }
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
    private static void check(ShapeTask task, int batch, int rows, double h, double relTol, boolean sigmoid, double spread, List<String> expected) {
        ShapeTask.Points p = task.sample(0, new SplittableRandom(4), null);
        assertEquals(rows, p.inputs().rows());
        SplittableRandom r = new SplittableRandom(8);
        INDArray z = Nd4j.create(DataType.DOUBLE, rows, 1);
        for (int i = 0; i < batch; i++) z.putScalar(i, 0, (r.nextDouble() - 0.5) * spread);
        // stencil rows: their centre's value plus a step of O(h), so the forward-difference gradients are O(1)
        for (int i = batch; i < rows; i++) z.putScalar(i, 0, z.getDouble(p.centres()[(i - batch) / 3], 0) + (r.nextDouble() - 0.5) * 2e-3);
        INDArray g = Nd4j.create(DataType.DOUBLE, rows, 1);
        LinkedHashMap<String, Double> terms = task.loss(p, outputs(z, sigmoid), g);
        assertEquals(expected, List.copyOf(terms.keySet()));
        for (int i = 0; i < rows; i++) {
            // a gradient term sees outputs divided by the stencil spacing, so steps stay small against it; the loss reads
            // float32 outputs, so they stay large against a value's rounding (~3e-8); the fourth-order stencil keeps
            // the terms' strong curvature out of the estimate
            double hi = h * 0.2;
            double v = z.getDouble(i, 0);
            double[] l = new double[4];
            double[] at = {v + 2 * hi, v + hi, v - hi, v - 2 * hi};
            for (int k = 0; k < 4; k++) {
                z.putScalar(i, 0, at[k]);
                l[k] = total(task, p, z, sigmoid);
            }
            z.putScalar(i, 0, v);
            double head = sigmoid ? 1 / (1 + Math.exp(-v)) / (1 + Math.exp(v)) : 1;
            double fd = (-l[0] + 8 * l[1] - 8 * l[2] + l[3]) / (12 * hi), an = g.getDouble(i, 0) * head;
            assertEquals(fd, an, relTol * Math.max(1e-2, Math.abs(fd)), "output " + i + " of " + terms.keySet());
        }
    }

    private static ShapeTask.GradientTerms terms(double eik, double nrm, int points) { return new ShapeTask.GradientTerms(eik, nrm, points); }

    @Test void l1EikonalAndNormalGradients() {
        // stencil rows: the terms are smooth in the outputs; L1 is piecewise linear (outputs avoid the kinks)
        check(new ShapeTask(ShapeTask.Mode.SDF, SAMPLER, 16, 0, terms(0.1, 0.3, 8), null), 16, 16 + 24, 1e-4, 1e-2, false, 1,
                List.of("l1", "normal", "eikonal"));
        check(new ShapeTask(ShapeTask.Mode.SDF, SAMPLER, 16, 0, terms(0.1, 0, 5), null), 16, 16 + 15, 1e-4, 1e-2, false, 1,
                List.of("l1", "eikonal"));
        check(new ShapeTask(ShapeTask.Mode.SDF, SAMPLER, 16, 0, terms(0, 0.2, 4), null), 16, 16 + 12, 1e-4, 1e-2, false, 1,
                List.of("l1", "normal"));
    }

    @Test void bceGradients() {
        check(new ShapeTask(ShapeTask.Mode.OCCUPANCY, SAMPLER, 16, 0, ShapeTask.GradientTerms.none(), null), 16, 16, 5e-3, 1e-2, true, 1, List.of("bce"));
    }

    /** Saturated logits (|z| up to 12, where float32 1 − sigmoid(z) is nearly all rounding) keep an exact gradient. */
    @Test void bceGradientsOnSaturatedLogits() {
        check(new ShapeTask(ShapeTask.Mode.OCCUPANCY, SAMPLER, 16, 0, ShapeTask.GradientTerms.none(), null), 16, 16, 5e-2, 2e-3, true, 24, List.of("bce"));
    }

    /** Occupancy fields carry no gradient terms: no stencil rows, whatever the weights say. */
    @Test void occupancyIgnoresGradientTerms() {
        ShapeTask t = new ShapeTask(ShapeTask.Mode.OCCUPANCY, SAMPLER, 16, 0, terms(1, 1, 8), null);
        assertEquals(16, t.sample(0, new SplittableRandom(1), null).inputs().rows());
    }

    /**
     * On an affine field f(x) = a·x + b forward differences are exact, so the terms take their closed forms:
     * eikonal (|a| − 1)² and normal |a − n|², averaged over their points and weighted.
     */
    @Test void gradientTermsOfAnAffineField() {
        double[] a = {0.6, -1.1, 0.5};
        double eikW = 0.7, nrmW = 0.4;
        ShapeTask t = new ShapeTask(ShapeTask.Mode.SDF, SAMPLER, 30, 0, terms(eikW, nrmW, 30), null);
        ShapeTask.Points p = t.sample(0, new SplittableRandom(3), null);
        int rows = (int) p.inputs().rows();
        assertEquals(30 + 90, rows);
        INDArray z = Nd4j.create(DataType.DOUBLE, rows, 1);
        for (int i = 0; i < rows; i++) {
            double v = 0.25;
            for (int c = 0; c < 3; c++) v += a[c] * p.inputs().getDouble(i, c);
            z.putScalar(i, 0, v);
        }
        LinkedHashMap<String, Double> terms = t.loss(p, outputs(z, false), Nd4j.create(DataType.DOUBLE, rows, 1));
        double norm = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        assertEquals(eikW * (norm - 1) * (norm - 1), terms.get("eikonal"), 2e-3);
        double expect = 0;
        int ns = 0;
        for (int i = 0; i < 30; i++) {
            if (Float.isNaN(p.normals()[3 * i])) continue;
            ns++;
            for (int c = 0; c < 3; c++) expect += Math.pow(a[c] - p.normals()[3 * i + c], 2);
        }
        assertEquals(10, ns);
        assertEquals(nrmW * expect / ns, terms.get("normal"), 2e-3);
    }
}
