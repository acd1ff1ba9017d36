package dev.fields.fit;

import dev.fields.io.plot.Figure;
import dev.fields.io.plot.Panel;
import dev.fields.io.plot.Series;
import dev.fields.train.StepRecord;
import dev.fields.train.TrainResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training-curve figure of a fit: loss (log scale) over steps, and every per-step monitor and evaluated metric
 * with the problem's reference levels.
 */
final class Curves {
    private Curves() {}

    static int[] thin(int n, int max) { return Series.thin(n, max); }

    static void write(Path png, String title, TrainResult result, Map<String, Double> references) {
        List<StepRecord> h = result.history();
        int[] idx = thin(h.size(), 2000);
        double[] x = new double[idx.length], y = new double[idx.length];
        for (int i = 0; i < idx.length; i++) { x[i] = h.get(idx[i]).step(); y[i] = h.get(idx[i]).loss(); }
        Panel loss = Panel.of(title + ": training loss").withAxes("step", "loss").withLogY(true).with("loss", x, y);
        Map<String, List<double[]>> metric = new LinkedHashMap<>();
        for (int i : idx) // per-step monitors (thinned like the loss), then the evaluated metrics
            for (var e : h.get(i).monitors().entrySet()) metric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[]{h.get(i).step(), e.getValue()});
        for (StepRecord r : h)
            for (var e : r.metrics().entrySet()) metric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[]{r.step(), e.getValue()});
        if (metric.isEmpty()) {
            Figure.of(720, 260, loss).write(png);
            return;
        }
        Panel metrics = Panel.of(title + ": metrics").withAxes("step", "");
        for (var e : references.entrySet()) metrics = metrics.withReference(e.getKey(), e.getValue());
        for (var e : metric.entrySet())
            metrics = metrics.with(e.getKey(), e.getValue().stream().mapToDouble(a -> a[0]).toArray(), e.getValue().stream().mapToDouble(a -> a[1]).toArray());
        Figure.of(720, 520, loss, metrics).write(png);
    }
}
