package dev.fields.task.ct;

import dev.fields.ct.CtMetrics;
import dev.fields.ct.Fbp;
import dev.fields.ct.Noise;
import dev.fields.ct.Sirt;
import dev.fields.ct.SystemMatrix;
import dev.fields.eval.BlobField;
import dev.fields.fit.Artifact;
import dev.fields.fit.Evaluation;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitProblem;
import dev.fields.io.array.NpyWriter;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.ct.FloatTiff;
import dev.fields.io.blob.ValueRange;
import dev.fields.io.ct.Geometry;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.Output;
import dev.fields.train.Task;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CT reconstruction as a fit: a 2-D attenuation field on the scan's reconstruction grid (field box [−1, 1]², frame
 * scale = the grid's half width), trained through a projector against the sinogram, with the classical baselines
 * (FBP, SIRT) computed in the same run on the same sinogram. Metrics (PSNR and SSIM inside the reconstruction circle,
 * peak = the truth's maximum) are reported for every method when the truth is known; artifacts are the
 * reconstruction as .npy, TIFF and PNG and a comparison figure.
 */
public final class CtProblem implements FitProblem {
    private final CtConfig c;
    private final Measurement scan;
    private final FieldSpec spec;
    private final SystemMatrix matrix;
    private final List<Baseline> baselines = new ArrayList<>();
    private final String name;
    private final double valueScale;

    /** One classical reconstruction and its cost. */
    record Baseline(String method, float[] image, double seconds) {}

    public CtProblem(FitConfig config, PrintStream log) { this(config, CtScans.load((CtConfig) config.task(), config.training().seed()), log); }

    /** A problem on a scan already in memory (benchmarks build it once for several fits). */
    public CtProblem(FitConfig config, Measurement scan, PrintStream log) {
        this.c = (CtConfig) config.task();
        this.scan = scan;
        this.name = c.name();
        Geometry g = scan.geometry();
        long t0 = System.nanoTime();
        this.matrix = SystemMatrix.of(g);
        if (log != null) log.printf(Locale.ROOT, "fit-ct %s: %s; system matrix %,d non-zeros (%.1f MB) in %.1f s%n", c.source(), g,
                matrix.nonZeros(), matrix.bytes() / 1e6, (System.nanoTime() - t0) / 1e9);
        double h = g.halfWidth();
        this.spec = new FieldSpec(2, config.encoding(), config.network(), List.of(new Output(Channel.ATTENUATION, 1, c.head())),
                new Frame(new double[]{-1, -1}, new double[]{1, 1}, h, new double[]{0, 0}, new int[]{g.gridSize(), g.gridSize()}), 0);
        runBaselines(log);
        this.valueScale = c.valueScale() > 0 ? c.valueScale() : automaticScale(baselines.get(baselines.size() - 1).image());
    }

    /** 1.1 × the 99.9th percentile of a baseline reconstruction (1 if it is all zero). */
    static double automaticScale(float[] image) {
        double p = percentile(image, 0.999);
        return p > 0 && Double.isFinite(p) ? 1.1 * p : 1;
    }

    /** The q-quantile (0..1, nearest rank below) of an image's values. */
    private static double percentile(float[] image, double q) {
        float[] f = image.clone();
        java.util.Arrays.sort(f);
        return f[(int) (q * (f.length - 1))];
    }

    /** The attenuation the field's value 1 stands for. */
    public double valueScale() { return valueScale; }

    private void runBaselines(PrintStream log) {
        Geometry g = scan.geometry();
        long t = System.nanoTime();
        Fbp fbp = new Fbp(g, Fbp.Filter.parse(c.fbpFilter()));
        float[] f = fbp.reconstruct(scan.sinogram());
        baselines.add(new Baseline("fbp", f, (System.nanoTime() - t) / 1e9));
        if (c.sirtIterations() > 0) {
            t = System.nanoTime();
            float[] s = new Sirt(matrix).reconstruct(scan.sinogram(), c.sirtIterations(), null);
            baselines.add(new Baseline("sirt", s, (System.nanoTime() - t) / 1e9));
        }
        if (log != null) {
            StringBuilder sb = new StringBuilder("baselines:");
            for (Baseline b : baselines) {
                sb.append(String.format(Locale.ROOT, "  %s %.1f s", label(b.method()), b.seconds()));
                if (scan.truth() != null) sb.append(String.format(Locale.ROOT, " (%.2f dB)", psnr(b.image())));
            }
            log.println(sb);
        }
    }

    private String label(String method) {
        return switch (method) {
            case "fbp" -> "FBP (" + c.fbpFilter() + ")";
            case "sirt" -> "SIRT-" + c.sirtIterations();
            default -> method;
        };
    }

    private double psnr(float[] img) { return CtMetrics.psnrInCircle(img, scan.truth(), scan.geometry().gridSize()); }

    private double ssim(float[] img) { return CtMetrics.ssimInCircle(img, scan.truth(), scan.geometry().gridSize()); }

    Measurement scan() { return scan; }

    @Override public String task() { return "ct"; }

    @Override public FieldSpec spec() { return spec; }

    @Override public Task<?> newTask() { return new CtTask(scan, c, matrix, valueScale, baselines.get(baselines.size() - 1).image()); }

    @Override public String describe(long parameters, int steps) {
        Geometry g = scan.geometry();
        return String.format(Locale.ROOT, "training an attenuation field (%s projector%s, value 1 = %.4g): %,d parameters, %d steps, %d views × %d detectors, %s",
                c.forward().name().toLowerCase(Locale.ROOT), c.tv() > 0 ? String.format(Locale.ROOT, ", TV %.3g", c.tv()) : "", valueScale,
                parameters, steps, g.views(), g.detectors(), scan.description());
    }

    @Override public Evaluation evaluate(FieldBlob saved, PrintStream log) {
        Geometry g = scan.geometry();
        int n = g.gridSize();
        float[] grid = CtTask.gridCentres(g);
        float[] recon = new BlobField(saved).evaluate(grid, n * n);
        for (int i = 0; i < recon.length; i++) recon[i] *= (float) valueScale;
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        Map<String, Double> refs = new LinkedHashMap<>();
        if (scan.truth() != null) {
            m.put("psnr", psnr(recon));
            m.put("ssim", ssim(recon));
            for (Baseline b : baselines) {
                double p = psnr(b.image());
                m.put(b.method() + "_psnr", p);
                m.put(b.method() + "_ssim", ssim(b.image()));
                refs.put(label(b.method()) + String.format(Locale.ROOT, " %.2f dB", p), p);
            }
        }
        for (Baseline b : baselines) m.put(b.method() + "_seconds", b.seconds());
        float[] proj = new float[g.views() * g.detectors()];
        matrix.forward(recon, proj);
        double se = 0;
        for (int i = 0; i < proj.length; i++) { double d = proj[i] - scan.sinogram()[i]; se += d * d; }
        m.put("projection_rmse", Math.sqrt(se / proj.length));
        // the blob's display window in render and view, in the blob's own unit (μ / value scale)
        ValueRange range = ValueRange.of(recon);
        m.putAll(new ValueRange(range.low() / valueScale, range.high() / valueScale).metrics());
        m.put("value_scale", valueScale);
        if (log != null && scan.truth() != null) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "field %.2f dB (SSIM %.4f)", m.get("psnr"), m.get("ssim")));
            for (Baseline b : baselines) sb.append(String.format(Locale.ROOT, ", %s %.2f dB", label(b.method()), m.get(b.method() + "_psnr")));
            log.println(sb);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("geometry", g.toString());
        details.put("scan", scan.description());
        details.put("grid", n);
        details.put("value_scale", valueScale);
        List<Artifact> files = new ArrayList<>();
        files.add(new Artifact("_recon.npy", "the field on the reconstruction grid (float32, row 0 at the top)", p -> NpyWriter.write(p, recon, n, n)));
        files.add(new Artifact("_recon.tiff", "the field on the reconstruction grid (32-bit float TIFF, row 0 at the top)", p -> FloatTiff.write(p, recon, n, n)));
        files.add(new Artifact("_recon.png", "the field on the grid, window [0, peak]", p -> CtFigures.writeSlice(p, recon, n, window())));
        for (Baseline b : baselines)
            files.add(new Artifact("_" + b.method() + ".npy", label(b.method()) + " on the grid", p -> NpyWriter.write(p, b.image(), n, n)));
        files.add(new Artifact("_compare.png", "truth | baselines | field, with error maps", p -> CtFigures.writeComparison(p, this, recon, m)));
        return new Evaluation(saved.spec(), m, details, files, refs);
    }

    /** Display window [0, w]: the truth's maximum, or the FBP's 99.5th percentile without a truth. */
    double window() {
        if (scan.truth() != null) {
            double w = 0;
            for (float v : scan.truth()) w = Math.max(w, v);
            return w > 0 ? w : 1;
        }
        double w = percentile(baselines.get(0).image(), 0.995);
        return w > 0 ? w : 1;
    }

    List<Baseline> baselines() { return baselines; }

    String labelOf(String method) { return label(method); }

    static Noise noise(String s) { return Noise.parse(s); }
}
