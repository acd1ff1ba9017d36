package dev.fields.io.plot;

import dev.fields.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A picture of {@code width × height} pixels holding one or more {@link Panel}s stacked vertically (equal heights),
 * drawn with XChart into an in-memory image, so it needs no display (AWT headless works).
 */
public record Figure(int width, int height, List<Panel> panels) {
    /** Colours given to series without their own, in order. */
    public static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf));
    /** Colour of reference lines without their own. */
    public static final Color REFERENCE = new Color(0x555555);
    private static final List<java.awt.BasicStroke> REFERENCE_LINES = List.of(SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT);
    public static final Color BACKGROUND = Color.WHITE;

    public Figure {
        panels = List.copyOf(panels);
        if (panels.isEmpty()) throw new IllegalArgumentException("a figure needs at least one panel");
        if (width < 64 || height < 48 * panels.size())
            throw new IllegalArgumentException("figure " + width + "x" + height + " is too small for " + panels.size() + " panel(s)");
    }

    public static Figure of(int width, int height, Panel... panels) { return new Figure(width, height, List.of(panels)); }

    /** Draws the figure; the image is exactly {@code width × height}. */
    public BufferedImage render() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            int top = 0;
            for (int i = 0; i < panels.size(); i++) {
                int h = (height - top) / (panels.size() - i);
                g.drawImage(BitmapEncoder.getBufferedImage(chart(panels.get(i), width, h)), 0, top, null);
                top += h;
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes the figure as a PNG, atomically (a reader sees the old file or the whole new one). */
    public void write(Path png) {
        BufferedImage img = render();
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer");
        });
    }

    private static XYChart chart(Panel p, int w, int h) {
        XYChart c = new XYChart(w, h);
        c.setTitle(p.title());
        c.setXAxisTitle(p.xTitle());
        c.setYAxisTitle(p.yTitle());
        XYStyler s = c.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLocale(Locale.ROOT);
        s.setChartBackgroundColor(BACKGROUND);
        s.setPlotBackgroundColor(BACKGROUND);
        s.setPlotBorderColor(new Color(0xcccccc));
        s.setPlotGridLinesColor(new Color(0xeeeeee));
        s.setLegendPosition(Styler.LegendPosition.OutsideE); // beside the plot: a legend inside covers the end of rising curves
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setChartTitleBoxVisible(false);
        s.setXAxisTitleVisible(!p.xTitle().isEmpty());
        s.setYAxisTitleVisible(!p.yTitle().isEmpty());
        s.setYAxisLogarithmic(p.logY());
        s.setXAxisDecimalPattern("#.###");
        s.setAntiAlias(true);

        Set<String> names = new HashSet<>();
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (Series series : p.series()) {
            Color color = series.color() != null ? series.color() : PALETTE.get(k % PALETTE.size());
            k++;
            double[][] xy = drawable(series, p.logY());
            unique(names, series.name(), p);
            if (xy[0].length == 0) continue;
            for (double v : xy[0]) { x0 = Math.min(x0, v); x1 = Math.max(x1, v); }
            XYSeries xs = c.addSeries(series.name(), xy[0], xy[1]);
            xs.setMarker(SeriesMarkers.NONE);
            xs.setLineColor(color);
            xs.setLineWidth(1.5f);
        }
        if (!(x1 >= x0)) { x0 = 0; x1 = 1; }
        int refs = 0;
        for (ReferenceLine r : p.references()) {
            unique(names, r.label(), p);
            if (p.logY() && r.y() <= 0) continue;
            XYSeries xs = c.addSeries(r.label(), new double[]{x0, x1}, new double[]{r.y(), r.y()});
            xs.setMarker(SeriesMarkers.NONE);
            xs.setLineStyle(REFERENCE_LINES.get(refs++ % REFERENCE_LINES.size())); // grey lines told apart by their dashes
            xs.setLineColor(r.color() != null ? r.color() : REFERENCE);
        }
        return c;
    }

    private static void unique(Set<String> names, String name, Panel p) {
        if (!names.add(name)) throw new IllegalArgumentException("panel '" + p.title() + "' has two series or lines named " + name);
    }

    /** The finite points of a series (positive y only on a log axis). */
    private static double[][] drawable(Series s, boolean logY) {
        double[] x = s.x(), y = s.y();
        List<double[]> keep = new ArrayList<>(x.length);
        for (int i = 0; i < x.length; i++)
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logY || y[i] > 0)) keep.add(new double[]{x[i], y[i]});
        double[][] out = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) { out[0][i] = keep.get(i)[0]; out[1][i] = keep.get(i)[1]; }
        return out;
    }
}
