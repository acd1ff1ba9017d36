package dev.fields.nn;

import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.HashGridLayout;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Coarse-to-fine frequencies: a weight in [0, 1] on every encoded column, from the column's frequency band and an
 * opening α (in bands). Band k has weight {@code (1 − cos(π · clamp(α − k, 0, 1))) / 2} (the smooth window of BARF,
 * Lin et al. 2021; Nerfies and Neuralangelo open bands the same way): fully on once α ≥ k + 1, off while α ≤ k. The
 * bands of each encoding, lowest frequency first:
 * <ul>
 *   <li>positional encoding: its octaves (band f holds the sin and cos columns of 2^f π); the raw input is always on;</li>
 *   <li>Gaussian Fourier features: each feature (its cos and sin column) is a band, ranked by the norm of its row of B;</li>
 *   <li>hash grid: its levels, coarsest first;</li>
 *   <li>identity: no bands (nothing to window).</li>
 * </ul>
 */
public final class BandWindow {
    private final int bands;
    private final int[] band; // per encoded column: its band, −1 = always on

    private BandWindow(int bands, int[] band) {
        this.bands = bands;
        this.band = band;
    }

    /** The window of {@code encoding} on d-dimensional inputs; {@code fourierB} is B (features × d) for Fourier features. */
    static BandWindow of(EncodingSpec encoding, int d, float[] fourierB) {
        return encoding.accept(EncodingSpec.Visitor.of(
                i -> new BandWindow(0, filled(d, -1)),
                p -> {
                    int[] b = new int[p.outputDim(d)];
                    int col = 0;
                    if (p.includeInput()) for (int i = 0; i < d; i++) b[col++] = -1;
                    for (int f = 0; f < p.frequencies(); f++) for (int j = 0; j < 2 * d; j++) b[col++] = f;
                    return new BandWindow(p.frequencies(), b);
                },
                g -> {
                    int m = g.features();
                    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
                    Arrays.sort(order, Comparator.comparingDouble(j -> norm(fourierB, j, d))); // stable: ties keep their order
                    int[] b = new int[2 * m];
                    for (int rank = 0; rank < m; rank++) {
                        b[order[rank]] = rank;
                        b[m + order[rank]] = rank;
                    }
                    return new BandWindow(m, b);
                },
                h -> {
                    HashGridLayout l = HashGridLayout.of(h, d);
                    int[] b = new int[l.levels() * l.features()];
                    for (int c = 0; c < b.length; c++) b[c] = c / l.features();
                    return new BandWindow(l.levels(), b);
                }));
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double norm(float[] b, int row, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) s += (double) b[row * d + i] * b[row * d + i];
        return s;
    }

    /** Number of bands (0: the encoding has nothing to window). */
    public int bands() { return bands; }

    /** The weight of band {@code k} at opening {@code alpha}. */
    public static double weight(double alpha, int k) {
        double t = Math.max(0, Math.min(1, alpha - k));
        return (1 - Math.cos(Math.PI * t)) / 2;
    }

    /** Per encoded column, its weight at {@code alpha}; null when every column is fully on. */
    float[] columns(double alpha) {
        if (alpha >= bands) return null;
        float[] w = new float[band.length];
        for (int c = 0; c < band.length; c++) w[c] = band[c] < 0 ? 1f : (float) weight(alpha, band[c]);
        return w;
    }
}
