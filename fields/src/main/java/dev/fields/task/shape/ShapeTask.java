package dev.fields.task.shape;

import dev.fields.nn.FieldNetwork;
import dev.fields.train.Task;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Shape fitting from ground-truth samples. SDF mode (identity head): L1 on the (optionally clamped) signed distance,
 * plus an optional eikonal term {@code (|grad f| - 1)^2} on uniform points with the gradient taken by central
 * differences (its loss gradient then flows through ordinary backpropagation of the six stencil evaluations).
 * Occupancy mode (sigmoid head): binary cross-entropy, computed from the raw logits in its stable form
 * (Fourier-features paper).
 */
public final class ShapeTask implements Task<ShapeTask.Points> {
    /** Field kind. */
    public enum Mode { SDF, OCCUPANCY }

    /** Draws fresh labelled points: xyz (3n), signed distance (n, negative inside) and inside labels (n, 0/1). */
    public interface Sampler {
        void draw(int n, SplittableRandom rng, float[] xyz, float[] sdf, float[] inside);
        /** Uniform points in the training box (for the eikonal term). */
        void uniform(int n, SplittableRandom rng, float[] xyz);
    }

    /** Periodic metrics (e.g. IoU on held-out points) computed from the current network. */
    public interface Evaluator { Map<String, Double> evaluate(FieldNetwork net); }

    /**
     * A step's points: {@code batch} labelled points, then six central-difference stencil points per eikonal point.
     */
    public record Points(INDArray inputs, float[] sdf, float[] inside, int batch, int eikonalPoints) implements Task.Batch {}

    private static final float H = 1e-3f; // central-difference step for the eikonal gradient (field units)
    private final Mode mode;
    private final Sampler sampler;
    private final int batch, eikonalPoints;
    private final double eikonalWeight, clamp;
    private final float[] xyz, sdf, inside, eik, g;
    private final INDArray x;
    private final Evaluator evaluator;

    public ShapeTask(Mode mode, Sampler sampler, int batch, double clamp, double eikonalWeight, int eikonalPoints, Evaluator evaluator) {
        this.mode = mode;
        this.sampler = sampler;
        this.batch = batch;
        this.clamp = clamp > 0 ? clamp : Double.POSITIVE_INFINITY;
        this.eikonalWeight = mode == Mode.SDF ? eikonalWeight : 0;
        this.eikonalPoints = this.eikonalWeight > 0 ? eikonalPoints : 0;
        this.evaluator = evaluator;
        xyz = new float[3 * batch];
        sdf = new float[batch];
        inside = new float[batch];
        eik = new float[3 * this.eikonalPoints];
        g = new float[batch + 6 * this.eikonalPoints];
        x = Nd4j.create(DataType.FLOAT, batch + 6L * this.eikonalPoints, 3);
    }

    @Override public Points sample(long step, SplittableRandom rng, FieldNetwork field) {
        sampler.draw(batch, rng, xyz, sdf, inside);
        FloatBuffer b = x.data().asNioFloat();
        b.position(0);
        b.put(xyz);
        if (eikonalPoints > 0) {
            sampler.uniform(eikonalPoints, rng, eik);
            for (int i = 0; i < eikonalPoints; i++)
                for (int axis = 0; axis < 3; axis++)
                    for (int sgn = 0; sgn < 2; sgn++)
                        for (int c = 0; c < 3; c++) b.put(eik[3 * i + c] + (c == axis ? (sgn == 0 ? H : -H) : 0f));
        }
        return new Points(x, sdf, inside, batch, eikonalPoints);
    }

    @Override public LinkedHashMap<String, Double> loss(Points p, FieldNetwork.Outputs outputs, INDArray gradOut) {
        int n = p.batch(), ne = p.eikonalPoints();
        if (outputs.values().length() != n + 6L * ne || outputs.values().columns() != 1)
            throw new IllegalStateException("shape task expects one output per point");
        float[] out = outputs.values().toFloatVector();
        Arrays.fill(g, 0f);
        LinkedHashMap<String, Double> terms = new LinkedHashMap<>();
        double main = 0;
        if (mode == Mode.SDF) {
            for (int i = 0; i < n; i++) {
                double f = out[i], pc = Math.max(-clamp, Math.min(clamp, f)), tc = Math.max(-clamp, Math.min(clamp, p.sdf()[i]));
                double d = pc - tc;
                main += Math.abs(d);
                boolean passes = f > -clamp && f < clamp;
                g[i] = passes && d != 0 ? (float) (Math.signum(d) / n) : 0f;
            }
            terms.put("l1", main / n);
        } else {
            float[] z = outputs.raw().toFloatVector();
            for (int i = 0; i < n; i++) {
                double zi = z[i], y = p.inside()[i];
                // BCE with logits, stable form: max(z,0) - z y + log(1 + exp(-|z|))
                main += Math.max(zi, 0) - zi * y + Math.log1p(Math.exp(-Math.abs(zi)));
                // dL/dp = (p - y) / (p (1 - p)) with p (1 - p) = s(z) s(-z); the network multiplies it back in
                double s = 1 / (1 + Math.exp(-zi)), sm = 1 / (1 + Math.exp(zi));
                g[i] = (float) ((s - y) / Math.max(s * sm, 1e-30) / n);
            }
            terms.put("bce", main / n);
        }
        if (ne > 0) {
            double e = 0;
            for (int i = 0; i < ne; i++) {
                int base = n + 6 * i;
                double gx = (out[base] - out[base + 1]) / (2 * H);
                double gy = (out[base + 2] - out[base + 3]) / (2 * H);
                double gz = (out[base + 4] - out[base + 5]) / (2 * H);
                double norm = Math.sqrt(gx * gx + gy * gy + gz * gz) + 1e-12;
                e += (norm - 1) * (norm - 1);
                double k = eikonalWeight * 2 * (norm - 1) / norm / ne / (2 * H);
                double[] gr = {gx, gy, gz};
                for (int a = 0; a < 3; a++) {
                    g[base + 2 * a] = (float) (k * gr[a]);
                    g[base + 2 * a + 1] = (float) (-k * gr[a]);
                }
            }
            terms.put("eikonal", eikonalWeight * e / ne);
        }
        gradOut.assign(Nd4j.create(g, new long[]{g.length, 1}, 'c'));
        return terms;
    }

    @Override public Map<String, Double> evaluate(FieldNetwork net) {
        return evaluator == null ? Map.of() : evaluator.evaluate(net);
    }
}
