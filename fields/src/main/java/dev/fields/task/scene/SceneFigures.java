package dev.fields.task.scene;

import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.scene.SceneView;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of a scene fit: the test views (per view truth | render | error map, four views to a row) and strips of views. */
final class SceneFigures {
    private SceneFigures() {}

    private static final int PER_ROW = 4, LABEL = 20, GAP = 8, MIN_TILE = 128;
    /** The error map's full scale: a mean absolute error of 0.25 per channel is white. */
    static final double ERROR_SCALE = 4;

    static void writeTestViews(Path png, String title, List<SceneView> views, List<FloatImage> renders, List<Map<String, Object>> perView) {
        int w = renders.get(0).width(), h = renders.get(0).height();
        int f = Math.max(1, (MIN_TILE + w - 1) / w), tw = w * f, th = h * f;
        int stripW = 3 * tw + GAP, n = views.size(), cols = Math.min(PER_ROW, n), rows = (n + PER_ROW - 1) / PER_ROW;
        BufferedImage out = new BufferedImage(cols * stripW, LABEL + rows * (th + LABEL), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(title + ": each test view as truth | render | error (mean |render − truth| × " + (int) ERROR_SCALE + ", black = 0)", 6, 14);
        for (int i = 0; i < n; i++) {
            int x0 = (i % PER_ROW) * stripW, y0 = LABEL + (i / PER_ROW) * (th + LABEL);
            FloatImage truth = views.get(i).rgb(), img = renders.get(i);
            g.drawImage(rgb(truth, f), x0, y0 + LABEL, null);
            g.drawImage(rgb(img, f), x0 + tw, y0 + LABEL, null);
            g.drawImage(error(img, truth, f), x0 + 2 * tw, y0 + LABEL, null);
            g.setColor(Color.BLACK);
            Map<String, Object> m = perView.get(i);
            String name = Path.of(String.valueOf(views.get(i).image().getFileName())).toString();
            g.drawString(String.format(Locale.ROOT, "%s  %.2f dB  SSIM %.3f", name, (double) m.get("psnr"), (double) m.get("ssim")), x0 + 4, y0 + 15);
        }
        g.dispose();
        Images.writePng(png, out);
    }

    /** Pictures of one size side by side, left to right, nothing else: {@code n · width × height} pixels. */
    static void writeStrip(Path png, List<FloatImage> views) {
        int w = views.get(0).width(), h = views.get(0).height();
        BufferedImage out = new BufferedImage(views.size() * w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        for (int i = 0; i < views.size(); i++) g.drawImage(rgb(views.get(i), 1), i * w, 0, null);
        g.dispose();
        Images.writePng(png, out);
    }

    private static BufferedImage rgb(FloatImage im, int f) {
        BufferedImage b = new BufferedImage(im.width() * f, im.height() * f, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < b.getHeight(); y++)
            for (int x = 0; x < b.getWidth(); x++) {
                int px = x / f, py = y / f, v = 0;
                for (int c = 0; c < 3; c++) v = (v << 8) | byteOf(im.get(px, py, c));
                b.setRGB(x, y, v);
            }
        return b;
    }

    /** Mean absolute error over channels, × {@link #ERROR_SCALE}, on a black–red–yellow–white ramp. */
    private static BufferedImage error(FloatImage im, FloatImage truth, int f) {
        BufferedImage b = new BufferedImage(im.width() * f, im.height() * f, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < b.getHeight(); y++)
            for (int x = 0; x < b.getWidth(); x++) {
                int px = x / f, py = y / f;
                double e = 0;
                for (int c = 0; c < 3; c++) e += Math.abs(im.get(px, py, c) - truth.get(px, py, c));
                e = Math.min(1, ERROR_SCALE * e / 3);
                int r = byteOf(3 * e), gr = byteOf(3 * e - 1), bl = byteOf(3 * e - 2);
                b.setRGB(x, y, (r << 16) | (gr << 8) | bl);
            }
        return b;
    }

    private static int byteOf(double v) { return (int) Math.round(255 * Math.max(0, Math.min(1, v))); }
}
