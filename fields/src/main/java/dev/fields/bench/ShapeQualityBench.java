package dev.fields.bench;

import dev.fields.fit.FitConfig;
import dev.fields.fit.FitResult;
import dev.fields.fit.FitRunner;
import dev.fields.fit.FitSession;
import dev.fields.io.AtomicFiles;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.task.shape.ShapeConfig;
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
 * {@code fields bench shape}: the fit-shape defaults (preset {@code shape}) at equal steps for plain vs RWF (on
 * Fourier features) and for none / pe / ff (with RWF), over several seeds; a Markdown table of IoU and Chamfer as
 * mean ± sample standard deviation.
 */
@Command(name = "shape", mixinStandardHelpOptions = true,
        description = "fit-shape defaults at equal steps: plain vs rwf on ff, and none/pe/ff with rwf, over seeds. Markdown table + DIR/shape-bench.json.")
public final class ShapeQualityBench implements Callable<Integer> {
    @Option(names = "--mesh", defaultValue = "scenes/bunny.obj") Path mesh;
    @Option(names = "--steps", defaultValue = "1500") int steps;
    @Option(names = "--mesh-res", defaultValue = "256") int meshRes;
    @Option(names = "--runs", split = ",", defaultValue = "plain:ff,rwf:ff,rwf:pe,rwf:none",
            description = "param:encoding pairs. Default: ${DEFAULT-VALUE}.") List<String> runs;
    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2", description = "Seeds of every row. Default: ${DEFAULT-VALUE}.") List<Long> seeds;
    @Option(names = "--out", defaultValue = "runs/bench-shape") Path out;

    private static final String[] KEYS = {"iou_uniform", "iou_near_surface", "chamfer_l1_over_diagonal", "fscore_1pct", "normal_consistency"};

    @Override public Integer call() throws Exception {
        FitConfig base = BenchConfigs.preset("shape");
        ShapeConfig st = ((ShapeConfig) base.task()).withSource(mesh.toString());
        st = new ShapeConfig(st.source(), st.field(), st.batch(), st.pool(), st.mix(), st.eikonal(), st.clamp(), meshRes, st.meshFaces(), st.inside(),
                st.metricPoints(), st.chamferSamples());
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| param | encoding | IoU uniform | IoU near-surface | Chamfer-L1 / diag | F@1% | normal consistency | train s |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String run : runs) {
            String[] r = run.split(":");
            if (r.length != 2) throw new dev.fields.io.UserError("--runs entries are param:encoding, got '" + run + "'");
            // positional encoding: 6 octaves on the [-1,1]^3 box
            EncodingSpec enc = BenchConfigs.encoding(r[1], base.encoding(), 6);
            Map<String, List<Double>> values = new LinkedHashMap<>();
            List<Double> secs = new ArrayList<>();
            for (long seed : seeds) {
                FitConfig c = base.withTask(st).withEncoding(enc).withNetwork(BenchConfigs.network(base.network(), r[0], 0))
                        .withTraining(base.training().withSteps(steps).withSeed(seed).withEvalEvery(Math.max(1, steps / 10)));
                FitResult res = FitRunner.run(c, FitSession.silent());
                for (String k : KEYS) values.computeIfAbsent(k, x -> new ArrayList<>()).add(res.metrics().get(k));
                secs.add(res.training().seconds());
                System.out.printf(Locale.ROOT, "%s %s seed %d: IoU %.4f / %.4f, Chamfer/diag %.2e, normals %.3f (%.0f s)%n", r[0], r[1], seed,
                        res.metrics().get("iou_uniform"), res.metrics().get("iou_near_surface"), res.metrics().get("chamfer_l1_over_diagonal"),
                        res.metrics().get("normal_consistency"), res.training().seconds());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("param", r[0]);
            row.put("encoding", r[1]);
            row.put("seeds", seeds);
            row.putAll(values);
            row.put("train_seconds", secs);
            rows.add(row);
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2e ± %.1e | %s | %s | %.0f |%n", r[0], r[1],
                    Seeded.of(values.get("iou_uniform")).format(4), Seeded.of(values.get("iou_near_surface")).format(4),
                    Seeded.of(values.get("chamfer_l1_over_diagonal")).mean(), Seeded.of(values.get("chamfer_l1_over_diagonal")).std(),
                    Seeded.of(values.get("fscore_1pct")).format(3), Seeded.of(values.get("normal_consistency")).format(3), Seeded.of(secs).mean()));
        }
        System.out.println();
        System.out.println(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", Map.of("preset", "shape", "mesh", mesh.toString(), "steps", steps, "mesh_res", meshRes, "seeds", seeds));
        json.put("runs", rows);
        AtomicFiles.writeString(out.resolve("shape-bench.json"), dev.fields.fit.FitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }
}
