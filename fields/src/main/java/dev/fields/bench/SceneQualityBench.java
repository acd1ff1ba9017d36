package dev.fields.bench;

import dev.fields.fit.FitConfig;
import dev.fields.fit.FitJson;
import dev.fields.fit.FitRunner;
import dev.fields.fit.FitSession;
import dev.fields.fit.TrainingConfig;
import dev.fields.io.AtomicFiles;
import dev.fields.io.ToolVersion;
import dev.fields.io.UserError;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.nn.FieldNetwork;
import dev.fields.task.scene.SceneConfig;
import dev.fields.task.scene.SceneProblem;
import dev.fields.train.StepRecord;
import dev.fields.train.TrainListener;
import dev.fields.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fields bench scene}: test PSNR and SSIM of fit-scene against training wall time. Each row (a
 * parameterization, an encoding and hidden layers) is first timed over a few steps, which sets its schedule: the
 * learning rate decays by the preset's factor over the steps the last time mark is expected to allow. The run then
 * trains until the last mark; at every mark the field is exported, and after training each export is scored on all
 * test views exactly as fit-scene scores its result (full-size renders from the blob, PSNR and SSIM per view, mean).
 * The seconds are the training loop's (sampling, network, compositing, backward, Adam, occupancy updates), not the
 * scoring renders or the JVM start.
 */
@Command(name = "scene", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"fit-scene: test PSNR and SSIM against training time, one row per --runs entry and seed.",
                "Entries are param:encoding[:WIDTHxDEPTH] with param plain|rwf and encoding hash (the preset's grid), pe or ff;",
                "hash rows keep the preset's 2x64 MLP unless given, pe/ff rows default to 128x3.",
                "Markdown table + DIR/scene-bench.json."})
public final class SceneQualityBench implements Callable<Integer> {
    @Option(names = "--scene", defaultValue = "scenes/bunny-scene", description = "Scene folder or transforms JSON. Default: ${DEFAULT-VALUE}.")
    Path scene;
    @Option(names = "--runs", split = ",", defaultValue = "rwf:hash,plain:hash,rwf:pe,plain:pe,rwf:ff,plain:ff",
            description = "param:encoding[:WIDTHxDEPTH] rows. Default: ${DEFAULT-VALUE}.") List<String> runs;
    @Option(names = "--minutes", split = ",", defaultValue = "2,5,10", description = "Training-time marks, minutes. Default: ${DEFAULT-VALUE}.")
    List<Double> minutes;
    @Option(names = "--seeds", split = ",", defaultValue = "0", description = "Seeds of every row. Default: ${DEFAULT-VALUE}.") List<Long> seeds;
    @Option(names = "--pe-frequencies", defaultValue = "8", description = "Octaves of the positional encoding. Default: ${DEFAULT-VALUE}.") int peFrequencies;
    @Option(names = "--ff-features", defaultValue = "128", description = "Gaussian Fourier features. Default: ${DEFAULT-VALUE}.") int ffFeatures;
    @Option(names = "--ff-sigma", defaultValue = "4", description = "Their standard deviation (box coordinates in [-1, 1]). Default: ${DEFAULT-VALUE}.") double ffSigma;
    @Option(names = "--timing-steps", defaultValue = "24", description = "Steps timed (after 6 unmeasured) to set each row's schedule. Default: ${DEFAULT-VALUE}.")
    int timingSteps;
    @Option(names = "--mlp-lr", defaultValue = "5e-4", description = "Adam's rate for the pe and ff rows, whose capacity is all in the MLP "
            + "(NeRF's 5e-4; the hash rows keep the preset's rate, made for the grid's tables). Default: ${DEFAULT-VALUE}.") double mlpLr;
    @Option(names = "--out", defaultValue = "runs/bench-scene") Path out;

    @Override public Integer call() throws Exception {
        if (minutes.isEmpty() || minutes.stream().anyMatch(m -> !(m > 0))) throw new UserError("--minutes must list positive times, e.g. 2,5,10");
        List<Double> marks = new ArrayList<>(minutes);
        Collections.sort(marks);
        FitConfig base = BenchConfigs.preset("scene");
        SceneConfig st = ((SceneConfig) base.task()).withSource(scene.toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| param | encoding | hidden | seed | ms/step |");
        for (double m : marks) table.append(String.format(Locale.ROOT, " PSNR %s min | SSIM %s min | steps %s min |", fmt(m), fmt(m), fmt(m)));
        table.append("\n| --- | --- | --- | ---: | ---: |").append(" ---: | ---: | ---: |".repeat(marks.size())).append('\n');
        for (String run : runs) {
            FitConfig row = rowConfig(base.withTask(st), run);
            for (long seed : seeds) {
                FitConfig c = row.withTraining(row.training().withSeed(seed));
                Map<String, Object> r = runRow(c, marks, run, seed);
                rows.add(r);
                table.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.0f |", r.get("param"), r.get("encoding"), r.get("hidden"), seed, r.get("ms_per_step")));
                @SuppressWarnings("unchecked") List<Map<String, Object>> at = (List<Map<String, Object>>) r.get("marks");
                for (Map<String, Object> m : at)
                    table.append(String.format(Locale.ROOT, " %.2f | %.4f | %d |", m.get("psnr"), m.get("ssim"), m.get("steps")));
                table.append('\n');
            }
        }
        System.out.println();
        System.out.println(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", Map.of("preset", "scene", "scene", scene.toString(), "minutes", marks, "seeds", seeds,
                "pe_frequencies", peFrequencies, "mlp_lr", mlpLr, "ff_features", ffFeatures, "ff_sigma", ffSigma,
                "threads", Runtime.getRuntime().availableProcessors()));
        json.put("runs", rows);
        json.put("table", table.toString());
        AtomicFiles.writeString(out.resolve("scene-bench.json"), FitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }

    /** The preset with a row's parameterization, encoding and hidden layers. */
    FitConfig rowConfig(FitConfig base, String run) {
        String[] r = run.split(":");
        if (r.length < 2 || r.length > 3) throw new UserError("--runs entries are param:encoding[:WIDTHxDEPTH], got '" + run + "'");
        EncodingSpec enc = switch (r[1]) {
            case "hash" -> base.encoding();
            case "pe" -> new EncodingSpec.Positional(peFrequencies, true);
            case "ff" -> new EncodingSpec.GaussianFourier(ffFeatures, ffSigma);
            default -> throw new UserError("unknown encoding '" + r[1] + "' in --runs (use hash, pe, ff)");
        };
        boolean grid = r[1].equals("hash");
        List<Integer> hidden = r.length == 3 ? BenchConfigs.hidden(r[2]) : grid ? base.network().hidden() : List.of(128, 128, 128);
        FitConfig c = base.withEncoding(enc).withNetwork(BenchConfigs.network(base.network(), r[0], hidden));
        return grid ? c : c.withTraining(c.training().withLr(mlpLr));
    }

    /** Times the row, trains it to the last mark exporting the field at each, then scores every export. */
    private Map<String, Object> runRow(FitConfig c, List<Double> marks, String run, long seed) {
        SceneProblem problem = new SceneProblem(c, null);
        double secondsPerStep = secondsPerStep(problem, c);
        int planned = (int) Math.max(50, Math.ceil(marks.get(marks.size() - 1) * 60 / secondsPerStep));
        TrainingConfig tc = c.training();
        // the schedule is the planned run's; steps beyond it are a margin the last mark normally stops before
        TrainingConfig timed = new TrainingConfig(4 * planned, tc.lr(), tc.lrDecay(), planned, seed, Integer.MAX_VALUE, tc.weightDecay(),
                tc.coarseToFine() == null ? null : new dev.fields.train.CoarseToFine(tc.coarseToFine().start(), tc.coarseToFine().until() / 4));
        FitConfig fc = c.withTraining(timed);
        Marks listener = new Marks(marks, seed);
        FitRunner.run(problem, fc, FitSession.silent().withListener(listener));
        Map<String, Object> row = new LinkedHashMap<>();
        String[] r = run.split(":");
        row.put("param", r[0]);
        row.put("encoding", r[1]);
        row.put("hidden", c.network().hidden().get(0) + "x" + c.network().hidden().size());
        row.put("seed", seed);
        row.put("lr", tc.lr());
        row.put("ms_per_step", 1000 * secondsPerStep);
        row.put("planned_steps", planned);
        row.put("box", problem.box());
        row.put("parameters", new FieldNetwork(problem.spec(), seed).parameterCount());
        List<Map<String, Object>> at = new ArrayList<>();
        for (int i = 0; i < listener.blobs.size(); i++) {
            var ev = problem.evaluate(listener.blobs.get(i), null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minutes", marks.get(i));
            m.put("seconds", listener.seconds.get(i));
            m.put("steps", listener.steps.get(i));
            m.put("psnr", ev.metrics().get("psnr"));
            m.put("ssim", ev.metrics().get("ssim"));
            at.add(m);
            System.out.printf(Locale.ROOT, "%s seed %d at %s min (%.0f s, step %d): test PSNR %.2f dB, SSIM %.4f%n", run, seed, fmt(marks.get(i)),
                    listener.seconds.get(i), listener.steps.get(i), ev.metrics().get("psnr"), ev.metrics().get("ssim"));
        }
        row.put("marks", at);
        return row;
    }

    /** Seconds per step of the row's training loop, after a few unmeasured steps (its own network, same seed). */
    private double secondsPerStep(SceneProblem problem, FitConfig c) {
        int warm = 6;
        TrainingConfig tc = c.training().withSteps(warm + timingSteps).resolved();
        FieldNetwork net = new FieldNetwork(problem.spec(), tc.seed());
        Trainer<?> trainer = new Trainer<>(net, problem.newTask(), FitRunner.adam(tc, net), tc.seed());
        for (int s = 0; s < warm; s++) trainer.step(s);
        long t0 = System.nanoTime();
        for (int s = warm; s < warm + timingSteps; s++) trainer.step(s);
        return (System.nanoTime() - t0) / 1e9 / timingSteps;
    }

    /** Exports the field when the training loop passes each mark; ends the run at the last. */
    private static final class Marks implements TrainListener {
        final List<Double> marks;
        final long seed;
        final List<FieldBlob> blobs = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();

        Marks(List<Double> marks, long seed) { this.marks = marks; this.seed = seed; }

        @Override public void stepped(Trainer<?> t, StepRecord r) {
            while (blobs.size() < marks.size() && r.seconds() >= 60 * marks.get(blobs.size())) {
                blobs.add(t.network().export(new Provenance("scene", seed, r.step(), Map.of(), ToolVersion.VERSION, "", Map.of())));
                seconds.add(r.seconds());
                steps.add(r.step());
            }
        }

        @Override public boolean stopAfter(StepRecord r) { return blobs.size() == marks.size(); }

        @Override public void finished(Trainer<?> t, dev.fields.train.TrainResult result) {
            // the margin ran out before the last mark (the timing underestimated a step): the remaining marks get the end
            while (blobs.size() < marks.size()) {
                blobs.add(t.network().export(new Provenance("scene", seed, result.steps(), Map.of(), ToolVersion.VERSION, "", Map.of())));
                seconds.add(result.seconds());
                steps.add(result.steps());
            }
        }
    }

    private static String fmt(double m) { return m == Math.rint(m) ? String.valueOf((long) m) : String.valueOf(m); }
}
