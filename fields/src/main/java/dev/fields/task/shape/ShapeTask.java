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
 * plus two terms on the field's input gradient ∇f, taken by {@link ForwardDifferences} at up to
 * {@code gradientPoints} points of the batch: a normal term |∇f − n|² at surface points (n the mesh's outward normal;
 * IGR) and an eikonal term (|∇f| − 1)² at the other points (IGR, SIREN). Each term is a mean over its points, times
 * its weight. Occupancy mode (sigmoid head): binary cross-entropy, computed from the raw logits in its stable form
 * (Fourier-features paper); the gradient terms do not apply.
 */
public final class ShapeTask implements Task<ShapeTask.Points> {
    /** Field kind. */
    public enum Mode { SDF, OCCUPANCY }

    /** Draws fresh labelled points. */
    public interface Sampler {
        /**
         * xyz (3n), signed distance (n, negative inside), inside labels (n, 0/1) and normals (3n): the outward normal
         * of a surface point, NaN for any other point.
         */
        void draw(int n, SplittableRandom rng, float[] xyz, float[] sdf, float[] inside, float[] normals);
    }

    /** Periodic metrics (e.g. IoU on held-out points) computed from the current network. */
    public interface Evaluator { Map<String, Double> evaluate(FieldNetwork net); }

    /**
     * A step's points: {@code batch} labelled points, then three stencil rows for each of the first
     * {@code gradientPoints} entries of {@code centres} (batch rows carrying a gradient term).
     */
    public record Points(INDArray inputs, float[] sdf, float[] inside, float[] normals, int batch, int[] centres, int gradientPoints)
            implements Task.Batch {}

    /** Weights of the gradient terms and how many batch points carry one per step. */
    public record GradientTerms(double eikonal, double normal, int points) {
        public static GradientTerms none() { return new GradientTerms(0, 0, 0); }
        boolean active() { return points > 0 && (eikonal > 0 || normal > 0); }
    }

    private final Mode mode;
    private final Sampler sampler;
    private final int batch;
    private final double clamp;
    private final GradientTerms terms;
    private final float[] xyz, sdf, inside, normals, g;
    private final int[] centres;
    private final INDArray x;
    private final Evaluator evaluator;

    public ShapeTask(Mode mode, Sampler sampler, int batch, double clamp, GradientTerms terms, Evaluator evaluator) {
        this.mode = mode;
        this.sampler = sampler;
        this.batch = batch;
        this.clamp = clamp > 0 ? clamp : Double.POSITIVE_INFINITY;
        this.terms = mode == Mode.SDF && terms.active() ? terms : GradientTerms.none();
        this.evaluator = evaluator;
        int gp = Math.min(this.terms.points(), batch);
        xyz = new float[3 * batch];
        sdf = new float[batch];
        inside = new float[batch];
        normals = new float[3 * batch];
        centres = new int[gp];
        g = new float[batch + 3 * gp];
        x = Nd4j.create(DataType.FLOAT, batch + 3L * gp, 3);
    }

    @Override public Points sample(long step, SplittableRandom rng, FieldNetwork field) {
        sampler.draw(batch, rng, xyz, sdf, inside, normals);
        // the batch comes in random order, so its first qualifying points are a random subset of each kind
        int m = 0;
        for (int i = 0; i < batch && m < centres.length; i++)
            if (isSurface(i) ? terms.normal() > 0 || terms.eikonal() > 0 : terms.eikonal() > 0) centres[m++] = i;
        FloatBuffer b = x.data().asNioFloat();
        b.position(0);
        b.put(xyz);
        ForwardDifferences.append(b, xyz, centres, m);
        // stencil rows left over (a batch with too few qualifying points) repeat the first point and get no gradient
        for (int r = batch + 3 * m; r < batch + 3 * centres.length; r++) b.put(xyz, 0, 3);
        return new Points(x, sdf, inside, normals, batch, centres, m);
    }

    private boolean isSurface(int i) { return !Float.isNaN(normals[3 * i]); }

    @Override public LinkedHashMap<String, Double> loss(Points p, FieldNetwork.Outputs outputs, INDArray gradOut) {
        int n = p.batch(), m = p.gradientPoints();
        if (outputs.values().length() != n + 3L * p.centres().length || outputs.values().columns() != 1)
            throw new IllegalStateException("shape task expects one output per point");
        float[] out = outputs.values().toFloatVector();
        Arrays.fill(g, 0f);
        LinkedHashMap<String, Double> t = new LinkedHashMap<>();
        double main = 0;
        if (mode == Mode.SDF) {
            for (int i = 0; i < n; i++) {
                double f = out[i], pc = Math.max(-clamp, Math.min(clamp, f)), tc = Math.max(-clamp, Math.min(clamp, p.sdf()[i]));
                double d = pc - tc;
                main += Math.abs(d);
                boolean passes = f > -clamp && f < clamp;
                g[i] = passes && d != 0 ? (float) (Math.signum(d) / n) : 0f;
            }
            t.put("l1", main / n);
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
            t.put("bce", main / n);
        }
        if (terms.active()) gradientTerms(p, out, m, t);
        gradOut.assign(Nd4j.create(g, new long[]{g.length, 1}, 'c'));
        return t;
    }

    /** The normal and eikonal terms at the step's gradient points, added to {@code t} and to the output gradient. */
    private void gradientTerms(Points p, float[] out, int m, LinkedHashMap<String, Double> t) {
        float[] nrm = p.normals();
        int ns = 0, ne = 0;
        for (int i = 0; i < m; i++) {
            boolean surface = !Float.isNaN(nrm[3 * p.centres()[i]]);
            if (surface && terms.normal() > 0) ns++;
            else ne++;
        }
        double normalSum = 0, eikonalSum = 0;
        double[] gr = new double[3], dg = new double[3];
        for (int i = 0; i < m; i++) {
            int c = p.centres()[i], stencil = p.batch() + 3 * i;
            ForwardDifferences.gradient(out, c, stencil, gr);
            boolean surface = !Float.isNaN(nrm[3 * c]);
            if (surface && terms.normal() > 0) {
                double k = terms.normal() / ns;
                for (int a = 0; a < 3; a++) {
                    double d = gr[a] - nrm[3 * c + a];
                    normalSum += d * d;
                    dg[a] = 2 * k * d;
                }
            } else {
                double norm = Math.sqrt(gr[0] * gr[0] + gr[1] * gr[1] + gr[2] * gr[2]) + 1e-12;
                eikonalSum += (norm - 1) * (norm - 1);
                double k = terms.eikonal() / ne * 2 * (norm - 1) / norm;
                for (int a = 0; a < 3; a++) dg[a] = k * gr[a];
            }
            ForwardDifferences.scatter(g, c, stencil, dg);
        }
        if (terms.normal() > 0) t.put("normal", ns == 0 ? 0 : terms.normal() * normalSum / ns);
        if (terms.eikonal() > 0) t.put("eikonal", ne == 0 ? 0 : terms.eikonal() * eikonalSum / ne);
    }

    @Override public Map<String, Double> evaluate(FieldNetwork net) {
        return evaluator == null ? Map.of() : evaluator.evaluate(net);
    }
}
