package dev.fields.render;

import java.util.Locale;

/**
 * How far two renders of one view of a radiance field are apart: the mean and largest absolute difference of their
 * 8-bit colours (per channel, in [0, 1]) and of their opacities ({@link FieldRenderer.Frame#t}) over every pixel.
 */
public record FrameDifference(int pixels, double meanRgb, double maxRgb, double meanOpacity, double maxOpacity) {

    /** The differences between {@code a} and {@code b} (frames of the same size). */
    public static FrameDifference of(FieldRenderer.Frame a, FieldRenderer.Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) throw new IllegalArgumentException("frames of different sizes");
        int w = a.width(), n = w * a.height();
        double rgb = 0, rgbMax = 0, op = 0, opMax = 0;
        for (int i = 0; i < n; i++) {
            int pa = a.image().getRGB(i % w, i / w), pb = b.image().getRGB(i % w, i / w);
            for (int s = 0; s < 24; s += 8) {
                double d = Math.abs((pa >> s & 255) - (pb >> s & 255)) / 255.0;
                rgb += d;
                rgbMax = Math.max(rgbMax, d);
            }
            double d = Math.abs(a.t()[i] - b.t()[i]);
            op += d;
            opMax = Math.max(opMax, d);
        }
        return new FrameDifference(n, rgb / (3.0 * n), rgbMax, op / n, opMax);
    }

    /** "mean |ΔRGB| 1.2/255 (max 9/255), mean |Δopacity| 0.0031 (max 0.041) over 65,536 pixels". */
    public String describe() {
        return String.format(Locale.ROOT, "mean |ΔRGB| %.2f/255 (max %.0f/255), mean |Δopacity| %.4f (max %.3f) over %,d pixels",
                255 * meanRgb, 255 * maxRgb, meanOpacity, maxOpacity, pixels);
    }
}
