package dev.fields.io.plot;

import java.awt.Color;
import java.util.Arrays;

/**
 * One named curve of a {@link Panel}: points (x[i], y[i]). A null colour takes the panel's next palette colour.
 * Non-finite points (and, on a log-scale panel, non-positive y) are left out when drawn.
 */
public record Series(String name, double[] x, double[] y, Color color) {
    public Series {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a series needs a name");
        if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
        x = x.clone();
        y = y.clone();
    }

    /** A series drawn in the panel's next palette colour. */
    public Series(String name, double[] x, double[] y) { this(name, x, y, null); }

    @Override public double[] x() { return x.clone(); }
    @Override public double[] y() { return y.clone(); }

    public int size() { return x.length; }

    /** At most {@code max} evenly spaced points of this series (first and last kept). */
    public Series thinned(int max) {
        int[] idx = thin(x.length, max);
        double[] tx = new double[idx.length], ty = new double[idx.length];
        for (int i = 0; i < idx.length; i++) { tx[i] = x[idx[i]]; ty[i] = y[idx[i]]; }
        return new Series(name, tx, ty, color);
    }

    /**
     * Indices of at most about {@code max} evenly spaced points of a curve of {@code n} points, ascending, always
     * including the first and the last (so long runs plot and serialize in bounded size).
     */
    public static int[] thin(int n, int max) {
        if (max < 1) throw new IllegalArgumentException("max must be >= 1, got " + max);
        if (n <= 0) return new int[0];
        int step = Math.max(1, n / max);
        int[] idx = new int[(n - 1) / step + 2];
        int k = 0;
        for (int i = 0; i < n; i += step) idx[k++] = i;
        if (idx[k - 1] != n - 1) idx[k++] = n - 1;
        return Arrays.copyOf(idx, k);
    }
}
