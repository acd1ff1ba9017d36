package dev.fields.task.scene;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which cells of a box hold matter, so samples in empty space are dropped before the network sees them (instant-ngp's
 * density grid, Müller et al. 2022, §5.1 and appendix E.2). A {@code res³} grid over {@code [lo, hi]}; each cell keeps
 * the optical thickness {@code σ · h} (h the shortest cell side) of the density at a random point in it, as
 * {@code max(decay · old, new)} each time an update visits it, and is occupied when that value exceeds
 * {@code min(threshold, mean over all cells)}. Before the first update every cell is occupied; the first update
 * visits every cell and replaces the values outright. Points outside the box are never occupied.
 */
final class OccupancyGrid {
    /** The density (after the head) at {@code n} points ({@code n × 3} floats), one value per point. */
    @FunctionalInterface
    interface Density {
        float[] at(float[] points, int n);
    }

    private final double[] lo, hi;
    private final int res;
    private final double decay, threshold, cellSide;
    private final float[] value;
    private final boolean[] occupied;
    private boolean updated;
    private int occupiedCount;

    OccupancyGrid(double[] lo, double[] hi, int res, double decay, double threshold) {
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.res = res;
        this.decay = decay;
        this.threshold = threshold;
        double h = Double.POSITIVE_INFINITY;
        for (int c = 0; c < 3; c++) h = Math.min(h, (hi[c] - lo[c]) / res);
        this.cellSide = h;
        this.value = new float[res * res * res];
        this.occupied = new boolean[value.length];
        Arrays.fill(occupied, true);
        occupiedCount = value.length;
    }

    int resolution() { return res; }

    int cells() { return value.length; }

    boolean updated() { return updated; }

    /** Fraction of cells occupied. */
    double occupiedFraction() { return (double) occupiedCount / value.length; }

    /** The cell of a point, or −1 outside the box. */
    int cellOf(double x, double y, double z) {
        int i = axis(x, 0), j = axis(y, 1), k = axis(z, 2);
        return i < 0 || j < 0 || k < 0 ? -1 : (k * res + j) * res + i;
    }

    private int axis(double v, int c) {
        if (!(v >= lo[c] && v <= hi[c])) return -1;
        int i = (int) ((v - lo[c]) / (hi[c] - lo[c]) * res);
        return Math.min(i, res - 1);
    }

    boolean occupied(double x, double y, double z) {
        int c = cellOf(x, y, z);
        return c >= 0 && occupied[c];
    }

    boolean occupiedCell(int cell) { return occupied[cell]; }

    /**
     * Visits every cell ({@code all}, and always on the first update) or a random quarter of them, evaluating the
     * density at one uniformly random point of each visited cell ({@code rng} null: at the cell centres).
     */
    void update(Density density, SplittableRandom rng, boolean all) {
        boolean every = all || !updated;
        int n = value.length;
        int[] visit;
        if (every) {
            visit = new int[n];
            for (int i = 0; i < n; i++) visit[i] = i;
        } else {
            int m = Math.max(1, n / 4);
            visit = new int[m];
            for (int i = 0; i < m; i++) visit[i] = rng == null ? (int) ((long) i * n / m) : rng.nextInt(n);
        }
        float[] pts = new float[3 * visit.length];
        for (int v = 0; v < visit.length; v++) {
            int cell = visit[v], i = cell % res, j = (cell / res) % res, k = cell / (res * res);
            int[] ijk = {i, j, k};
            for (int c = 0; c < 3; c++) {
                double u = rng == null ? 0.5 : rng.nextDouble();
                pts[3 * v + c] = (float) (lo[c] + (ijk[c] + u) * (hi[c] - lo[c]) / res);
            }
        }
        float[] sigma = density.at(pts, visit.length);
        for (int v = 0; v < visit.length; v++) {
            double thick = Math.max(0, sigma[v]) * cellSide;
            int cell = visit[v];
            value[cell] = (float) (updated ? Math.max(decay * value[cell], thick) : thick);
        }
        updated = true;
        refresh();
    }

    /**
     * Marks the 26 neighbours of every occupied cell occupied too (until the next update), so a cell that holds matter
     * only where no visit happened to look is kept when a neighbour saw it: a conservative grid for rendering.
     */
    void dilate() {
        boolean[] was = occupied.clone();
        int count = 0;
        for (int k = 0; k < res; k++)
            for (int j = 0; j < res; j++)
                for (int i = 0; i < res; i++) {
                    int cell = (k * res + j) * res + i;
                    boolean any = was[cell];
                    for (int dk = -1; dk <= 1 && !any; dk++)
                        for (int dj = -1; dj <= 1 && !any; dj++)
                            for (int di = -1; di <= 1 && !any; di++) {
                                int a = i + di, b = j + dj, c = k + dk;
                                if (a >= 0 && b >= 0 && c >= 0 && a < res && b < res && c < res) any = was[(c * res + b) * res + a];
                            }
                    occupied[cell] = any;
                    if (any) count++;
                }
        occupiedCount = count;
    }

    /** The occupancy threshold now in force: {@code min(threshold, mean value)}. */
    double effectiveThreshold() {
        double mean = 0;
        for (float v : value) mean += v;
        mean /= value.length;
        return Math.min(threshold, mean);
    }

    private void refresh() {
        double t = effectiveThreshold();
        int count = 0;
        for (int i = 0; i < value.length; i++) {
            occupied[i] = threshold == 0 || value[i] > t;
            if (occupied[i]) count++;
        }
        occupiedCount = count;
    }
}
