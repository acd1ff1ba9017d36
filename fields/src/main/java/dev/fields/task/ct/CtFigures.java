package dev.fields.task.ct;

import dev.fields.io.image.Images;

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
import java.util.Map;

/** Pictures of CT reconstructions: one slice in grey, and the comparison figure truth | baselines | field. */
final class CtFigures {
    private CtFigures() {}

    private static final int TILE = 256, LABEL = 22;

    /** A slice as an 8-bit grey PNG, values mapped from [0, window] (clipped). */
    static void writeSlice(Path png, float[] img, int n, double window) {
        Images.writePng(png, grey(img, n, window, n));
    }

    private static BufferedImage grey(float[] img, int n, double window, int size) {
        BufferedImage b = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) {
                float v = img[(y * n / size) * n + x * n / size];
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v / window)));
                b.setRGB(x, y, g * 0x010101);
            }
        return b;
    }

    /** Signed error (image − truth) in blue (too low) / red (too high), full scale at ±window/4. */
    private static BufferedImage error(float[] img, float[] truth, int n, double window, int size) {
        BufferedImage b = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        double s = window / 4;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) {
                int k = (y * n / size) * n + x * n / size;
                double e = Math.max(-1, Math.min(1, (img[k] - truth[k]) / s));
                int hi = (int) Math.round(255 * Math.abs(e)), lo = 0;
                int rgb = e >= 0 ? (hi << 16) | (lo << 8) | lo : (lo << 16) | (lo << 8) | hi;
                b.setRGB(x, y, rgb);
            }
        return b;
    }

    /** truth | each baseline | field across the top (with PSNR), their error maps below when the truth is known. */
    static void writeComparison(Path png, CtProblem p, float[] field, Map<String, Double> m) {
        Measurement scan = p.scan();
        int n = scan.geometry().gridSize();
        double w = p.window();
        List<String> titles = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        if (scan.truth() != null) { titles.add("truth"); images.add(scan.truth()); }
        for (CtProblem.Baseline b : p.baselines()) {
            titles.add(p.labelOf(b.method()) + psnr(m, b.method() + "_psnr"));
            images.add(b.image());
        }
        titles.add("field" + psnr(m, "psnr"));
        images.add(field);
        boolean errors = scan.truth() != null;
        int cols = images.size(), rows = errors ? 2 : 1;
        BufferedImage out = new BufferedImage(cols * TILE, rows * (TILE + LABEL), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < cols; i++) {
            g.drawImage(grey(images.get(i), n, w, TILE), i * TILE, LABEL, null);
            g.setColor(Color.BLACK);
            g.drawString(titles.get(i), i * TILE + 6, 16);
            if (errors && i > 0) {
                g.drawImage(error(images.get(i), scan.truth(), n, w, TILE), i * TILE, 2 * LABEL + TILE, null);
                g.drawString("error, full scale ±" + String.format(Locale.ROOT, "%.2g", w / 4), i * TILE + 6, TILE + LABEL + 16);
            }
        }
        if (errors) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            int y = 2 * LABEL + TILE + 20;
            for (String line : new String[]{"error maps: each method", "minus the truth", "", "red: too high", "blue: too low",
                    "black: right", "", "full scale ±" + String.format(Locale.ROOT, "%.2g", w / 4)}) {
                g.drawString(line, 10, y);
                y += 18;
            }
        }
        g.dispose();
        Images.writePng(png, out);
    }

    private static String psnr(Map<String, Double> m, String key) {
        Double v = m.get(key);
        return v == null ? "" : String.format(Locale.ROOT, "  %.2f dB", v);
    }
}
