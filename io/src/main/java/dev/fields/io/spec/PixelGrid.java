package dev.fields.io.spec;

/**
 * The one mapping between the pixels of a 2-D field's source grid ({@code width × height}, row 0 at the top) and
 * field coordinates, for training, GL drawing, the CPU twin and exports alike.
 *
 * <p>Pixel {@code (col, row)} is the normalized point {@code (col / width, row / height)} in [0, 1)², i.e.
 * {@code linspace(0, 1, N + 1)[:-1]} per axis (the protocol of Tancik et al. 2020, whose published numbers train on
 * it); the field point is {@code boxMin + u (boxMax - boxMin)}.
 *
 * <p>Drawing an axis of {@code n} source pixels with {@code r} pixels resamples centre-aligned. Source pixel {@code i}
 * covers {@code [i, i + 1)} in pixel-area units and is sampled at its index {@code i}, so area position {@code a}
 * is index {@code a - 1/2}. Output pixel {@code j} covers {@code [j, j + 1) n / r}, centre {@code (j + 1/2) n / r},
 * which is index {@code (j + 1/2) n / r - 1/2} and coordinate
 * {@code u = ((j + 1/2) n / r - 1/2) / n = (j + 1/2) / r - 1 / (2n)}: at {@code r = n} exactly {@code j / n}, the
 * training coordinate. Inversely, coordinate {@code u} is output pixel {@code (u n + 1/2) r / n - 1/2}.
 */
public record PixelGrid(int width, int height) {
    public PixelGrid {
        if (width < 1 || height < 1) throw new IllegalArgumentException("pixel grid must be at least 1×1, got " + width + "×" + height);
    }

    /**
     * The source grid of a 2-D frame; a frame without a source resolution is drawn as if the output were its grid.
     */
    public static PixelGrid of(Frame frame, int outWidth, int outHeight) {
        int[] r = frame.resolution();
        return r.length == 2 ? new PixelGrid(r[0], r[1]) : new PixelGrid(outWidth, outHeight);
    }

    /** Normalized coordinate of pixel index {@code i} on an axis of {@code n} pixels: {@code i / n} in float, as trained. */
    public static float coordinate(int i, int n) { return i / (float) n; }

    /** Fractional pixel index of normalized coordinate {@code u} on an axis of {@code n} pixels. */
    public static double index(double u, int n) { return u * n; }

    /**
     * Normalized coordinate sampled by output pixel {@code j} when an axis of {@code n} source pixels is drawn with
     * {@code r} pixels (centre-aligned); exactly {@link #coordinate} when {@code r == n}.
     */
    public static float resampled(int j, int n, int r) {
        return r == n ? coordinate(j, n) : (float) (((j + 0.5) * n / r - 0.5) / n);
    }

    /** Output pixel (fractional) of an {@code r}-pixel drawing that samples normalized coordinate {@code u}. */
    public static double outputPixel(double u, int n, int r) { return (u * n + 0.5) * r / n - 0.5; }

    /** Field coordinate of normalized coordinate {@code u} on a box axis {@code [lo, hi]}. */
    public static double toBox(double u, double lo, double hi) { return lo + u * (hi - lo); }

    /** Normalized coordinate of field coordinate {@code x} on a box axis {@code [lo, hi]}. */
    public static double fromBox(double x, double lo, double hi) { return (x - lo) / (hi - lo); }

    /** Normalized x of output column {@code col} of a drawing {@code outWidth} wide. */
    public float u(int col, int outWidth) { return resampled(col, width, outWidth); }

    /** Normalized y of output row {@code row} (0 at the top) of a drawing {@code outHeight} tall, y pointing down. */
    public float v(int row, int outHeight) { return resampled(row, height, outHeight); }

    /**
     * Normalized y of output row {@code row} (0 at the top): pointing down as {@link #v(int, int)}, or pointing up
     * ({@code 1 − v}: row 0 at the box's high y), as {@link FieldKind#yUp()} says.
     */
    public float v(int row, int outHeight, boolean yUp) { return yUp ? 1 - v(row, outHeight) : v(row, outHeight); }

    /**
     * The same mapping as an affine function of pixel-centre coordinates with rows counted from the bottom (OpenGL's
     * {@code gl_FragCoord}, {@code (col + 1/2, bottomRow + 1/2)}): {@code (u, v) = c * scale + offset}. Returns
     * {@code {scaleX, scaleY, offsetX, offsetY}}; the negative y scale flips rows so that row 0 is the top.
     */
    public double[] fragmentAffine(int outWidth, int outHeight) {
        return new double[]{1.0 / outWidth, -1.0 / outHeight, -0.5 / width, 1 - 0.5 / height};
    }

    /** {@link #fragmentAffine(int, int)}, or with y pointing up ({@link #v(int, int, boolean)}: v → 1 − v). */
    public double[] fragmentAffine(int outWidth, int outHeight, boolean yUp) {
        double[] a = fragmentAffine(outWidth, outHeight);
        if (yUp) { a[1] = -a[1]; a[3] = 1 - a[3]; }
        return a;
    }
}
