package dev.fields.io.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small training-curve plots: panels stacked vertically, each with one or more series over a shared x axis
 * (steps), optional log-scale y. Written as PNG.
 */
public final class LinePlot {
    /** One curve. */
    public record Series(String name, double[] x, double[] y, Color color) {}

    /** One panel: title, curves and whether y is log-scaled. */
    public record Panel(String title, List<Series> series, boolean logY) {}

    private static final int W = 720, PH = 260, M = 56;

    private LinePlot() {}

    public static BufferedImage draw(List<Panel> panels) {
        BufferedImage img = new BufferedImage(W, PH * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int p = 0; p < panels.size(); p++) drawPanel(g, panels.get(p), p * PH);
        g.dispose();
        return img;
    }

    public static void write(Path png, List<Panel> panels) { Images.writePng(png, draw(panels)); }

    private static void drawPanel(Graphics2D g, Panel panel, int top) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        for (Series s : panel.series())
            for (int i = 0; i < s.x().length; i++) {
                double y = tf(s.y()[i], panel.logY());
                if (!Double.isFinite(y)) continue;
                x0 = Math.min(x0, s.x()[i]); x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, y); y1 = Math.max(y1, y);
            }
        int left = M, right = W - 16, ptop = top + 28, bottom = top + PH - 30;
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, top + 18);
        g.setColor(new Color(0xdddddd));
        g.drawRect(left, ptop, right - left, bottom - ptop);
        if (!(x1 >= x0) || !(y1 >= y0)) return;
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) { y1 += 0.5; y0 -= 0.5; }
        for (int t = 0; t <= 4; t++) {
            double yv = y0 + (y1 - y0) * t / 4;
            int py = (int) (bottom - (bottom - ptop) * t / 4.0);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(left, py, right, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fmt(panel.logY() ? Math.pow(10, yv) : yv), 4, py + 4);
            double xv = x0 + (x1 - x0) * t / 4;
            int px = (int) (left + (right - left) * t / 4.0);
            g.drawString(fmt(xv), px - 10, bottom + 16);
        }
        int legend = 0;
        for (Series s : panel.series()) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(1.5f));
            int px = -1, py = -1;
            for (int i = 0; i < s.x().length; i++) {
                double y = tf(s.y()[i], panel.logY());
                if (!Double.isFinite(y)) continue;
                int qx = (int) (left + (s.x()[i] - x0) / (x1 - x0) * (right - left));
                int qy = (int) (bottom - (y - y0) / (y1 - y0) * (bottom - ptop));
                if (px >= 0) g.drawLine(px, py, qx, qy);
                px = qx; py = qy;
            }
            g.drawString(s.name(), right - 180, ptop + 16 + 14 * legend++);
        }
    }

    private static double tf(double y, boolean log) { return log ? (y > 0 ? Math.log10(y) : Double.NaN) : y; }

    private static String fmt(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-2 || a >= 1e5)) return String.format(Locale.ROOT, "%.1e", v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.3g", v);
    }

    /** Copies a list of boxed values into an array. */
    public static double[] array(List<? extends Number> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) a[i] = v.get(i).doubleValue();
        return a;
    }

    /** Keeps at most {@code max} evenly spaced points (plots of long runs). */
    public static List<Integer> thin(int n, int max) {
        List<Integer> idx = new ArrayList<>();
        int step = Math.max(1, n / max);
        for (int i = 0; i < n; i += step) idx.add(i);
        if (n > 0 && idx.get(idx.size() - 1) != n - 1) idx.add(n - 1);
        return idx;
    }
}
