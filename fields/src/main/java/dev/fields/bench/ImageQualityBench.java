package dev.fields.bench;

import dev.fields.fit.FitConfig;
import dev.fields.fit.FitResult;
import dev.fields.fit.FitRunner;
import dev.fields.fit.FitSession;
import dev.fields.io.AtomicFiles;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.task.image.ImageConfig;
import dev.fields.task.image.ImageProblem;
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
 * {@code fields bench image}: the image-regression protocol of the Fourier-features paper (PAPERS.md §5, preset
 * {@code image-paper}) for every parameterization × encoding and seed, printed as a table of test PSNR (mean ± sample
 * standard deviation over seeds). Scaled to small machines by default (images downsized to 256², 1000 steps);
 * {@code --size 512 --steps 2000} is the full protocol.
 */
@Command(name = "image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Image regression, paper protocol (train on even pixels, test on odd), for plain/wn/aa/rwf x none/pe/ff",
                "on camera.png and plain vs rwf on ff for astronaut.png, over several seeds. Prints a Markdown table of",
                "test PSNR (mean ± std over seeds) and writes DIR/image-bench.json. Full protocol: --size 512 --steps 2000."})
public final class ImageQualityBench implements Callable<Integer> {
    @Option(names = "--images", split = ",", defaultValue = "scenes/images/camera.png,scenes/images/astronaut.png",
            description = "Images; the first gets the full grid, the others plain vs rwf on ff. Default: ${DEFAULT-VALUE}.")
    List<Path> images;
    @Option(names = "--size", defaultValue = "256", description = "Side after the centre crop (downscaled). Default: ${DEFAULT-VALUE}.")
    int size;
    @Option(names = "--steps", defaultValue = "1000", description = "Steps per run. Default: ${DEFAULT-VALUE}.")
    int steps;
    @Option(names = "--params", split = ",", defaultValue = "plain,wn,aa,rwf", description = "Parameterizations. Default: ${DEFAULT-VALUE}.")
    List<String> params;
    @Option(names = "--encodings", split = ",", defaultValue = "none,pe,ff", description = "Encodings. Default: ${DEFAULT-VALUE}.")
    List<String> encodings;
    @Option(names = "--width", defaultValue = "256", description = "Hidden width (paper: 256).")
    int width;
    @Option(names = "--pe-frequencies", description = "Octaves L of the positional encoding. Default: log2(size) - 1 (7 at 256), the most "
            + "whose top frequency sin(2^(L-1) pi x) stays below the Nyquist limit of the even-pixel training grid.")
    Integer peFrequencies;
    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2", description = "Seeds of every cell (at least 3 for a claim). Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;
    @Option(names = "--out", defaultValue = "runs/bench-image", description = "Directory for image-bench.json.")
    Path out;
    @Option(names = "--reference", paramLabel = "SCRIPT", arity = "0..1", fallbackValue = "bench/reference/image_ff.py",
            description = "Also run the PyTorch reference of the same protocol (plain and rwf on ff, the same seeds and pixels) in this "
                    + "session and put it beside ours (default script: ${FALLBACK-VALUE}; needs Debian's python3-torch).")
    Path reference;
    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python for --reference. Default: ${DEFAULT-VALUE}.")
    String python;

    @Override public Integer call() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        int L = peFrequencies != null ? peFrequencies : 31 - Integer.numberOfLeadingZeros(size) - 1;
        FitConfig base = BenchConfigs.preset("image-paper");
        for (int i = 0; i < images.size(); i++) {
            Path img = images.get(i);
            FloatImage raw = Images.read(img);
            List<String> ps = i == 0 ? params : List.of("plain", "rwf");
            List<String> es = i == 0 ? encodings : List.of("ff");
            for (String e : es)
                for (String p : ps) {
                    List<Double> test = new ArrayList<>(), train = new ArrayList<>(), secs = new ArrayList<>();
                    for (long seed : seeds) {
                        ImageConfig task = new ImageConfig(img.toString(), ImageConfig.Protocol.PAPER, size, 0);
                        FitConfig c = base.withTask(task).withEncoding(BenchConfigs.encoding(e, base.encoding(), EncodingSpec.HashGrid.defaults(2), L))
                                .withNetwork(BenchConfigs.network(base.network(), p, width))
                                .withTraining(base.training().withSteps(steps).withSeed(seed).withEvalEvery(Math.max(1, steps / 10)));
                        FitResult r = FitRunner.run(new ImageProblem(c, raw, null), c, FitSession.silent());
                        test.add(r.metrics().get("test_psnr"));
                        train.add(r.metrics().get("train_psnr"));
                        secs.add(r.training().seconds());
                        System.out.printf(Locale.ROOT, "%-14s %-5s %-4s seed %d: test PSNR %6.2f dB  train %6.2f dB  (%.0f s)%n",
                                img.getFileName(), p, e, seed, r.metrics().get("test_psnr"), r.metrics().get("train_psnr"), r.training().seconds());
                    }
                    rows.add(row(img, p, e, test, train, secs));
                }
            if (reference != null && es.contains("ff")) rows.addAll(runReference(img, raw, ps));
        }
        System.out.println();
        System.out.println(table(rows));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", Map.of("preset", "image-paper", "size", size, "steps", steps, "width", width, "seeds", seeds,
                "split", "train even / test odd pixels", "pe_frequencies", L));
        json.put("runs", rows);
        AtomicFiles.writeString(out.resolve("image-bench.json"), dev.fields.fit.FitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }

    /**
     * The PyTorch reference on exactly the pixels our fit trains on (the prepared image written as .npy), for plain
     * and rwf; rows like ours with {@code "implementation": "pytorch"}.
     */
    private List<Map<String, Object>> runReference(Path img, FloatImage raw, List<String> ps) throws Exception {
        FloatImage prepared = ImageProblem.prepare(raw, new ImageConfig(img.toString(), ImageConfig.Protocol.PAPER, size, 0));
        String stem = img.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path npy = out.resolve(stem + "-input.npy"), json = out.resolve(stem + "-pytorch.json");
        int[] shape = prepared.channels() == 1 ? new int[]{prepared.height(), prepared.width()} : new int[]{prepared.height(), prepared.width(), prepared.channels()};
        dev.fields.io.array.NpyWriter.write(npy, prepared.data(), shape);
        List<String> params = ps.stream().filter(p -> p.equals("plain") || p.equals("rwf")).toList();
        List<String> cmd = List.of(python, reference.toString(), "--image", npy.toString(), "--steps", String.valueOf(steps),
                "--seeds", String.join(",", seeds.stream().map(String::valueOf).toList()), "--params", String.join(",", params), "--out", json.toString());
        System.out.println("reference: " + String.join(" ", cmd));
        Process pr = new ProcessBuilder(cmd).inheritIO().start();
        if (pr.waitFor() != 0) throw new dev.fields.io.UserError("the PyTorch reference failed (exit " + pr.exitValue() + ") — install python3-torch or drop --reference");
        var tree = dev.fields.fit.FitJson.MAPPER.readTree(json.toFile());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String p : params) {
            List<Double> test = new ArrayList<>(), train = new ArrayList<>(), secs = new ArrayList<>();
            for (var r : tree.get("runs"))
                if (r.get("param").asText().equals(p)) {
                    test.add(r.get("test_psnr").asDouble());
                    train.add(r.get("train_psnr").asDouble());
                    secs.add(r.get("seconds").asDouble());
                }
            rows.add(row(img, p + " (PyTorch)", "ff", test, train, secs));
        }
        return rows;
    }

    private Map<String, Object> row(Path img, String param, String encoding, List<Double> test, List<Double> train, List<Double> secs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("image", img.getFileName().toString());
        row.put("param", param);
        row.put("encoding", encoding);
        row.put("seeds", seeds);
        row.put("test_psnr", test);
        row.put("train_psnr", train);
        row.put("seconds", secs);
        row.put("test_psnr_mean", Seeded.of(test).mean());
        row.put("test_psnr_std", Seeded.of(test).std());
        return row;
    }

    /** Markdown table: one row per image × parameterization, one column per encoding, mean ± std of test PSNR. */
    @SuppressWarnings("unchecked")
    static String table(List<Map<String, Object>> rows) {
        List<String> encs = rows.stream().map(r -> (String) r.get("encoding")).distinct().toList();
        StringBuilder sb = new StringBuilder("| image | param |");
        for (String e : encs) sb.append(' ').append(e).append(" |");
        sb.append("\n| --- | --- |").append(" ---: |".repeat(encs.size())).append('\n');
        Map<String, Map<String, Seeded>> byRow = new LinkedHashMap<>();
        for (var r : rows)
            byRow.computeIfAbsent(r.get("image") + " | " + r.get("param"), k -> new LinkedHashMap<>())
                    .put((String) r.get("encoding"), Seeded.of((List<Double>) r.get("test_psnr")));
        byRow.forEach((k, v) -> {
            sb.append("| ").append(k).append(" |");
            for (String e : encs) sb.append(v.containsKey(e) ? " " + v.get(e).format(2) + " |" : " – |");
            sb.append('\n');
        });
        return sb.toString();
    }
}
