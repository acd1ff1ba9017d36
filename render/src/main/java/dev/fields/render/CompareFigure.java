package dev.fields.render;

import dev.fields.shaders.ColourMap;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A side-by-side figure of two renders of one view and the angle between their normals: left | middle | heat map
 * (black 0° through red and yellow to white at {@code scaleDegrees} and beyond; background grey where either missed),
 * each panel captioned.
 */
public final class CompareFigure {
    private CompareFigure() {}

    static final int CAPTION = 22;

    public static BufferedImage of(BufferedImage left, String leftLabel, BufferedImage middle, String middleLabel,
                                   NormalAgreement angles, double scaleDegrees) {
        int w = angles.width(), h = angles.height();
        BufferedImage out = new BufferedImage(3 * w, h + CAPTION, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(left, 0, CAPTION, null);
            g.drawImage(middle, w, CAPTION, null);
            g.drawImage(heatMap(angles, scaleDegrees), 2 * w, CAPTION, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.BLACK);
            g.drawString(leftLabel, 6, 16);
            g.drawString(middleLabel, w + 6, 16);
            g.drawString(String.format(Locale.ROOT, "normal angle, 0-%.0f°: mean %.2f°, p95 %.2f°", scaleDegrees, angles.meanDegrees(), angles.p95Degrees()), 2 * w + 6, 16);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The per-pixel angles through the heat colour map over [0, scaleDegrees]; grey where not compared. */
    public static BufferedImage heatMap(NormalAgreement angles, double scaleDegrees) {
        int w = angles.width(), h = angles.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] rgb = new float[3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                float d = angles.degrees()[y * w + x];
                if (Float.isNaN(d)) { img.setRGB(x, y, 0x9a9a9a); continue; }
                ColourMap.HEAT.rgb(d / scaleDegrees, rgb, 0);
                img.setRGB(x, y, Math.round(255 * rgb[0]) << 16 | Math.round(255 * rgb[1]) << 8 | Math.round(255 * rgb[2]));
            }
        return img;
    }
}
