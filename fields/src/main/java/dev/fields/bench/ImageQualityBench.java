package dev.fields.bench;

import dev.fields.io.AtomicFiles;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Parameterization;
import dev.fields.io.spec.SpecJson;
import dev.fields.task.image.ImageFit;
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
 * {@code fields bench image}: the image-regression protocol of the Fourier-features paper (PAPERS.md §5), run for
 * every parameterization × encoding, printed as a table of test PSNR. Scaled to small machines by default
 * (images downsized to 256², 1000 steps); {@code --size 512 --steps 2000} is the full protocol.
 */
@Command(name = "image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Image regression, paper protocol (train on even pixels, test on odd), for plain/wn/aa/rwf x none/pe/ff",
                "on camera.png and plain vs rwf on ff for astronaut.png. Prints a Markdown table of test PSNR and",
                "writes DIR/image-bench.json. Full protocol: --size 512 --steps 2000."})
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
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--out", defaultValue = "runs/bench-image", description = "Directory for runs and image-bench.json.")
    Path out;

    static Parameterization param(String s) {
        return switch (s) {
            case "plain" -> Parameterization.PLAIN;
            case "wn" -> Parameterization.WEIGHT_NORM;
            case "aa" -> Parameterization.ADAPTIVE;
            case "rwf" -> Parameterization.RWF;
            default -> throw new dev.fields.io.UserError("unknown parameterization '" + s + "' (use plain, wn, aa, rwf)");
        };
    }

    static EncodingSpec encoding(String s, int peFrequencies) {
        return switch (s) {
            // Fourier features sigma 10, 256 features (Tancik et al. 2020, image regression)
            case "ff" -> new EncodingSpec.GaussianFourier(256, 10.0);
            // positional encoding, octaves k = 0..L-1 over [0,1) coordinates
            case "pe" -> new EncodingSpec.Positional(peFrequencies, true);
            case "none" -> new EncodingSpec.Identity();
            default -> throw new dev.fields.io.UserError("unknown encoding '" + s + "' (use none, pe, ff)");
        };
    }

    @Override public Integer call() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        int L = peFrequencies != null ? peFrequencies : 31 - Integer.numberOfLeadingZeros(size) - 1;
        for (int i = 0; i < images.size(); i++) {
            Path img = images.get(i);
            FloatImage im = Images.read(img).centerCropSquare(512);
            if (size < im.width()) im = im.resize(size, size);
            List<String> ps = i == 0 ? params : List.of("plain", "rwf");
            List<String> es = i == 0 ? encodings : List.of("ff");
            for (String e : es)
                for (String p : ps) {
                    NetworkSpec net = new NetworkSpec(NetworkSpec.Type.MLP, List.of(width, width, width), Activation.RELU,
                            param(p), 30, 1, 1.0, 0.1);
                    String name = img.getFileName().toString().replace(".png", "") + "-" + p + "-" + e;
                    var cfg = new ImageFit.Config(img, im, true, 0, encoding(e, L), net, steps, 1e-3, 1.0, 1000, seed,
                            Math.max(1, steps / 10), 0, false, true, out.resolve(name));
                    ImageFit.Result r = ImageFit.fit(cfg, System.out);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("image", img.getFileName().toString());
                    row.put("param", p);
                    row.put("encoding", e);
                    row.putAll(r.metrics());
                    row.put("seconds", r.training().seconds());
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "%-14s %-5s %-4s test PSNR %6.2f dB  train %6.2f dB  (%.0f s)%n",
                            row.get("image"), p, e, r.metrics().get("test_psnr"), r.metrics().get("train_psnr"), r.training().seconds());
                }
        }
        System.out.println();
        System.out.println(table(rows));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", Map.of("size", size, "steps", steps, "width", width, "seed", seed, "split", "train even / test odd pixels",
                "pe_frequencies", L));
        json.put("runs", rows);
        AtomicFiles.writeString(out.resolve("image-bench.json"), SpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }

    /** Markdown table: one row per image × parameterization, one column per encoding. */
    static String table(List<Map<String, Object>> rows) {
        List<String> encs = rows.stream().map(r -> (String) r.get("encoding")).distinct().toList();
        StringBuilder sb = new StringBuilder("| image | param |");
        for (String e : encs) sb.append(' ').append(e).append(" |");
        sb.append("\n| --- | --- |").append(" ---: |".repeat(encs.size())).append('\n');
        Map<String, Map<String, Double>> byRow = new LinkedHashMap<>();
        for (var r : rows)
            byRow.computeIfAbsent(r.get("image") + " | " + r.get("param"), k -> new LinkedHashMap<>())
                    .put((String) r.get("encoding"), (Double) r.get("test_psnr"));
        byRow.forEach((k, v) -> {
            sb.append("| ").append(k).append(" |");
            for (String e : encs) sb.append(v.containsKey(e) ? String.format(Locale.ROOT, " %.2f |", v.get(e)) : " – |");
            sb.append('\n');
        });
        return sb.toString();
    }
}
