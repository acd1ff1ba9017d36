package dev.fields.ct;

import dev.fields.io.image.FloatImage;
import dev.fields.metrics.ImageMetrics;

/**
 * Quality of a reconstruction against its truth on an n × n grid, with the peak taken as the truth's maximum. The
 * reconstruction circle is the grid's inscribed circle: pixels whose centre lies within n/2 pixels of the grid's
 * centre. CT.md's numpy anchors are full-grid PSNRs ({@link #psnr}); the product reports the circle's.
 */
public final class CtMetrics {
    private CtMetrics() {}

    /** Whether pixel (r, c) of an n × n grid has its centre inside the reconstruction circle. */
    public static boolean inCircle(int n, int r, int c) {
        double m = (n - 1) / 2.0, dx = c - m, dy = r - m;
        return dx * dx + dy * dy <= n * n / 4.0;
    }

    /** PSNR over the whole grid, peak = max(truth). */
    public static double psnr(float[] image, float[] truth) {
        check(image, truth);
        double se = 0;
        for (int i = 0; i < truth.length; i++) { double d = image[i] - truth[i]; se += d * d; }
        return toPsnr(se / truth.length, peak(truth));
    }

    /** PSNR over the reconstruction circle of an n × n grid, peak = max(truth) over the grid. */
    public static double psnrInCircle(float[] image, float[] truth, int n) {
        check(image, truth);
        if (truth.length != n * n) throw new IllegalArgumentException("images of " + truth.length + " values are not " + n + "²");
        double se = 0;
        int count = 0;
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                if (inCircle(n, r, c)) {
                    double d = image[r * n + c] - truth[r * n + c];
                    se += d * d;
                    count++;
                }
        return toPsnr(se / count, peak(truth));
    }

    /**
     * Mean SSIM of the windows ({@link ImageMetrics#ssimMap}: 11 × 11 Gaussian, σ 1.5) centred inside the
     * reconstruction circle, with data range max(truth).
     */
    public static double ssimInCircle(float[] image, float[] truth, int n) {
        check(image, truth);
        if (truth.length != n * n) throw new IllegalArgumentException("images of " + truth.length + " values are not " + n + "²");
        double peak = peak(truth);
        FloatImage a = FloatImage.blank(n, n, 1), b = FloatImage.blank(n, n, 1);
        for (int i = 0; i < truth.length; i++) {
            a.data()[i] = (float) (image[i] / peak);
            b.data()[i] = (float) (truth[i] / peak);
        }
        double[] map = ImageMetrics.ssimMap(a, b);
        int rad = ImageMetrics.ssimRadius(n, n), w = n - 2 * rad;
        double sum = 0;
        int count = 0;
        for (int y = 0; y < w; y++)
            for (int x = 0; x < w; x++)
                if (inCircle(n, y + rad, x + rad)) { sum += map[y * w + x]; count++; }
        return sum / count;
    }

    private static double peak(float[] truth) {
        double p = Double.NEGATIVE_INFINITY;
        for (float v : truth) p = Math.max(p, v);
        if (!(p > 0)) throw new IllegalArgumentException("the truth image needs a positive maximum for PSNR, got " + p);
        return p;
    }

    private static double toPsnr(double mse, double peak) { return 10 * Math.log10(peak * peak / Math.max(mse, 1e-30)); }

    private static void check(float[] image, float[] truth) {
        if (image.length != truth.length) throw new IllegalArgumentException("image has " + image.length + " values, truth " + truth.length);
    }
}
