package dev.fields.io.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * One chart of a {@link Figure}: a title, axis titles, named series over a shared x axis, optional log-scale y and
 * horizontal reference lines. Immutable; the {@code with…} methods return changed copies.
 */
public record Panel(String title, String xTitle, String yTitle, boolean logY, List<Series> series, List<ReferenceLine> references) {
    public Panel {
        title = title == null ? "" : title;
        xTitle = xTitle == null ? "" : xTitle;
        yTitle = yTitle == null ? "" : yTitle;
        series = List.copyOf(series);
        references = List.copyOf(references);
    }

    /** An empty panel with a title and no axis titles. */
    public static Panel of(String title) { return new Panel(title, "", "", false, List.of(), List.of()); }

    public Panel withAxes(String x, String y) { return new Panel(title, x, y, logY, series, references); }

    public Panel withLogY(boolean log) { return new Panel(title, xTitle, yTitle, log, series, references); }

    public Panel with(Series s) {
        List<Series> l = new ArrayList<>(series);
        l.add(s);
        return new Panel(title, xTitle, yTitle, logY, l, references);
    }

    public Panel with(String name, double[] x, double[] y) { return with(new Series(name, x, y)); }

    public Panel withReference(ReferenceLine r) {
        List<ReferenceLine> l = new ArrayList<>(references);
        l.add(r);
        return new Panel(title, xTitle, yTitle, logY, series, l);
    }

    public Panel withReference(String label, double y) { return withReference(new ReferenceLine(label, y)); }
}
