package dev.fields.task.ct;

import dev.fields.ct.CtMetrics;
import dev.fields.ct.SystemMatrix;
import dev.fields.ct.TotalVariation;
import dev.fields.io.ct.Geometry;
import dev.fields.nn.FieldNetwork;
import dev.fields.ray.LineIntegral;
import dev.fields.ray.Rays;
import dev.fields.ray.Samples;
import dev.fields.ray.StratifiedSampler;
import dev.fields.train.Task;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CT reconstruction: the field μ(x, y) ≥ 0 (after its head) is projected and compared with the sinogram b by
 * {@code mse = mean((P μ − b)²)} over the measured rays. Two projectors P:
 * <ul>
 *   <li>{@code MATRIX}: μ on the reconstruction grid's pixel centres, times the ray-driven system matrix A; then
 *       {@code d mse / d μ = 2 Aᵀ (A μ − b) / m}. Every step sees every ray (full batch).</li>
 *   <li>{@code RAYS}: a random subset of rays, each sampled at k jittered stratified points through the field, the line
 *       integral Σ μ δ (the ray layer's {@link LineIntegral}) and its backward pass. The same form reaches 3-D cone
 *       beams; its cost is rays × k network evaluations.</li>
 * </ul>
 * Field coordinates are world coordinates divided by the grid's half width (the field's box is [−1, 1]²); lengths δ
 * stay in world units. The field's value v stands for μ / s ({@code valueScale} s), and the loss compares A v with
 * b / s, so data in any unit trains at the same scale. With {@code tv > 0} (matrix form) the loss adds
 * {@code tv · TV(v)}, TV the mean isotropic total variation √(Δx² + Δy² + ε) of v over the grid's forward
 * differences ({@link TotalVariation}). The first {@code warmStart} steps (matrix form) fit v to a classical
 * reconstruction on the grid instead, {@code mean((v − x₀/s)²)} (term {@code warm_mse}), so the field starts from its
 * detail; then the projection loss takes over.
 */
final class CtTask implements Task<CtTask.Rows> {
    /** A step's inputs and, for the ray form, which rays and samples they are. */
    record Rows(INDArray inputs, int[] rays, Samples samples, boolean warm) implements Task.Batch {}

    private final Measurement scan;
    private final CtConfig.Forward forward;
    private final float[] grid;      // pixel centres in field units, gridSize² × 2
    private final INDArray gridX;
    private final SystemMatrix matrix;
    private final float[] mu, proj, resid, dmu;
    private final int raysPerStep;
    private final StratifiedSampler sampler;
    private final Samples samples = new Samples();
    private final Rays allRays, stepRays = new Rays(2);
    private final double half, scale, tv;
    private final float[] target;
    private final float[] tvGrad;
    private final float[] warmTarget; // x₀ / s on the grid, null without a warm start
    private final int warmSteps;

    CtTask(Measurement scan, CtConfig c, SystemMatrix matrix, double scale, float[] warmImage) {
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("value scale must be finite and > 0, got " + scale);
        this.scan = scan;
        this.scale = scale;
        this.tv = c.tv();
        float[] sino = scan.sinogram();
        this.target = new float[sino.length];
        for (int i = 0; i < sino.length; i++) target[i] = (float) (sino[i] / scale);
        this.forward = c.forward();
        Geometry g = scan.geometry();
        this.half = g.halfWidth();
        this.grid = gridCentres(g);
        this.gridX = Nd4j.create(grid, new long[]{grid.length / 2, 2}, 'c');
        int rows = g.views() * g.detectors(), n = g.gridSize() * g.gridSize();
        this.matrix = matrix;
        int raysTotal = rows;
        this.raysPerStep = c.raysPerStep() <= 0 || c.raysPerStep() >= raysTotal ? raysTotal : c.raysPerStep();
        this.sampler = new StratifiedSampler(c.samplesPerRay());
        this.allRays = forward == CtConfig.Forward.RAYS ? CtRays.of(g) : null;
        this.mu = new float[forward == CtConfig.Forward.MATRIX ? n : raysPerStep * c.samplesPerRay()];
        this.proj = new float[forward == CtConfig.Forward.MATRIX ? rows : raysPerStep];
        this.resid = new float[proj.length];
        this.dmu = new float[mu.length];
        this.tvGrad = tv > 0 ? new float[mu.length] : null;
        this.warmSteps = forward == CtConfig.Forward.MATRIX ? c.warmStart() : 0;
        if (warmSteps > 0) {
            if (warmImage == null || warmImage.length != n) throw new IllegalArgumentException("a warm start needs a baseline image of " + n + " pixels");
            warmTarget = new float[n];
            for (int i = 0; i < n; i++) warmTarget[i] = (float) (warmImage[i] / scale);
        } else {
            warmTarget = null;
        }
    }

    /** Pixel centres of the grid in field units (world / half width), row-major, row 0 at the top. */
    static float[] gridCentres(Geometry g) {
        int n = g.gridSize();
        double c = (n - 1) / 2.0, h = g.halfWidth(), p = g.pixelSize();
        float[] xy = new float[2 * n * n];
        for (int r = 0, k = 0; r < n; r++)
            for (int col = 0; col < n; col++, k++) {
                xy[2 * k] = (float) ((col - c) * p / h);
                xy[2 * k + 1] = (float) ((c - r) * p / h);
            }
        return xy;
    }

    @Override public Rows sample(long step, SplittableRandom rng, FieldNetwork field) {
        if (forward == CtConfig.Forward.MATRIX) return new Rows(gridX, null, null, step < warmSteps);
        int total = allRays.count();
        int[] pick = new int[raysPerStep];
        if (raysPerStep == total) for (int i = 0; i < total; i++) pick[i] = i;
        else for (int i = 0; i < raysPerStep; i++) pick[i] = rng.nextInt(total);
        float[] o = new float[2 * raysPerStep], d = new float[2 * raysPerStep];
        for (int i = 0; i < raysPerStep; i++) {
            int r = pick[i];
            o[2 * i] = allRays.origins()[2 * r];
            o[2 * i + 1] = allRays.origins()[2 * r + 1];
            d[2 * i] = allRays.directions()[2 * r];
            d[2 * i + 1] = allRays.directions()[2 * r + 1];
        }
        stepRays.set(o, d).clipToBox(new double[]{-half, -half}, new double[]{half, half});
        sampler.jittered(stepRays, rng, samples);
        float[] pts = samples.points();
        float[] scaled = new float[pts.length];
        for (int i = 0; i < pts.length; i++) scaled[i] = (float) (pts[i] / half);
        return new Rows(Nd4j.create(scaled, new long[]{samples.count(), 2}, 'c'), pick, samples, false);
    }

    @Override public LinkedHashMap<String, Double> loss(Rows b, FieldNetwork.Outputs out, INDArray grad) {
        float[] values = out.values().castTo(DataType.FLOAT).data().asFloat();
        System.arraycopy(values, 0, mu, 0, mu.length);
        if (b.warm()) return warmLoss(grad);
        int m = proj.length;
        if (forward == CtConfig.Forward.MATRIX) matrix.forward(mu, proj);
        else LineIntegral.forward(b.samples(), mu, proj);
        double se = 0;
        for (int i = 0; i < m; i++) {
            double r = proj[i] - target[b.rays() == null ? i : b.rays()[i]];
            se += r * r;
            resid[i] = (float) (2 * r / m);
        }
        if (forward == CtConfig.Forward.MATRIX) matrix.transpose(resid, dmu);
        else LineIntegral.backward(b.samples(), resid, dmu);
        LinkedHashMap<String, Double> t = new LinkedHashMap<>();
        t.put("projection_mse", se / m);
        if (tv > 0) {
            int n = scan.geometry().gridSize();
            double value = TotalVariation.valueAndGradient(mu, n, tvGrad);
            for (int i = 0; i < dmu.length; i++) dmu[i] += (float) (tv * tvGrad[i]);
            t.put("tv", tv * value);
        }
        grad.assign(Nd4j.create(dmu, new long[]{dmu.length, 1}, 'c').castTo(grad.dataType()));
        return t;
    }

    /** The warm-start term: {@code mean((v − x₀/s)²)} over the grid and its gradient. */
    private LinkedHashMap<String, Double> warmLoss(INDArray grad) {
        double se = 0;
        int n = mu.length;
        for (int i = 0; i < n; i++) {
            double r = mu[i] - warmTarget[i];
            se += r * r;
            dmu[i] = (float) (2 * r / n);
        }
        grad.assign(Nd4j.create(dmu, new long[]{n, 1}, 'c').castTo(grad.dataType()));
        LinkedHashMap<String, Double> t = new LinkedHashMap<>();
        t.put("warm_mse", se / n);
        return t;
    }

    @Override public Map<String, Double> evaluate(FieldNetwork net) {
        if (scan.truth() == null) return Map.of();
        float[] img = net.predict(grid, grid.length / 2);
        for (int i = 0; i < img.length; i++) img[i] *= (float) scale;
        return Map.of("psnr", CtMetrics.psnrInCircle(img, scan.truth(), scan.geometry().gridSize()));
    }

    float[] grid() { return grid; }
}
