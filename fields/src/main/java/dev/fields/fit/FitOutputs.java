package dev.fields.fit;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fields.io.AtomicFiles;
import dev.fields.train.StepRecord;
import dev.fields.train.TrainResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link FitResult} into a folder: the artifacts, {@code NAME_curves.png}, {@code NAME.field} and last
 * {@code metrics.json}, each atomically, so a failure leaves earlier files whole.
 */
public final class FitOutputs {
    private FitOutputs() {}

    /** {@code metrics.json}: the task, its input, final metrics, wall time, the whole configuration and a thinned curve. */
    public record MetricsFile(String task, String source, Map<String, Object> details, Map<String, Double> metrics, long steps,
                              double trainSeconds, double seconds, FitConfig config, Map<String, List<Double>> curve) {}

    /** Writes everything; returns the blob's path. */
    public static Path write(FitResult r, Path dir) {
        for (Artifact a : r.artifacts()) a.writer().write(dir.resolve(r.name() + a.suffix()));
        Curves.write(dir.resolve(r.name() + "_curves.png"), r.name(), r.training(), r.references());
        Path blob = dir.resolve(r.name() + ".field");
        AtomicFiles.writeBytes(blob, r.blob());
        MetricsFile m = new MetricsFile(r.task(), r.config().task().source(), r.details(), r.metrics(), r.training().steps(),
                round(r.training().seconds()), round(r.seconds()), r.config(), curve(r.training().history()));
        try {
            AtomicFiles.writeString(dir.resolve("metrics.json"), FitJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize metrics.json", e);
        }
        return blob;
    }

    private static double round(double s) { return Math.round(s * 100) / 100.0; }

    private static Map<String, List<Double>> curve(List<StepRecord> h) {
        Map<String, List<Double>> c = new LinkedHashMap<>();
        c.put("step", new ArrayList<>());
        c.put("loss", new ArrayList<>());
        for (int i : Curves.thin(h.size(), 200)) {
            c.get("step").add((double) h.get(i).step());
            c.get("loss").add(h.get(i).loss());
            for (var e : h.get(i).monitors().entrySet()) { // per-step monitors, thinned like the loss (a resumed run has them from the resume on)
                c.computeIfAbsent(e.getKey() + "_step", k -> new ArrayList<>()).add((double) h.get(i).step());
                c.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        for (StepRecord r : h)
            for (var e : r.metrics().entrySet()) {
                c.computeIfAbsent(e.getKey() + "_step", k -> new ArrayList<>()).add((double) r.step());
                c.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        return c;
    }

    /** File name without extension. */
    public static String stem(String path) {
        String n = Path.of(path).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

}
