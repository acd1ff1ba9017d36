package dev.fields.task;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fields.io.AtomicFiles;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.plot.Figure;
import dev.fields.io.plot.Panel;
import dev.fields.io.plot.Series;
import dev.fields.io.spec.SpecJson;
import dev.fields.train.StepRecord;
import dev.fields.train.TrainResult;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every fit command does after training: blob round trip, metrics.json and the curve plot. */
public final class FitOutputs {
    private FitOutputs() {}

    /** Serializes and parses the blob again, so everything evaluated afterwards comes from the saved bytes. */
    public static FieldBlob roundTrip(FieldBlob blob, String name) {
        return BlobFormat.fromBytes(BlobFormat.toBytes(blob), name);
    }

    public static Provenance provenance(String task, long seed, long steps, Map<String, Double> metrics, Map<String, Object> config) {
        return new Provenance(task, seed, steps, metrics, dev.fields.io.ToolVersion.VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), config);
    }

    /** The training settings every fit records in its blob and metrics.json. */
    public static void putTraining(Map<String, Object> m, Object encoding, Object network, long steps, double lr, double lrDecay, long lrDecaySteps, long seed) {
        m.put("encoding", encoding);
        m.put("network", network);
        m.put("steps", steps);
        m.put("lr", lr);
        m.put("lr_decay", lrDecay);
        m.put("lr_decay_steps", lrDecaySteps);
        m.put("seed", seed);
    }

    /** Writes {@code metrics.json}: final metrics, wall time, resolved config and a thinned training curve. */
    public static void writeMetrics(Path dir, Map<String, Object> top, TrainResult result) {
        Map<String, Object> m = new LinkedHashMap<>(top);
        m.put("steps", result.steps());
        m.put("seconds", Math.round(result.seconds() * 100) / 100.0);
        m.put("curve", curve(result.history()));
        try {
            String json = SpecJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
            AtomicFiles.writeString(dir.resolve("metrics.json"), json + "\n");
        } catch (Exception e) {
            throw new IllegalStateException("cannot write metrics.json", e);
        }
    }

    private static Map<String, List<Double>> curve(List<StepRecord> h) {
        Map<String, List<Double>> c = new LinkedHashMap<>();
        c.put("step", new ArrayList<>());
        c.put("loss", new ArrayList<>());
        for (int i : Series.thin(h.size(), 200)) {
            c.get("step").add((double) h.get(i).step());
            c.get("loss").add(h.get(i).loss());
        }
        for (StepRecord r : h)
            for (var e : r.metrics().entrySet()) {
                c.computeIfAbsent(e.getKey() + "_step", k -> new ArrayList<>()).add((double) r.step());
                c.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        return c;
    }

    /** Writes a PNG with the loss (log scale) and every evaluated metric over steps. */
    public static void writePlot(Path png, String title, TrainResult result) {
        List<StepRecord> h = result.history();
        int[] idx = Series.thin(h.size(), 2000);
        double[] x = new double[idx.length], y = new double[idx.length];
        for (int i = 0; i < idx.length; i++) { x[i] = h.get(idx[i]).step(); y[i] = h.get(idx[i]).loss(); }
        Panel loss = Panel.of(title + ": training loss").withAxes("step", "loss").withLogY(true).with("loss", x, y);
        Map<String, List<double[]>> metric = new LinkedHashMap<>();
        for (StepRecord r : h)
            for (var e : r.metrics().entrySet()) metric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[]{r.step(), e.getValue()});
        if (metric.isEmpty()) {
            Figure.of(720, 260, loss).write(png);
            return;
        }
        Panel metrics = Panel.of(title + ": metrics").withAxes("step", "");
        for (var e : metric.entrySet())
            metrics = metrics.with(e.getKey(), e.getValue().stream().mapToDouble(a -> a[0]).toArray(), e.getValue().stream().mapToDouble(a -> a[1]).toArray());
        Figure.of(720, 520, loss, metrics).write(png);
    }

    /** File name without extension. */
    public static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
