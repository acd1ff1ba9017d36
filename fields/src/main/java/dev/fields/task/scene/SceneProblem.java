package dev.fields.task.scene;

import dev.fields.eval.BlobField;
import dev.fields.fit.Artifact;
import dev.fields.fit.Evaluation;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitProblem;
import dev.fields.io.UserError;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.FloatImage;
import dev.fields.io.scene.BackgroundColour;
import dev.fields.io.scene.Scene;
import dev.fields.io.scene.SceneBox;
import dev.fields.io.scene.SceneOptions;
import dev.fields.io.scene.SceneReader;
import dev.fields.io.scene.SceneView;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.Output;
import dev.fields.io.spec.ViewDependence;
import dev.fields.metrics.ImageMetrics;
import dev.fields.ray.PinholeCamera;
import dev.fields.ray.Rays;
import dev.fields.train.Task;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Volumetric inverse rendering as a fit: a radiance field (DENSITY with a non-negative head, then RGB with a sigmoid,
 * or with {@code task.viewDependence} sh:D the 3 (D+1)² spherical-harmonics coefficients of {@link ViewDependence})
 * on the scene box ({@link SceneFrame}), trained by {@link SceneTask} on the train views. Evaluated from the saved
 * blob: an occupancy grid is built from the blob's density (four jittered visits of every cell, no decay, then dilated
 * by one cell), the test
 * views are rendered at full size with it and early termination ({@link VolumeRenderer}), and PSNR and SSIM are
 * computed against the test images (mean over views, and per view in the details). Artifacts: a figure with every
 * rendered test view beside its truth and an error map, and a turntable strip of {@value #TURNTABLE_VIEWS} views around
 * the scene's up axis ({@link Turntable}: {@value #TURNTABLE_ELEVATION_DEG}° up, at most {@value #TURNTABLE_MAX_SIDE}
 * pixels a side) rendered the same way.
 */
public final class SceneProblem implements FitProblem {
    static final int TURNTABLE_VIEWS = 8, TURNTABLE_MAX_SIDE = 128;
    static final double TURNTABLE_ELEVATION_DEG = 25;
    private final SceneConfig c;
    private final Scene scene;
    private final SceneFrame frame;
    private final FieldSpec spec;
    private SceneTask task;

    public SceneProblem(FitConfig config, PrintStream log) {
        this.c = (SceneConfig) config.task();
        float[] bg = c.background() == null ? SceneOptions.WHITE : BackgroundColour.parse(c.background());
        SceneBox bounds = c.bounds() == null ? null : SceneBox.parse(c.bounds());
        this.scene = SceneReader.read(Path.of(c.source()), new SceneOptions(bg, bounds));
        if (scene.train().isEmpty()) throw new UserError("scene " + c.source() + " has no train views — list frames in transforms_train.json (or transforms.json)");
        if (testViews().isEmpty())
            throw new UserError("scene " + c.source() + " has no test views to score the field on — list frames in transforms_test.json (or give a single transforms.json: every 8th frame is held out)");
        this.frame = new SceneFrame(scene.box());
        ViewDependence view = c.viewDependence();
        Output colour = switch (view) {
            case NONE -> new Output(Channel.RGB, 3, Head.SIGMOID);
            case SH1, SH2, SH3 -> new Output(Channel.RGB, view.rgbSize(), Head.IDENTITY); // coefficients; the sigmoid follows the SH sum
        };
        this.spec = new FieldSpec(3, config.encoding(), config.network(),
                List.of(new Output(Channel.DENSITY, 1, c.densityHead()), colour), frame.frame(), 0, view);
        if (log != null) log.println("fit-scene " + scene.describe());
    }

    Scene scene() { return scene; }

    /** The scene box in world units: min x, y, z then max x, y, z (what a reference implementation needs to match). */
    public double[] box() {
        double[] b = new double[6];
        System.arraycopy(scene.box().min(), 0, b, 0, 3);
        System.arraycopy(scene.box().max(), 0, b, 3, 3);
        return b;
    }

    @Override public String task() { return "scene"; }

    @Override public FieldSpec spec() { return spec; }

    @Override public Task<?> newTask() {
        task = new SceneTask(scene, c, frame);
        return task;
    }

    @Override public String describe(long parameters, int steps) {
        String colour = switch (c.viewDependence()) {
            case NONE -> "view-independent colour";
            case SH1, SH2, SH3 -> "view-dependent colour (spherical harmonics of degree " + c.viewDependence().degree() + ", "
                    + c.viewDependence().rgbSize() + " coefficients)";
        };
        return String.format(Locale.ROOT, "training a radiance field (%s): %,d parameters, %d steps, %,d network samples per step (%d per ray, at most %,d rays),"
                        + " occupancy grid %d³ every %d steps, %d train views of %d×%d",
                colour, parameters, steps, c.samplesPerStep(), c.samplesPerRay(), c.maxRaysPerStep(), c.occupancyResolution(), c.occupancyEvery(),
                scene.train().size(), scene.width(), scene.height());
    }

    /** The test views the final metrics use: the test split (the validation split when it is empty), at most {@code testViews}. */
    List<SceneView> testViews() {
        List<SceneView> t = scene.test().isEmpty() ? scene.val() : scene.test();
        return c.testViews() > 0 && c.testViews() < t.size() ? t.subList(0, c.testViews()) : t;
    }

    @Override public Evaluation evaluate(FieldBlob saved, PrintStream log) {
        long t0 = System.nanoTime();
        BlobField field = new BlobField(saved);
        OccupancyGrid grid = new OccupancyGrid(frame.lo(), frame.hi(), c.occupancyResolution(), 1.0, c.occupancyThreshold());
        int o = saved.spec().outputDim();
        OccupancyGrid.Density density = (pts, n) -> {
            float[] out = field.evaluate(pts, n);
            float[] s = new float[n];
            for (int i = 0; i < n; i++) s[i] = out[o * i];
            return s;
        };
        SplittableRandom rng = new SplittableRandom(saved.provenance().seed() + 1);
        for (int pass = 0; pass < 4; pass++) grid.update(density, rng, true);
        grid.dilate();
        VolumeRenderer renderer = new VolumeRenderer(c.samplesPerRay(), grid, scene.background(), c.terminate(), saved.spec().viewDependence());
        List<SceneView> views = testViews();
        List<FloatImage> renders = new ArrayList<>();
        List<Map<String, Object>> perView = new ArrayList<>();
        double psnr = 0, ssim = 0;
        for (SceneView v : views) {
            FloatImage img = render(renderer, v, field);
            renders.add(img);
            double p = ImageMetrics.psnr(img.data(), v.rgb().data()), s = ImageMetrics.ssim(img, v.rgb());
            psnr += p;
            ssim += s;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("view", v.name());
            m.put("psnr", p);
            m.put("ssim", s);
            perView.add(m);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime(), before = renderer.evaluations();
        List<FloatImage> turntable = new ArrayList<>();
        for (PinholeCamera cam : Turntable.cameras(scene, views.get(0), TURNTABLE_VIEWS, TURNTABLE_ELEVATION_DEG, TURNTABLE_MAX_SIDE))
            turntable.add(render(renderer, cam, field));
        double turntableSeconds = (System.nanoTime() - t1) / 1e9;
        long turntableEvaluations = renderer.evaluations() - before;
        LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("psnr", psnr / views.size());
        metrics.put("ssim", ssim / views.size());
        metrics.put("test_views", (double) views.size());
        metrics.put("constant_psnr", constantPsnr(views));
        metrics.put("render_seconds", seconds);
        metrics.put("turntable_seconds", turntableSeconds);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scene", scene.describe());
        details.put("box", scene.box().toString());
        details.put("box_source", scene.boxSource());
        details.put("test_views", perView);
        details.put("occupied_fraction", grid.occupiedFraction());
        details.put("render_network_samples_per_pixel", (double) (renderer.evaluations() - turntableEvaluations) / Math.max(1, views.size() * scene.width() * scene.height()));
        if (task != null) {
            details.put("step_ms", task.times.perStep());
            details.put("training_occupied_fraction", task.grid().occupiedFraction());
            if (log != null) log.println(task.times.describe());
        }
        if (log != null)
            log.printf(Locale.ROOT, "test views: PSNR %.2f dB, SSIM %.4f (mean of %d; the best constant colour gives %.2f dB); rendered in %.1f s, %.1f network samples per pixel;"
                            + " turntable of %d views %dx%d in %.1f s%n",
                    metrics.get("psnr"), metrics.get("ssim"), views.size(), metrics.get("constant_psnr"), seconds,
                    (double) details.get("render_network_samples_per_pixel"), turntable.size(), turntable.get(0).width(), turntable.get(0).height(), turntableSeconds);
        List<Artifact> files = List.of(new Artifact("_test_views.png", "every rendered test view beside its truth, with an error map",
                        p -> SceneFigures.writeTestViews(p, c.name(), views, renders, perView)),
                new Artifact("_turntable.png", TURNTABLE_VIEWS + " views around the scene's up axis, side by side",
                        p -> SceneFigures.writeStrip(p, turntable)));
        return new Evaluation(saved.spec(), metrics, details, files, Map.of("best constant colour", metrics.get("constant_psnr")));
    }

    /** A view rendered at full size from the blob. */
    FloatImage render(VolumeRenderer renderer, SceneView v, BlobField field) { return render(renderer, SceneFrame.camera(v), field); }

    /** The picture of a camera (world units) rendered from the blob. */
    FloatImage render(VolumeRenderer renderer, PinholeCamera cam, BlobField field) {
        int n = cam.pixels();
        float[] o = new float[3 * n], d = new float[3 * n];
        for (int p = 0; p < n; p++) frame.pixelRay(cam, p, o, d, p);
        Rays rays = Rays.of(3, o, d).clipToBox(frame.lo(), frame.hi());
        return new FloatImage(cam.width(), cam.height(), 3, renderer.render(rays, field::evaluate));
    }

    /** PSNR of the best constant prediction: every test pixel the mean colour of the test pixels. */
    static double constantPsnr(List<SceneView> views) {
        double[] mean = new double[3];
        long n = 0;
        for (SceneView v : views) {
            float[] d = v.rgb().data();
            for (int i = 0; i < d.length; i++) mean[i % 3] += d[i];
            n += d.length / 3;
        }
        for (int ch = 0; ch < 3; ch++) mean[ch] /= n;
        double se = 0;
        for (SceneView v : views) {
            float[] d = v.rgb().data();
            for (int i = 0; i < d.length; i++) { double e = d[i] - mean[i % 3]; se += e * e; }
        }
        return ImageMetrics.psnr(se / (3.0 * n));
    }
}
