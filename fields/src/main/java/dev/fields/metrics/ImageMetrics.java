package dev.fields.metrics;

import dev.fields.io.image.FloatImage;

/** Image quality metrics on [0, 1] images: PSNR and SSIM. */
public final class ImageMetrics {
    private ImageMetrics() {}

    /** Mean squared error over all pixels and channels. */
    public static double mse(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length " + a.length + " != " + b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) { double d = a[i] - b[i]; s += d * d; }
        return s / a.length;
    }

    /** PSNR in dB for a peak of 1: {@code -10 log10(mse)}. */
    public static double psnr(double mse) { return -10 * Math.log10(Math.max(mse, 1e-20)); }

    public static double psnr(float[] a, float[] b) { return psnr(mse(a, b)); }

    /**
     * Mean SSIM (Wang et al. 2004) with an 11x11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, data range 1,
     * averaged over channels; windows are restricted to the image (valid region only).
     */
    public static double ssim(FloatImage a, FloatImage b) {
        checkSameSize(a, b);
        if (ssimRadius(a.width(), a.height()) < 1) return 1 - mse(a.data(), b.data());
        double total = 0;
        double[] map = ssimMap(a, b);
        for (double v : map) total += v;
        return total / map.length;
    }

    /** Half the side of the SSIM window for an image of this size: 5, less for images under 14 pixels. */
    public static int ssimRadius(int width, int height) { return Math.min(5, Math.min(width, height) / 2 - 1); }

    /**
     * The SSIM of every window that {@link #ssim} averages: with r = {@link #ssimRadius}, entry
     * {@code (y · (width − 2r) + x) · channels + c} is the window centred on pixel (x + r, y + r) in channel c.
     */
    public static double[] ssimMap(FloatImage a, FloatImage b) {
        checkSameSize(a, b);
        int r = ssimRadius(a.width(), a.height());
        if (r < 1) throw new IllegalArgumentException("an SSIM map needs images of at least 4x4 pixels");
        double[] g = new double[2 * r + 1];
        double gs = 0;
        for (int i = -r; i <= r; i++) { g[i + r] = Math.exp(-i * i / (2 * 1.5 * 1.5)); gs += g[i + r]; }
        for (int i = 0; i < g.length; i++) g[i] /= gs;
        double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        int w = a.width() - 2 * r, h = a.height() - 2 * r, channels = a.channels();
        double[] map = new double[w * h * channels];
        for (int c = 0; c < channels; c++) {
            double[][] mom = new double[5][];
            for (int k = 0; k < 5; k++) mom[k] = blur(a, b, c, k, g, r);
            for (int i = 0; i < w * h; i++) {
                double ma = mom[0][i], mb = mom[1][i];
                double va = mom[2][i] - ma * ma, vb = mom[3][i] - mb * mb, cov = mom[4][i] - ma * mb;
                map[i * channels + c] = ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            }
        }
        return map;
    }

    private static void checkSameSize(FloatImage a, FloatImage b) {
        if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels())
            throw new IllegalArgumentException("SSIM needs images of equal size");
    }

    /** Separable Gaussian blur (valid region) of a, b, a², b² or ab (k = 0..4) for channel c. */
    private static double[] blur(FloatImage a, FloatImage b, int c, int k, double[] g, int r) {
        int W = a.width(), H = a.height(), w = W - 2 * r, h = H - 2 * r;
        double[] rows = new double[w * H];
        for (int y = 0; y < H; y++)
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int t = 0; t < g.length; t++) {
                    double va = a.get(x + t, y, c), vb = b.get(x + t, y, c);
                    double v = switch (k) { case 0 -> va; case 1 -> vb; case 2 -> va * va; case 3 -> vb * vb; default -> va * vb; };
                    s += g[t] * v;
                }
                rows[y * w + x] = s;
            }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int t = 0; t < g.length; t++) s += g[t] * rows[(y + t) * w + x];
                out[y * w + x] = s;
            }
        return out;
    }
}
