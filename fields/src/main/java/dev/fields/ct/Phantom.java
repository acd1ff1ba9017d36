package dev.fields.ct;

import dev.fields.io.UserError;
import dev.fields.io.ct.Geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A 2-D phantom made of ellipses whose densities add where they overlap, with its exact analytic projections and its
 * rasterization onto a {@link Geometry}'s grid. The random family's density is clipped to [0, 1] ({@link #clipped}),
 * and so are its exact projections: along a line the clipped density is constant between the ellipses' chord ends, so
 * the integral is a finite sum over those segments ({@link #project}), and the sinogram is that of the image the truth
 * rasterizes.
 *
 * @param clipped whether {@link #rasterize} clips the image to [0, 1]
 */
public record Phantom(List<Ellipse> ellipses, boolean clipped) {
    /** The usual supersampling per pixel side of a rasterized truth image (4 × 4 samples). */
    public static final int SUPERSAMPLING = 4;

    /** Modified Shepp–Logan (Toft's contrast): A, a, b, x0, y0, φ in degrees; Kak & Slaney Table 3.1 with row 9's y0 = −0.606. */
    private static final double[][] MODIFIED_SHEPP_LOGAN = {
            {1.0, 0.69, 0.92, 0, 0, 0},
            {-0.8, 0.6624, 0.874, 0, -0.0184, 0},
            {-0.2, 0.11, 0.31, 0.22, 0, -18},
            {-0.2, 0.16, 0.41, -0.22, 0, 18},
            {0.1, 0.21, 0.25, 0, 0.35, 0},
            {0.1, 0.046, 0.046, 0, 0.1, 0},
            {0.1, 0.046, 0.046, 0, -0.1, 0},
            {0.1, 0.046, 0.023, -0.08, -0.605, 0},
            {0.1, 0.023, 0.023, 0, -0.606, 0},
            {0.1, 0.023, 0.046, 0.06, -0.605, 0},
    };

    public Phantom {
        ellipses = List.copyOf(ellipses);
    }

    /** The modified Shepp–Logan phantom on [−1, 1]², row 9's centre pinned at y0 = −0.606 (Kak & Slaney, MATLAB). */
    public static Phantom modifiedSheppLogan() {
        List<Ellipse> e = new ArrayList<>();
        for (double[] r : MODIFIED_SHEPP_LOGAN) e.add(new Ellipse(r[0], r[1], r[2], r[3], r[4], Math.toRadians(r[5])));
        return new Phantom(e, false);
    }

    /**
     * The random family of the Fourier-features paper's CT experiment: every entry of the modified Shepp–Logan table
     * plus an independent N(0, 1)/20 (φ in radians), drawn ellipse by ellipse in the order A, a, b, x0, y0, φ from
     * {@code new SplittableRandom(seed)}; rasterized images are clipped to [0, 1].
     */
    public static Phantom random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Ellipse> e = new ArrayList<>();
        for (double[] row : MODIFIED_SHEPP_LOGAN) {
            double[] v = new double[6];
            for (int k = 0; k < 6; k++) v[k] = (k == 5 ? Math.toRadians(row[k]) : row[k]) + Gaussian.next(r) / 20;
            e.add(new Ellipse(v[0], v[1], v[2], v[3], v[4], v[5]));
        }
        return new Phantom(e, true);
    }

    /** {@code shepp-logan} or {@code random:SEED}. */
    public static Phantom parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("shepp-logan")) return modifiedSheppLogan();
        if (n.startsWith("random:")) {
            try {
                return random(Long.parseLong(n.substring("random:".length())));
            } catch (NumberFormatException e) {
                throw new UserError("phantom '" + name + "' needs an integer seed, e.g. random:7");
            }
        }
        throw new UserError("unknown phantom '" + name + "': use shepp-logan or random:SEED");
    }

    /** The density at (x, y): the sum over the ellipses containing it, clipped to [0, 1] when {@link #clipped}. */
    public double density(double x, double y) {
        double f = 0;
        for (Ellipse e : ellipses) if (e.contains(x, y)) f += e.density();
        return clipped ? clip(f) : f;
    }

    private static double clip(double v) { return Math.min(1, Math.max(0, v)); }

    /** ∫∫ of the unclipped density: the sum of the ellipses' masses. */
    public double mass() {
        double m = 0;
        for (Ellipse e : ellipses) m += e.mass();
        return m;
    }

    /**
     * The exact parallel projection {@code p(t, θ)}: the sum of {@link Ellipse#project} for the plain sum of ellipses;
     * for a clipped phantom the line is cut at every chord end ({@link Ellipse#chord}) and each segment adds its clipped
     * density times its length.
     */
    public double project(double t, double theta) {
        if (!clipped) {
            double p = 0;
            for (Ellipse e : ellipses) p += e.project(t, theta);
            return p;
        }
        int k = ellipses.size(), m = 0;
        double[][] chords = new double[k][];
        double[] ends = new double[2 * k];
        for (int i = 0; i < k; i++) {
            chords[i] = ellipses.get(i).chord(t, theta);
            if (chords[i] != null) { ends[m++] = chords[i][0]; ends[m++] = chords[i][1]; }
        }
        Arrays.sort(ends, 0, m);
        double p = 0;
        for (int j = 0; j + 1 < m; j++) {
            double lo = ends[j], hi = ends[j + 1];
            if (hi <= lo) continue;
            double mid = 0.5 * (lo + hi), f = 0;
            for (int i = 0; i < k; i++)
                if (chords[i] != null && chords[i][0] < mid && mid < chords[i][1]) f += ellipses.get(i).density();
            p += clip(f) * (hi - lo);
        }
        return p;
    }

    /** The exact projection along {@code line}. */
    public double project(RayLine line) { return project(line.s(), line.theta()); }

    /** The exact sinogram of {@code g} (parallel or fan beam), views × detectors, row-major. */
    public float[] sinogram(Geometry g) {
        int n = g.detectors();
        float[] out = new float[g.views() * n];
        for (int v = 0; v < g.views(); v++)
            for (int j = 0; j < n; j++) out[v * n + j] = (float) project(RayLine.of(g, v, j));
        return out;
    }

    /**
     * The image on {@code g}'s grid (row 0 at the top, see {@link Geometry}), each pixel the mean of
     * {@code supersampling × supersampling} point samples at the centres of its equal sub-squares; clipped to [0, 1]
     * when {@link #clipped}.
     */
    public float[] rasterize(Geometry g, int supersampling) {
        if (supersampling < 1) throw new IllegalArgumentException("supersampling must be >= 1, got " + supersampling);
        int n = g.gridSize(), s = supersampling;
        double h = g.pixelSize(), c = (n - 1) / 2.0;
        float[] out = new float[n * n];
        for (int r = 0; r < n; r++)
            for (int col = 0; col < n; col++) {
                double sum = 0;
                for (int i = 0; i < s; i++) {
                    double y = (c - r - ((i + 0.5) / s - 0.5)) * h;
                    for (int k = 0; k < s; k++) sum += density((col - c + (k + 0.5) / s - 0.5) * h, y);
                }
                out[r * n + col] = (float) (sum / (s * s));
            }
        return out;
    }
}
