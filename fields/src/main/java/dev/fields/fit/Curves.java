package dev.fields.fit;

import dev.fields.io.image.LinePlot;
import dev.fields.train.StepRecord;
import dev.fields.train.TrainResult;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The training-curve figure of a fit: loss (log scale) over steps, and every evaluated metric. */
final class Curves {
    private Curves() {}

    static List<Integer> thin(int n, int max) { return LinePlot.thin(n, max); }

    static void write(Path png, String title, TrainResult result) {
        List<StepRecord> h = result.history();
        List<Integer> idx = thin(h.size(), 2000);
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
}
