package dev.fields.bench;

import dev.fields.fit.FitConfig;
import dev.fields.fit.FitResult;
import dev.fields.fit.FitRunner;
import dev.fields.fit.FitSession;
import dev.fields.fit.TrainingConfig;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.task.shape.ShapeConfig;
import dev.fields.train.CoarseToFine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fields bench shape}: the fit-shape defaults (preset {@code shape}) at equal steps, one row per
 * (parameterization:encoding, eikonal:normal weights) pair, over several seeds; a Markdown table of the shape metrics
 * (IoU, Chamfer, normal consistency) and the distance-field metrics (angle between ∇f and the mesh normal, Lipschitz
 * estimate) as mean ± sample standard deviation, with training and whole-run seconds.
 */
@Command(name = "shape", mixinStandardHelpOptions = true,
        description = {"fit-shape defaults at equal steps over seeds: one row per --runs entry and --terms entry.",
                "Ablation of the distance-field terms: --runs rwf:ff --terms 0:0,0.01:0,0:0.01,0.01:0.01.",
                "Coarse-to-fine frequencies: --runs rwf:hash --coarse-to-fine off,0.25:0.5.",
                "Markdown table + DIR/shape-bench.json."})
public final class ShapeQualityBench implements Callable<Integer> {
    @Option(names = "--mesh", defaultValue = "scenes/bunny.obj") Path mesh;
    @Option(names = "--steps", defaultValue = "1500") int steps;
    @Option(names = "--mesh-res", defaultValue = "256") int meshRes;
    @Option(names = "--runs", split = ",", defaultValue = "rwf:hash,plain:hash,rwf:ff,plain:ff,rwf:pe",
            description = "param:encoding[:WIDTHxDEPTH] rows: param plain|wn|aa|rwf, encoding hash (the preset's grid and 2x64 MLP), "
                    + "ff (64 Gaussian Fourier features, sigma 1.5: the earlier default), pe (6 octaves) or none; ff/pe/none rows default to 3x64. Default: ${DEFAULT-VALUE}.") List<String> runs;
    @Option(names = "--terms", split = ",", defaultValue = "preset",
            description = "eikonal:normal weight pairs (e.g. 0:0 for the L1 term alone), or 'preset' for the preset's weights. Default: ${DEFAULT-VALUE}.")
    List<String> terms;
    @Option(names = "--coarse-to-fine", split = ",", defaultValue = "preset", paramLabel = "START:UNTIL|off|preset",
            description = "Coarse-to-fine schedules of the encoding's bands, one row each (see fit-shape --coarse-to-fine); 'preset' = the preset's. Default: ${DEFAULT-VALUE}.")
    List<String> coarseToFine;
    @Option(names = "--gradient-points", description = "Gradient points per step for rows with a gradient term (default: the preset's, or batch/8 if it has none).")
    Integer gradientPoints;
    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2", description = "Seeds of every row. Default: ${DEFAULT-VALUE}.") List<Long> seeds;
    @Option(names = "--out", defaultValue = "runs/bench-shape") Path out;

    /** The ff rows' encoding: the shape preset's before the hash grid (64 features, sigma 1.5), on a 3x64 MLP. */
    static final EncodingSpec FOURIER = new EncodingSpec.GaussianFourier(64, 1.5);

    private static final String[] KEYS = {"iou_uniform", "iou_near_surface", "chamfer_l1_over_diagonal", "fscore_1pct", "normal_consistency",
            "gradient_normal_angle_mean_deg", "gradient_normal_angle_p95_deg", "gradient_norm_p999_band", "step_secant_p999_band", "lipschitz_estimate", "tracer_lipschitz_bound"};

    @Override public Integer call() throws Exception {
        FitConfig base = BenchConfigs.preset("shape");
        ShapeConfig st = ((ShapeConfig) base.task()).withSource(mesh.toString()).withMesh(meshRes, 0);
        int gp = gradientPoints != null ? gradientPoints : st.gradientPoints() > 0 ? st.gradientPoints() : st.batch() / 8;
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| param | encoding | hidden | eikonal | normal | coarse-to-fine | IoU uniform | Chamfer-L1 / diag | normal consistency | "
                + "∇f–normal angle mean (°) | angle p95 (°) | \\|∇f\\| p99.9 | Lipschitz estimate (step secant p99.9) | tracer's bound | train s | wall s |\n"
                + "| --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String run : runs) {
            String[] r = run.split(":");
            if (r.length < 2 || r.length > 3) throw new UserError("--runs entries are param:encoding[:WIDTHxDEPTH], got '" + run + "'");
            // positional encoding: 6 octaves on the [-1,1]^3 box
            EncodingSpec enc = BenchConfigs.encoding(r[1], FOURIER, base.encoding(), 6);
            List<Integer> hidden = r.length == 3 ? BenchConfigs.hidden(r[2]) : r[1].equals("hash") ? base.network().hidden() : List.of(64, 64, 64);
            for (String term : terms) for (String schedule : coarseToFine) {
                ShapeConfig tc = withTerms(st, term, gp);
                TrainingConfig train = withSchedule(base.training(), schedule);
                Map<String, List<Double>> values = new LinkedHashMap<>();
                List<Double> secs = new ArrayList<>(), wall = new ArrayList<>();
                for (long seed : seeds) {
                    FitConfig c = base.withTask(tc).withEncoding(enc).withNetwork(BenchConfigs.network(base.network(), r[0], hidden))
                            .withTraining(train.withSteps(steps).withSeed(seed).withEvalEvery(Math.max(1, steps / 10)));
                    FitResult res = FitRunner.run(c, FitSession.silent());
                    for (String k : KEYS) values.computeIfAbsent(k, x -> new ArrayList<>()).add(res.metrics().getOrDefault(k, Double.NaN));
                    secs.add(res.training().seconds());
                    wall.add(res.seconds());
                    System.out.printf(Locale.ROOT, "%s %s eikonal %s normal %s coarse-to-fine %s seed %d: IoU %.4f, Chamfer/diag %.2e, normals %.4f, angle %.1f° (p95 %.1f°), Lipschitz %.2f (%.0f s training, %.0f s in all)%n",
                            r[0], r[1], tc.eikonal(), tc.normal(), describe(train.coarseToFine()), seed, res.metrics().get("iou_uniform"), res.metrics().get("chamfer_l1_over_diagonal"),
                            res.metrics().get("normal_consistency"), res.metrics().get("gradient_normal_angle_mean_deg"),
                            res.metrics().get("gradient_normal_angle_p95_deg"), res.metrics().get("lipschitz_estimate"), res.training().seconds(), res.seconds());
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("param", r[0]);
                row.put("encoding", r[1]);
                row.put("hidden", hidden.get(0) + "x" + hidden.size());
                row.put("eikonal", tc.eikonal());
                row.put("normal", tc.normal());
                row.put("gradient_points", tc.gradientPoints());
                row.put("coarse_to_fine", train.coarseToFine());
                row.put("seeds", seeds);
                row.putAll(values);
                row.put("train_seconds", secs);
                row.put("wall_seconds", wall);
                rows.add(row);
                table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.2e ± %.1e | %s | %s | %s | %s | %s | %s | %.0f | %.0f |%n", r[0], r[1], row.get("hidden"),
                        tc.eikonal(), tc.normal(), describe(train.coarseToFine()), Seeded.of(values.get("iou_uniform")).format(4),
                        Seeded.of(values.get("chamfer_l1_over_diagonal")).mean(), Seeded.of(values.get("chamfer_l1_over_diagonal")).std(),
                        Seeded.of(values.get("normal_consistency")).format(4), Seeded.of(values.get("gradient_normal_angle_mean_deg")).format(1),
                        Seeded.of(values.get("gradient_normal_angle_p95_deg")).format(1), Seeded.of(values.get("gradient_norm_p999_band")).format(2),
                        Seeded.of(values.get("step_secant_p999_band")).format(2), Seeded.of(values.get("tracer_lipschitz_bound")).format(2),
                        Seeded.of(secs).mean(), Seeded.of(wall).mean()));
            }
        }
        System.out.println();
        System.out.println(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", Map.of("preset", "shape", "mesh", mesh.toString(), "steps", steps, "mesh_res", meshRes, "seeds", seeds));
        json.put("runs", rows);
        json.put("table", table.toString());
        AtomicFiles.writeString(out.resolve("shape-bench.json"), dev.fields.fit.FitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }

    /** The preset's schedule, or the {@code START:UNTIL} / {@code off} of a {@code --coarse-to-fine} entry. */
    static TrainingConfig withSchedule(TrainingConfig t, String schedule) {
        if (schedule.equals("preset")) return t;
        try {
            return t.withCoarseToFine(CoarseToFine.parse(schedule));
        } catch (IllegalArgumentException e) {
            throw new UserError("--coarse-to-fine: " + e.getMessage());
        }
    }

    static String describe(CoarseToFine c) { return c == null ? "off" : c.start() + ":" + c.until(); }

    /** The preset's gradient terms, or the eikonal:normal weights of a {@code --terms} entry on {@code points} points. */
    static ShapeConfig withTerms(ShapeConfig st, String term, int points) {
        if (term.equals("preset")) return st;
        String[] w = term.split(":");
        try {
            if (w.length != 2) throw new NumberFormatException();
            double eik = Double.parseDouble(w[0]), nrm = Double.parseDouble(w[1]);
            return st.withGradientTerms(eik, nrm, eik > 0 || nrm > 0 ? points : 0);
        } catch (NumberFormatException e) {
            throw new UserError("--terms entries are eikonal:normal weights (e.g. 0.01:0.01) or 'preset', got '" + term + "'");
        }
    }
}
