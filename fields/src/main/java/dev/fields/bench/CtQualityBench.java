package dev.fields.bench;

import dev.fields.ct.Noise;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitResult;
import dev.fields.fit.FitRunner;
import dev.fields.fit.FitSession;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.task.ct.CtConfig;
import dev.fields.task.ct.CtProblem;
import dev.fields.task.ct.Measurement;
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
 * {@code fields bench ct}: the fit-ct defaults (preset {@code ct}) against FBP and SIRT computed on the same exact
 * sinograms: the modified Shepp–Logan phantom at several view counts, and the mean over random phantoms at one view
 * count. PSNR and SSIM inside the reconstruction circle (peak = the truth's maximum) and seconds per method.
 */
@Command(name = "ct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"CT: FBP, SIRT, plain field and RWF field on exact phantom sinograms. Markdown tables + DIR/ct-bench.json."})
public final class CtQualityBench implements Callable<Integer> {
    @Option(names = "--views", split = ",", defaultValue = "8,20,60", description = "View counts on Shepp-Logan. Default: ${DEFAULT-VALUE}.")
    List<Integer> views;
    @Option(names = "--random", defaultValue = "8", description = "Random phantoms random:1..N at --random-views views (0 = none). Default: ${DEFAULT-VALUE}.")
    int random;
    @Option(names = "--random-views", defaultValue = "20", description = "View count of the random phantoms' scans. Default: ${DEFAULT-VALUE}.")
    int randomViews;
    @Option(names = "--grid", defaultValue = "256", description = "Reconstruction grid side. Default: ${DEFAULT-VALUE}.") int grid;
    @Option(names = "--params", split = ",", defaultValue = "plain,rwf", description = "Parameterizations of the field rows (plain, rwf, wn, aa). Default: ${DEFAULT-VALUE}.")
    List<String> params;
    @Option(names = "--preset", paramLabel = "NAME|FILE", defaultValue = "ct", description = "Configuration the rows vary (a bundled preset or a JSON file). Default: ${DEFAULT-VALUE}.")
    String preset;
    @Option(names = "--lr", description = "Learning rate of each field fit (default: the preset's).") Double lr;
    @Option(names = "--steps", description = "Steps of each field fit (default: the preset's).") Integer steps;
    @Option(names = "--seeds", split = ",", defaultValue = "0", description = "Seeds of each field fit (the table gives mean ± sample std). Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;
    @Option(names = "--tv", description = "Weight of the field's TV prior (default: the preset's; 0 for the ablation without it).") Double tv;
    @Option(names = "--warm-start", description = "Warm-start steps of each field fit (default: the preset's; 0 for the ablation without it).") Integer warmStart;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/bench-ct", description = "Where ct-bench.json goes. Default: ${DEFAULT-VALUE}.") Path out;

    private record Cell(double psnr, double ssim, double seconds) {}

    @Override public Integer call() throws Exception {
        FitConfig base = BenchConfigs.preset(preset);
        if (!(base.task() instanceof CtConfig)) throw new UserError("preset '" + preset + "' is not a CT configuration (its task must be \"ct\")");
        if (steps != null) base = base.withTraining(base.training().withSteps(steps));
        if (lr != null) base = base.withTraining(base.training().withLr(lr));
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| phantom | views | method | PSNR | SSIM | seconds |\n| --- | ---: | --- | ---: | ---: | ---: |\n");
        for (int v : views) rows.addAll(scene(base, "shepp-logan", v, table));
        Map<String, List<Cell>> rand = new LinkedHashMap<>();
        for (int s = 1; s <= random; s++)
            for (Map<String, Object> r : scene(base, "random:" + s, randomViews, null))
                rand.computeIfAbsent((String) r.get("method"), k -> new ArrayList<>()).add((Cell) r.remove("cell"));
        StringBuilder mean = new StringBuilder("| random phantoms | views | method | PSNR | SSIM | seconds |\n| --- | ---: | --- | ---: | ---: | ---: |\n");
        rand.forEach((m, cells) -> mean.append(String.format(Locale.ROOT, "| random:1..%d | %d | %s | %s | %s | %.1f |%n", random, randomViews, m,
                Seeded.of(cells.stream().map(Cell::psnr).toList()).format(2), Seeded.of(cells.stream().map(Cell::ssim).toList()).format(4),
                Seeded.of(cells.stream().map(Cell::seconds).toList()).mean())));
        for (Map<String, Object> r : rows) r.remove("cell");
        System.out.println();
        System.out.println(table);
        if (random > 0) System.out.println(mean);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("preset", preset);
        protocol.put("grid", grid);
        protocol.put("views", views);
        protocol.put("random", random);
        protocol.put("random_views", randomViews);
        protocol.put("steps", base.training().steps());
        protocol.put("lr", base.training().lr());
        protocol.put("seeds", seeds);
        protocol.put("tv", tv != null ? tv : ((CtConfig) base.task()).tv());
        protocol.put("warm_start", warmStart != null ? warmStart : ((CtConfig) base.task()).warmStart());
        protocol.put("metrics", "inside the reconstruction circle, peak = max(truth)");
        json.put("protocol", protocol);
        json.put("runs", rows);
        json.put("random_mean", rand);
        AtomicFiles.writeString(out.resolve("ct-bench.json"), dev.fields.fit.FitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }

    private List<Map<String, Object>> scene(FitConfig base, String phantom, int v, StringBuilder table) {
        CtConfig t = (CtConfig) base.task();
        CtConfig task = new CtConfig(null, null, false, phantom, v, grid, "none", null, t.forward(), t.raysPerStep(), t.samplesPerRay(),
                t.head(), t.sirtIterations(), t.fbpFilter(), tv != null ? tv : t.tv(), t.valueScale(), warmStart != null ? warmStart : t.warmStart());
        FitConfig c0 = base.withTask(task);
        Measurement scan = Measurement.ofPhantom(phantom, Measurement.phantomGeometry(v, grid), Noise.parse("none"), 0);
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean baselinesDone = false;
        for (String p : params) {
            List<Cell> cells = new ArrayList<>();
            for (long seed : seeds) {
                FitConfig c = c0.withNetwork(BenchConfigs.network(c0.network(), p, 0)).withTraining(c0.training().withSeed(seed));
                FitResult r = FitRunner.run(new CtProblem(c, scan, null), c, FitSession.silent());
                var m = r.metrics();
                if (!baselinesDone) {
                    for (String b : new String[]{"fbp", "sirt"})
                        if (m.containsKey(b + "_psnr")) rows.add(row(phantom, v, b.toUpperCase(Locale.ROOT) + (b.equals("sirt") ? "-" + t.sirtIterations() : ""),
                                List.of(new Cell(m.get(b + "_psnr"), m.get(b + "_ssim"), m.get(b + "_seconds"))), table));
                    baselinesDone = true;
                }
                cells.add(new Cell(m.get("psnr"), m.get("ssim"), r.training().seconds()));
            }
            rows.add(row(phantom, v, p + " field" + (task.tv() > 0 ? String.format(Locale.ROOT, " (TV %.3g)", task.tv()) : ""), cells, table));
        }
        return rows;
    }

    private static Map<String, Object> row(String phantom, int v, String method, List<Cell> cells, StringBuilder table) {
        Seeded p = Seeded.of(cells.stream().map(Cell::psnr).toList()), q = Seeded.of(cells.stream().map(Cell::ssim).toList()),
                sec = Seeded.of(cells.stream().map(Cell::seconds).toList());
        String line = String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.1f |", phantom, v, method,
                cells.size() > 1 ? p.format(2) : String.format(Locale.ROOT, "%.2f", p.mean()),
                cells.size() > 1 ? q.format(4) : String.format(Locale.ROOT, "%.4f", q.mean()), sec.mean());
        System.out.println(line);
        if (table != null) table.append(line).append('\n');
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("phantom", phantom);
        r.put("views", v);
        r.put("method", method);
        r.put("psnr", p.mean());
        r.put("psnr_std", p.std());
        r.put("ssim", q.mean());
        r.put("seconds", sec.mean());
        r.put("per_seed", cells.stream().map(c -> List.of(c.psnr(), c.ssim(), c.seconds())).toList());
        r.put("cell", new Cell(p.mean(), q.mean(), sec.mean()));
        return r;
    }
}
