package dev.fields.ct;

import dev.fields.io.ct.Geometry;
import dev.fields.ray.Rays;

import java.util.Arrays;

/**
 * The ray-driven projector of a {@link Geometry} as a sparse matrix A: row {@code v · detectors + j} is ray (v, j),
 * column {@code r · gridSize + c} is pixel (r, c). Each ray (from {@link Rays#parallelBeam} or {@link Rays#fanBeam},
 * clipped to the grid's bilinear support) is sampled every half pixel at {@code t_foot + k · pixelSize / 2}, t_foot
 * being its point nearest the rotation centre, and each sample adds {@code pixelSize / 2} times its bilinear weights
 * to the four surrounding pixel centres, so {@code (A x)_i} approximates the line integral of the bilinear
 * interpolant of x in the geometry's length unit.
 *
 * <p>Storage is CSR per view (float weights, int columns, duplicates merged, columns ascending): 8 bytes per non-zero
 * plus one int per row, and for {@link #transpose} one float image per extra core. {@link #forward} and
 * {@link #transpose} run over views on every core and allocate nothing; one matrix serves one caller at a time.
 */
public final class SystemMatrix {
    private final int views, detectors, gridSize, columns;
    private final int[][] rowStart, cols;
    private final float[][] vals;
    private final float[] rowSums, columnSums;
    private final float[][] partial;
    private final ParallelChunks forwardRun, transposeRun;
    private float[] in, out;

    private SystemMatrix(Geometry g) {
        views = g.views();
        detectors = g.detectors();
        gridSize = g.gridSize();
        columns = gridSize * gridSize;
        rowStart = new int[views][];
        cols = new int[views][];
        vals = new float[views][];
        ParallelChunks build = new ParallelChunks(views, (chunk, from, to) -> {
            Builder b = new Builder(g);
            for (int v = from; v < to; v++) b.view(v);
        });
        build.run();
        rowSums = new float[views * detectors];
        double[] cs = new double[columns];
        for (int v = 0; v < views; v++)
            for (int j = 0; j < detectors; j++) {
                double s = 0;
                for (int k = rowStart[v][j]; k < rowStart[v][j + 1]; k++) { s += vals[v][k]; cs[cols[v][k]] += vals[v][k]; }
                rowSums[v * detectors + j] = (float) s;
            }
        columnSums = new float[columns];
        for (int i = 0; i < columns; i++) columnSums[i] = (float) cs[i];
        forwardRun = new ParallelChunks(views, this::forwardViews);
        transposeRun = new ParallelChunks(views, this::transposeViews);
        partial = new float[transposeRun.chunks()][];
        for (int i = 1; i < partial.length; i++) partial[i] = new float[columns];
    }

    /** The projector of {@code g} (parallel or fan beam). */
    public static SystemMatrix of(Geometry g) { return new SystemMatrix(g); }

    public int rows() { return views * detectors; }
    public int columns() { return columns; }

    /** Stored non-zero weights. */
    public long nonZeros() {
        long n = 0;
        for (int[] c : cols) n += c.length;
        return n;
    }

    /** Bytes held: weights, columns, row starts, row and column sums and the transpose's per-core images. */
    public long bytes() {
        long b = 8 * nonZeros() + 4L * (rowSums.length + columnSums.length);
        for (int[] r : rowStart) b += 4L * r.length;
        for (float[] p : partial) if (p != null) b += 4L * p.length;
        return b;
    }

    /** Σ_j A_ij per ray (a copy). */
    public float[] rowSums() { return rowSums.clone(); }

    /** Σ_i A_ij per pixel (a copy). */
    public float[] columnSums() { return columnSums.clone(); }

    /** {@code y = A x}: x has {@link #columns()} values, y {@link #rows()}. */
    public void forward(float[] x, float[] y) {
        check(x, columns, y, rows());
        in = x;
        out = y;
        forwardRun.run();
        in = out = null;
    }

    /** {@code x = Aᵀ y}: y has {@link #rows()} values, x {@link #columns()}. */
    public void transpose(float[] y, float[] x) {
        check(y, rows(), x, columns);
        in = y;
        out = x;
        transposeRun.run();
        for (int p = 1; p < partial.length; p++) {
            float[] q = partial[p];
            for (int i = 0; i < columns; i++) x[i] += q[i];
        }
        in = out = null;
    }

    private void forwardViews(int chunk, int from, int to) {
        float[] x = in, y = out;
        for (int v = from; v < to; v++) {
            int[] rs = rowStart[v], c = cols[v];
            float[] w = vals[v];
            for (int j = 0; j < detectors; j++) {
                double s = 0;
                for (int k = rs[j]; k < rs[j + 1]; k++) s += w[k] * x[c[k]];
                y[v * detectors + j] = (float) s;
            }
        }
    }

    private void transposeViews(int chunk, int from, int to) {
        float[] y = in, x = chunk == 0 ? out : partial[chunk];
        Arrays.fill(x, 0);
        for (int v = from; v < to; v++) {
            int[] rs = rowStart[v], c = cols[v];
            float[] w = vals[v];
            for (int j = 0; j < detectors; j++) {
                float yj = y[v * detectors + j];
                if (yj == 0) continue;
                for (int k = rs[j]; k < rs[j + 1]; k++) x[c[k]] += w[k] * yj;
            }
        }
    }

    private static void check(float[] a, int na, float[] b, int nb) {
        if (a.length != na || b.length != nb)
            throw new IllegalArgumentException("need arrays of " + na + " and " + nb + " values, got " + a.length + " and " + b.length);
    }

    /** Builds the rows of views; one per thread (its scratch is one image and one ray's footprint). */
    private final class Builder {
        private final Geometry g;
        private final double h, centre, step;
        private final double[] boxMin, boxMax;
        private final float[] acc = new float[columns];
        private final int[] stamp = new int[columns];
        private int[] touched = new int[1024];
        private int rayStamp;
        private final Rays rays = new Rays(2);
        private final float[] offsets;

        Builder(Geometry g) {
            this.g = g;
            h = g.pixelSize();
            centre = (gridSize - 1) / 2.0;
            step = h / 2;
            double reach = g.halfWidth() + h / 2; // bilinear support of the outer pixel centres
            boxMin = new double[]{-reach, -reach};
            boxMax = new double[]{reach, reach};
            offsets = new float[detectors];
            for (int j = 0; j < detectors; j++) offsets[j] = (float) g.detector(j);
            Arrays.fill(stamp, -1);
        }

        void view(int v) {
            float[] angle = {(float) g.angles()[v]};
            if (g.beam() == Geometry.Beam.PARALLEL) rays.parallelBeam(angle, offsets, 2 * boxMax[0]);
            else rays.fanBeam(angle, offsets, g.sourceOrigin(), g.sourceDetector());
            rays.clipToBox(boxMin, boxMax);
            int[] rs = new int[detectors + 1];
            int[] c = new int[Math.max(16, 3 * detectors * gridSize)];
            float[] w = new float[c.length];
            int nnz = 0;
            for (int j = 0; j < detectors; j++) {
                rs[j] = nnz;
                int n = ray(j);
                if (nnz + n > c.length) {
                    int cap = Math.max(nnz + n, c.length + c.length / 2);
                    c = Arrays.copyOf(c, cap);
                    w = Arrays.copyOf(w, cap);
                }
                Arrays.sort(touched, 0, n);
                for (int i = 0; i < n; i++) {
                    int col = touched[i];
                    c[nnz] = col;
                    w[nnz++] = (float) (acc[col] * step);
                    acc[col] = 0;
                }
            }
            rs[detectors] = nnz;
            rowStart[v] = rs;
            cols[v] = Arrays.copyOf(c, nnz);
            vals[v] = Arrays.copyOf(w, nnz);
        }

        /** Accumulates ray j's bilinear weights into acc; returns how many pixels it touched (listed in touched). */
        private int ray(int j) {
            if (!rays.hit(j)) return 0;
            rayStamp++;
            double ox = rays.origins()[2 * j], oy = rays.origins()[2 * j + 1];
            double dx = rays.directions()[2 * j], dy = rays.directions()[2 * j + 1];
            double foot = -(ox * dx + oy * dy);
            long k0 = (long) Math.ceil((rays.near()[j] - foot) / step), k1 = (long) Math.floor((rays.far()[j] - foot) / step);
            int n = 0;
            for (long k = k0; k <= k1; k++) {
                double t = foot + k * step;
                double cc = (ox + t * dx) / h + centre, rr = centre - (oy + t * dy) / h;
                int c0 = (int) Math.floor(cc), r0 = (int) Math.floor(rr);
                double fc = cc - c0, fr = rr - r0;
                n = add(r0, c0, (1 - fr) * (1 - fc), n);
                n = add(r0, c0 + 1, (1 - fr) * fc, n);
                n = add(r0 + 1, c0, fr * (1 - fc), n);
                n = add(r0 + 1, c0 + 1, fr * fc, n);
            }
            return n;
        }

        private int add(int r, int c, double weight, int n) {
            if (weight <= 0 || r < 0 || r >= gridSize || c < 0 || c >= gridSize) return n;
            int col = r * gridSize + c;
            if (stamp[col] != rayStamp) {
                stamp[col] = rayStamp;
                if (n == touched.length) touched = Arrays.copyOf(touched, 2 * n);
                touched[n++] = col;
            }
            acc[col] += (float) weight;
            return n;
        }
    }
}
