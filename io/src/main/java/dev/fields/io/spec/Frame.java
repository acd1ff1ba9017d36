package dev.fields.io.spec;

import java.util.Arrays;

/**
 * Where a field lives. The network is trained on coordinates inside {@code [boxMin, boxMax]} ("field units");
 * {@code world = field * scale + offset} maps them back to the source data's own coordinates (mesh units,
 * pixels). Distances scale by {@code scale}. {@code resolution} is the source grid size (image width, height),
 * or empty when the source is not a grid.
 */
public record Frame(double[] boxMin, double[] boxMax, double scale, double[] offset, int[] resolution) {
    public Frame {
        if (boxMin.length != boxMax.length || offset.length != boxMin.length)
            throw new IllegalArgumentException("frame box and offset must have the same dimension");
        if (!(scale > 0)) throw new IllegalArgumentException("frame scale must be > 0, got " + scale);
        resolution = resolution == null ? new int[0] : resolution;
    }

    /** The unit box [lo, hi]^d with identity transform. */
    public static Frame box(int dim, double lo, double hi) {
        double[] a = new double[dim], b = new double[dim];
        Arrays.fill(a, lo);
        Arrays.fill(b, hi);
        return new Frame(a, b, 1.0, new double[dim], new int[0]);
    }

    public Frame withResolution(int... res) { return new Frame(boxMin, boxMax, scale, offset, res); }

    @Override public boolean equals(Object o) {
        return o instanceof Frame f && Arrays.equals(boxMin, f.boxMin) && Arrays.equals(boxMax, f.boxMax)
                && scale == f.scale && Arrays.equals(offset, f.offset) && Arrays.equals(resolution, f.resolution);
    }

    @Override public int hashCode() {
        return Arrays.hashCode(boxMin) * 31 + Arrays.hashCode(boxMax) * 17 + Double.hashCode(scale) + Arrays.hashCode(resolution);
    }

    @Override public String toString() {
        return "Frame[box=" + Arrays.toString(boxMin) + ".." + Arrays.toString(boxMax) + ", scale=" + scale
                + ", offset=" + Arrays.toString(offset) + ", resolution=" + Arrays.toString(resolution) + "]";
    }
}
