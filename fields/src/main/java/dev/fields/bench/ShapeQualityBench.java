package dev.fields.bench;

import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.SamplePool;
import dev.fields.io.AtomicFiles;
import dev.fields.io.spec.Activation;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.SpecJson;
import dev.fields.task.shape.ShapeFit;
import dev.fields.task.shape.ShapeTask;
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
 * {@code fields bench shape}: the default fit-shape setup at equal steps for plain vs RWF (on Fourier features) and
 * for none / pe / ff (with RWF); a Markdown table of IoU and Chamfer.
 */
@Command(name = "shape", mixinStandardHelpOptions = true,
        description = "fit-shape defaults at equal steps: plain vs rwf on ff, and none/pe/ff with rwf. Markdown table + DIR/shape-bench.json.")
public final class ShapeQualityBench implements Callable<Integer> {
    @Option(names = "--mesh", defaultValue = "scenes/bunny.obj") Path mesh;
    @Option(names = "--steps", defaultValue = "1500") int steps;
    @Option(names = "--mesh-res", defaultValue = "256") int meshRes;
    @Option(names = "--out", defaultValue = "runs/bench-shape") Path out;

    @Override public Integer call() throws Exception {
        String[][] runs = {{"plain", "ff"}, {"rwf", "ff"}, {"rwf", "pe"}, {"rwf", "none"}};
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| param | encoding | IoU uniform | IoU near-surface | Chamfer-L1 / diag | F@1% | train s | wall s |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String[] r : runs) {
            NetworkSpec net = new NetworkSpec(NetworkSpec.Type.MLP, List.of(64, 64, 64), Activation.RELU, ImageQualityBench.param(r[0]), 30, 1, 1.0, 0.1);
            var enc = switch (r[1]) {
                case "ff" -> new dev.fields.io.spec.EncodingSpec.GaussianFourier(64, 1.5);
                case "pe" -> new dev.fields.io.spec.EncodingSpec.Positional(6, true);
                default -> new dev.fields.io.spec.EncodingSpec.Identity();
            };
            ShapeFit.Config c = new ShapeFit.Config(mesh, ShapeTask.Mode.SDF, enc, net, steps, 5e-3, 0.1, steps, 0, 16384, 250000,
                    SamplePool.Mix.defaults(), 0, 0, meshRes, GroundTruth.InsideTest.WINDING, Math.max(1, steps / 10), 0, false, true,
                    out.resolve(r[0] + "-" + r[1]), 262144, 100000);
            ShapeFit.Result res = ShapeFit.fit(c, System.out);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("param", r[0]);
            row.put("encoding", r[1]);
            row.putAll(res.metrics());
            row.put("train_seconds", res.training().seconds());
            rows.add(row);
            String line = String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.2e | %.3f | %.0f | %.0f |", r[0], r[1], res.metrics().get("iou_uniform"),
                    res.metrics().get("iou_near_surface"), res.metrics().get("chamfer_l1_over_diagonal"), res.metrics().get("fscore_1pct"),
                    res.training().seconds(), res.metrics().get("wall_seconds"));
            System.out.println(line);
            table.append(line).append('\n');
        }
        System.out.println();
        System.out.println(table);
        AtomicFiles.writeString(out.resolve("shape-bench.json"), SpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("runs", rows)));
        return 0;
    }
}
