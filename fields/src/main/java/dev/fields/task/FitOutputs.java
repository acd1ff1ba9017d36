package dev.fields.task;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fields.io.AtomicFiles;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.image.LinePlot;
import dev.fields.io.spec.SpecJson;
import dev.fields.train.StepRecord;
import dev.fields.train.TrainResult;

import java.awt.Color;
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
        for (int i : LinePlot.thin(h.size(), 200)) {
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
        List<Integer> idx = LinePlot.thin(h.size(), 2000);
        double[] x = new double[idx.size()], y = new double[idx.size()];
        for (int i = 0; i < idx.size(); i++) { x[i] = h.get(idx.get(i)).step(); y[i] = h.get(idx.get(i)).loss(); }
        List<LinePlot.Panel> panels = new ArrayList<>();
        panels.add(new LinePlot.Panel(title + ": training loss", List.of(new LinePlot.Series("loss", x, y, new Color(0x1f77b4))), true));
        Map<String, List<double[]>> metric = new LinkedHashMap<>();
        for (StepRecord r : h)
            for (var e : r.metrics().entrySet()) metric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[]{r.step(), e.getValue()});
        Color[] colors = {new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)};
        List<LinePlot.Series> series = new ArrayList<>();
        int k = 0;
        for (var e : metric.entrySet()) {
            double[] mx = e.getValue().stream().mapToDouble(a -> a[0]).toArray();
            double[] my = e.getValue().stream().mapToDouble(a -> a[1]).toArray();
            series.add(new LinePlot.Series(e.getKey(), mx, my, colors[k++ % colors.length]));
        }
        if (!series.isEmpty()) panels.add(new LinePlot.Panel(title + ": metrics", series, false));
        LinePlot.write(png, panels);
    }

    /** File name without extension. */
    public static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
