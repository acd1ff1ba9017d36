package dev.fields.task.scene;

import dev.fields.io.scene.Scene;
import dev.fields.io.scene.SceneView;
import dev.fields.io.spec.ViewDependence;
import dev.fields.metrics.ImageMetrics;
import dev.fields.nn.FieldNetwork;
import dev.fields.ray.AlphaCompositor;
import dev.fields.ray.PinholeCamera;
import dev.fields.ray.Rays;
import dev.fields.ray.Samples;
import dev.fields.ray.StratifiedSampler;
import dev.fields.train.Task;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Volumetric inverse rendering: the field's density σ ≥ 0 and colour c ∈ [0, 1]³ (outputs DENSITY then RGB; with view
 * dependence the RGB output is spherical-harmonics coefficients and c = sigmoid(Σ_k c_k Y_k(ω)) along the ray's unit
 * direction ω, see {@link ViewDependence}: the loss's gradient flows back through that sum) are
 * composited along rays through random pixels of the train views and compared with the pixels by
 * {@code mse = mean over rays and channels of (C − C_true)²}, C the ray layer's front-to-back compositing over the
 * background ({@link AlphaCompositor}, early termination below transmittance {@code terminate}).
 *
 * <p>Per step: rays are drawn (view and pixel uniformly at random) and clipped to the box; each gets
 * {@code samplesPerRay} jittered stratified samples between near and far; samples in cells the {@link OccupancyGrid}
 * marks empty are dropped and count as σ = 0; rays are added until the next would take the kept samples past
 * {@code samplesPerStep} (or {@code maxRaysPerStep} rays), and the network's batch is padded to exactly
 * {@code samplesPerStep} rows (padding rows get zero gradient). The grid is updated from the field every
 * {@code occupancyEvery} steps before the step samples (every cell during the first {@code occupancyWarmup} steps,
 * then a random quarter), and rebuilt from the field on the first step a task runs (so a resumed run starts with a
 * fresh grid: its later steps differ slightly from an uninterrupted run's).
 *
 * <p>Metrics every evaluation: {@code test_psnr} on {@code evalViews} test views rendered at every
 * {@code evalStride}-th pixel. Each step also reports the batch's PSNR as a monitor ({@code batch_psnr}).
 */
final class SceneTask implements Task<SceneTask.Batch> {
    /** A step's network inputs and how they map back to the rays. */
    record Batch(INDArray inputs, int rays, int kept, Samples samples, int[] full, float[] target, float[] directions) implements Task.Batch {}

    private final SceneConfig c;
    private final SceneFrame frame;
    private final OccupancyGrid grid;
    private final List<PinholeCamera> cameras;
    private final List<float[]> pixels;
    private final List<SceneView> evalViews;
    private final float[] background;
    private final StratifiedSampler sampler;
    private final AlphaCompositor compositor;
    private final Rays candidates = new Rays(3);
    private final Samples candidateSamples = new Samples();
    private final float[] points, stepT, stepDelta; // scratch of one step: its batch is used before the next sample
    private final int[] rayView, rayPixel, full;
    private final float[] rayDirection;
    private final ViewDependence viewDependence;
    private final int outputs; // per sample: density then the RGB output (3, or 3 (d+1)² coefficients)
    private double keptPerRay;
    private double lastPsnr = Double.NaN;
    final StepTimes times = new StepTimes();

    SceneTask(Scene scene, SceneConfig c, SceneFrame frame) {
        this.c = c;
        this.frame = frame;
        this.grid = new OccupancyGrid(frame.lo(), frame.hi(), c.occupancyResolution(), c.occupancyDecay(), c.occupancyThreshold());
        this.cameras = scene.train().stream().map(SceneFrame::camera).toList();
        this.pixels = scene.train().stream().map(v -> v.rgb().data()).toList();
        List<SceneView> test = scene.test().isEmpty() ? scene.val() : scene.test();
        this.evalViews = test.subList(0, Math.min(c.evalViews(), test.size()));
        this.background = scene.background();
        this.sampler = new StratifiedSampler(c.samplesPerRay());
        this.compositor = new AlphaCompositor(c.terminate(), background);
        this.points = new float[3 * c.samplesPerStep()];
        this.stepT = new float[c.maxRaysPerStep() * c.samplesPerRay()];
        this.stepDelta = new float[stepT.length];
        this.rayView = new int[c.maxRaysPerStep()];
        this.rayPixel = new int[c.maxRaysPerStep()];
        this.full = new int[c.samplesPerStep()];
        this.rayDirection = new float[3 * c.maxRaysPerStep()];
        this.viewDependence = c.viewDependence();
        this.outputs = 1 + viewDependence.rgbSize();
        this.keptPerRay = c.samplesPerRay();
    }

    OccupancyGrid grid() { return grid; }

    /** The density column of the network's outputs at {@code n} points. */
    static OccupancyGrid.Density density(FieldNetwork net) {
        int o = net.spec().outputDim();
        return (pts, n) -> {
            float[] out = net.predict(pts, n);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) s[i] = out[o * i];
            return s;
        };
    }

    @Override public Batch sample(long step, SplittableRandom rng, FieldNetwork field) {
        long t0 = System.nanoTime();
        times.stepStarted(t0);
        if (!grid.updated() || (step + 1) % c.occupancyEvery() == 0)
            grid.update(density(field), rng.split(), step < c.occupancyWarmup());
        long t1 = System.nanoTime();
        int k = c.samplesPerRay(), budget = c.samplesPerStep(), maxRays = c.maxRaysPerStep();
        float[] t = stepT, delta = stepDelta;
        int rays = 0, kept = 0;
        boolean full_ = false;
        while (!full_ && rays < maxRays) {
            int want = (int) Math.min(maxRays - rays, Math.ceil(1.25 * (budget - kept) / Math.max(1, keptPerRay)) + 16);
            float[] o = new float[3 * want], d = new float[3 * want];
            int[] view = new int[want], pix = new int[want];
            for (int r = 0; r < want; r++) {
                view[r] = rng.nextInt(cameras.size());
                PinholeCamera cam = cameras.get(view[r]);
                pix[r] = rng.nextInt(cam.pixels());
                frame.pixelRay(cam, pix[r], o, d, r);
            }
            candidates.set(o, d).clipToBox(frame.lo(), frame.hi());
            sampler.jittered(candidates, rng, candidateSamples);
            float[] cp = candidateSamples.points(), ct = candidateSamples.t(), cd = candidateSamples.delta();
            for (int r = 0; r < want; r++) {
                int base = r * k, n = 0;
                for (int i = 0; i < k; i++) {
                    int j = base + i;
                    if (cd[j] > 0 && grid.occupied(cp[3 * j], cp[3 * j + 1], cp[3 * j + 2])) n++;
                }
                if (kept + n > budget) { full_ = true; break; }
                int to = rays * k;
                System.arraycopy(ct, base, t, to, k);
                for (int i = 0; i < k; i++) {
                    int j = base + i;
                    boolean occupied = cd[j] > 0 && grid.occupied(cp[3 * j], cp[3 * j + 1], cp[3 * j + 2]);
                    delta[to + i] = cd[j];
                    if (occupied) {
                        System.arraycopy(cp, 3 * j, points, 3 * kept, 3);
                        full[kept++] = to + i;
                    }
                }
                rayView[rays] = view[r];
                rayPixel[rays] = pix[r];
                System.arraycopy(d, 3 * r, rayDirection, 3 * rays, 3);
                rays++;
                if (rays == maxRays) break;
            }
        }
        java.util.Arrays.fill(points, 3 * kept, points.length, 0f);
        keptPerRay = Math.max(1e-3, (double) kept / Math.max(1, rays));
        Samples s = new Samples().resize(rays, k, 1); // the compositor reads t and δ only
        System.arraycopy(t, 0, s.t(), 0, rays * k);
        System.arraycopy(delta, 0, s.delta(), 0, rays * k);
        float[] target = new float[3 * rays];
        for (int r = 0; r < rays; r++) System.arraycopy(pixels.get(rayView[r]), 3 * rayPixel[r], target, 3 * r, 3);
        INDArray in = Nd4j.create(points, new long[]{budget, 3}, 'c');
        long t2 = System.nanoTime();
        times.sampled(t1 - t0, t2 - t1, t2, rays, kept);
        return new Batch(in, rays, kept, s, full, target, java.util.Arrays.copyOf(rayDirection, 3 * rays));
    }

    @Override public LinkedHashMap<String, Double> loss(Batch b, FieldNetwork.Outputs out, INDArray grad) {
        long t0 = System.nanoTime();
        times.forwardDone(t0);
        float[] v = out.values().castTo(DataType.FLOAT).data().asFloat();
        int rays = b.rays(), k = c.samplesPerRay(), n = rays * k, kept = b.kept(), o = outputs, nb = viewDependence.coefficients();
        float[] sigma = new float[n], rgb = new float[3 * n], dir = b.directions();
        double[] basis = new double[rays * nb]; // per ray: its direction's SH basis (NONE: 1)
        for (int r = 0; r < rays; r++) viewDependence.basis(dir[3 * r], dir[3 * r + 1], dir[3 * r + 2], basis, r * nb);
        int[] full = b.full();
        for (int i = 0; i < kept; i++) {
            int j = full[i];
            sigma[j] = v[o * i];
            viewDependence.colour(v, o * i + 1, basis, j / k * nb, rgb, 3 * j);
        }
        float[] colour = new float[3 * rays], dColour = new float[3 * rays];
        compositor.forward(b.samples(), sigma, rgb, colour, null, null);
        double se = 0;
        float[] target = b.target();
        double scale = 2.0 / Math.max(1, 3 * rays);
        for (int i = 0; i < 3 * rays; i++) {
            double e = colour[i] - target[i];
            se += e * e;
            dColour[i] = (float) (scale * e);
        }
        float[] dSigma = new float[n], dRgb = new float[3 * n];
        compositor.backward(b.samples(), sigma, rgb, dColour, null, null, dSigma, dRgb);
        float[] g = new float[o * c.samplesPerStep()];
        for (int i = 0; i < kept; i++) {
            int j = full[i];
            g[o * i] = dSigma[j];
            viewDependence.colourBackward(rgb, dRgb, 3 * j, basis, j / k * nb, g, o * i + 1);
        }
        grad.assign(Nd4j.create(g, new long[]{c.samplesPerStep(), o}, 'c').castTo(grad.dataType()));
        double mse = se / Math.max(1, 3 * rays);
        lastPsnr = ImageMetrics.psnr(mse);
        LinkedHashMap<String, Double> terms = new LinkedHashMap<>();
        terms.put("rgb_mse", mse);
        times.lossDone(t0, System.nanoTime());
        return terms;
    }

    @Override public Map<String, Double> monitors() {
        return Double.isNaN(lastPsnr) ? Map.of() : Map.of("batch_psnr", lastPsnr);
    }

    @Override public Map<String, Double> evaluate(FieldNetwork net) {
        if (evalViews.isEmpty()) return Map.of();
        long t0 = System.nanoTime();
        VolumeRenderer renderer = new VolumeRenderer(c.samplesPerRay(), grid, background, c.terminate(), viewDependence);
        double se = 0;
        long count = 0;
        for (SceneView v : evalViews) {
            PinholeCamera cam = SceneFrame.camera(v);
            int w = cam.width(), h = cam.height(), st = c.evalStride();
            int nw = (w + st - 1) / st, nh = (h + st - 1) / st, n = nw * nh;
            float[] o = new float[3 * n], d = new float[3 * n];
            int[] pix = new int[n];
            for (int y = 0, r = 0; y < h; y += st)
                for (int x = 0; x < w; x += st, r++) {
                    pix[r] = y * w + x;
                    frame.pixelRay(cam, pix[r], o, d, r);
                }
            Rays rays = Rays.of(3, o, d).clipToBox(frame.lo(), frame.hi());
            float[] rgb = renderer.render(rays, net::predict);
            float[] truth = v.rgb().data();
            for (int r = 0; r < n; r++)
                for (int ch = 0; ch < 3; ch++) {
                    double e = rgb[3 * r + ch] - truth[3 * pix[r] + ch];
                    se += e * e;
                    count++;
                }
        }
        times.evaluated(System.nanoTime() - t0);
        return Map.of("test_psnr", ImageMetrics.psnr(se / count));
    }
}
