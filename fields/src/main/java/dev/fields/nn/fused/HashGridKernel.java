package dev.fields.nn.fused;

import dev.fields.io.spec.HashGridLayout;

import java.util.stream.IntStream;

/**
 * The multiresolution hash encoding of {@link HashGridLayout} on plain float arrays, for the fused path: features
 * {@code n × (L·F)} of a batch written feature-major (feature k of point p at {@code feat[k·n + p]}, the layout
 * {@link FusedMlp#forwardColumns} reads), the backward's scatter-add of dL/d(features) into the table gradient, and
 * dL/dx. Tables and their gradient are flat {@code entries × F} arrays as in the layout. The unit coordinate and the
 * cell position are computed in double (a float32 product {@code u · R} would lose the fraction's low bits at fine
 * levels), the interpolation and sums in float32.
 *
 * <p>Encode and scatter run one task per level: a level owns its feature rows and its table range, so the scatter-add
 * needs no atomics and every sum is taken in point order whatever the number of threads (results are bit-identical
 * for 1 and many threads). The input gradient runs in chunks of points. Not thread-safe.
 */
public final class HashGridKernel {
    private static final int CHUNK = 2048; // points per task of the input gradient
    private final HashGridLayout layout;
    private final int d, levels, features, mask, threads;
    private final double[] lo, scale; // u = (x - lo) · scale, scale = 1 / (hi - lo)
    private final int[] res, off;
    private final boolean[] dense;
    private double[] units = new double[0]; // the batch's unit coordinates, n × d

    /**
     * @param lo      lower corner of the box the unit coordinates span
     * @param hi      upper corner of that box
     * @param threads worker threads (1: everything on the caller's thread)
     */
    public HashGridKernel(HashGridLayout layout, double[] lo, double[] hi, int threads) {
        this.layout = layout;
        this.d = layout.dim();
        this.levels = layout.levels();
        this.features = layout.features();
        this.mask = layout.tableSize() - 1;
        this.threads = Math.max(1, threads);
        this.lo = lo.clone();
        this.scale = new double[d];
        for (int k = 0; k < d; k++) scale[k] = 1.0 / (hi[k] - lo[k]);
        res = new int[levels];
        off = new int[levels];
        dense = new boolean[levels];
        for (int l = 0; l < levels; l++) { res[l] = layout.resolution(l); off[l] = layout.offset(l); dense[l] = layout.dense(l); }
    }

    /** Features per point: L·F. */
    public int outDim() { return levels * features; }

    /** Table values: entries × F. */
    public int values() { return layout.values(); }

    /** feat (L·F rows of n, feature-major) ← the encoding of x (n × d row-major) with {@code tables}. */
    public void encode(float[] x, int n, float[] tables, float[] feat) {
        check(x, n, feat);
        double[] u = units(x, n);
        forLevels(l -> {
            Level L = new Level(l);
            if (features == 2 && d == 3) L.encode3x2(u, n, tables, feat);
            else if (features == 2) L.encode2x2(u, n, tables, feat);
            else L.encode(u, n, tables, feat);
        });
    }

    /**
     * tableGrad (every value overwritten) ← Σ over points of d(features)/d(tables) · dFeat, for dFeat feature-major as
     * {@link #encode} writes features. Points whose dL/d(features) at a level is zero are skipped there.
     */
    public void scatter(float[] x, int n, float[] dFeat, float[] tableGrad) {
        check(x, n, dFeat);
        if (tableGrad.length < values()) throw new IllegalArgumentException("the table gradient holds " + tableGrad.length + " values, not " + values());
        double[] u = units(x, n);
        forLevels(l -> {
            Level L = new Level(l);
            java.util.Arrays.fill(tableGrad, L.base * features, (L.base + layout.size(l)) * features, 0f);
            if (features == 2 && d == 3) L.scatter3x2(u, n, dFeat, tableGrad);
            else if (features == 2) L.scatter2x2(u, n, dFeat, tableGrad);
            else L.scatter(u, n, dFeat, tableGrad);
        });
    }

    /**
     * dx (n × d row-major) ← dL/dx from dFeat: per level and axis, R times the interpolant's slope along the axis times
     * {@code 1 / (hi − lo)}, and 0 on an axis where the coordinate is clamped to the box.
     */
    public void inputGradient(float[] x, int n, float[] tables, float[] dFeat, float[] dx) {
        check(x, n, dFeat);
        double[] u = units(x, n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream s = IntStream.range(0, chunks);
        (threads > 1 ? s.parallel() : s).forEach(c -> slopes(u, n, tables, dFeat, dx, c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    private void check(float[] x, int n, float[] feat) {
        if (x.length < n * d) throw new IllegalArgumentException(n + " points need " + n * d + " coordinates, got " + x.length);
        if (feat.length < n * outDim()) throw new IllegalArgumentException(n + " points need " + n * outDim() + " feature values, got " + feat.length);
    }

    /** Unit coordinates {@code clamp((x − lo) / (hi − lo), 0, 1)} of the batch, in double (computed once, read by every level). */
    private double[] units(float[] x, int n) {
        if (units.length < n * d) units = new double[n * d];
        double[] u = units;
        for (int i = 0, m = n * d; i < m; ) {
            for (int k = 0; k < d; k++, i++) {
                double v = (x[i] - lo[k]) * scale[k];
                u[i] = v < 0 ? 0 : v > 1 ? 1 : v;
            }
        }
        return u;
    }

    private void forLevels(java.util.function.IntConsumer job) {
        IntStream s = IntStream.range(0, levels);
        (threads > 1 ? s.parallel() : s).forEach(job);
    }

    /**
     * One level's pass over the points. The cell of a point: {@code s = u·R}, cell {@code i = min(floor(s), R − 1)},
     * fraction {@code f = s − i}; corner c (bit k: upper vertex on axis k) has weight {@code Π_k (c_k ? f_k : 1 − f_k)}.
     * Two features in 2-D and 3-D (the common case) have loops with the corners in locals; other counts go through
     * {@link #corners}.
     */
    private final class Level {
        final int l, r, n1, base;
        final boolean isDense;
        final int[] idx = new int[8];
        final float[] w = new float[8];
        final float[] frac = new float[3];
        final int[] cell = new int[3];

        Level(int l) {
            this.l = l;
            r = res[l];
            n1 = r + 1;
            base = off[l];
            isDense = dense[l];
        }

        /** Corner entries (absolute) into idx, weights into w and the fractions into frac, for point p. */
        void corners(double[] u, int p) {
            int pi = p * d, corners = 1 << d;
            int[] i = cell;
            for (int k = 0; k < d; k++) {
                double s = u[pi + k] * r;
                i[k] = Math.min((int) s, r - 1);
                frac[k] = (float) (s - i[k]);
            }
            for (int c = 0; c < corners; c++) {
                int bx = c & 1, by = (c >> 1) & 1, bz = (c >> 2) & 1;
                float wt = (bx == 1 ? frac[0] : 1 - frac[0]) * (by == 1 ? frac[1] : 1 - frac[1]);
                if (d == 3) wt *= bz == 1 ? frac[2] : 1 - frac[2];
                w[c] = wt;
                int x = i[0] + bx, y = i[1] + by, z = d == 3 ? i[2] + bz : 0;
                idx[c] = base + (isDense ? x + n1 * (y + n1 * z) : (x * HashGridLayout.PRIME_X ^ y * HashGridLayout.PRIME_Y ^ z * HashGridLayout.PRIME_Z) & mask);
            }
        }

        void encode(double[] u, int n, float[] t, float[] feat) {
            int corners = 1 << d, F = features;
            for (int p = 0; p < n; p++) {
                corners(u, p);
                for (int f = 0; f < F; f++) {
                    float s = 0;
                    for (int c = 0; c < corners; c++) s += w[c] * t[idx[c] * F + f];
                    feat[(l * F + f) * n + p] = s;
                }
            }
        }

        void scatter(double[] u, int n, float[] dFeat, float[] g) {
            int corners = 1 << d, F = features;
            for (int p = 0; p < n; p++) {
                boolean any = false;
                for (int f = 0; f < F; f++) any |= dFeat[(l * F + f) * n + p] != 0;
                if (!any) continue;
                corners(u, p);
                for (int f = 0; f < F; f++) {
                    float gf = dFeat[(l * F + f) * n + p];
                    for (int c = 0; c < corners; c++) g[idx[c] * F + f] += w[c] * gf;
                }
            }
        }

        void encode2x2(double[] u, int n, float[] t, float[] feat) {
            int r0 = 2 * l * n, r1 = r0 + n, rm = r - 1;
            double rr = r;
            for (int p = 0; p < n; p++) {
                double sx = u[2 * p] * rr, sy = u[2 * p + 1] * rr;
                int ix = Math.min((int) sx, rm), iy = Math.min((int) sy, rm);
                float fx = (float) (sx - ix), fy = (float) (sy - iy), gx = 1 - fx, gy = 1 - fy;
                int e0, e1, e2, e3;
                if (isDense) {
                    e0 = base + ix + n1 * iy; e1 = e0 + 1; e2 = e0 + n1; e3 = e2 + 1;
                } else {
                    int hy0 = iy * HashGridLayout.PRIME_Y, hy1 = hy0 + HashGridLayout.PRIME_Y, x1 = ix + 1;
                    e0 = base + ((ix ^ hy0) & mask); e1 = base + ((x1 ^ hy0) & mask);
                    e2 = base + ((ix ^ hy1) & mask); e3 = base + ((x1 ^ hy1) & mask);
                }
                float w0 = gx * gy, w1 = fx * gy, w2 = gx * fy, w3 = fx * fy;
                e0 *= 2; e1 *= 2; e2 *= 2; e3 *= 2;
                feat[r0 + p] = (w0 * t[e0] + w1 * t[e1]) + (w2 * t[e2] + w3 * t[e3]);
                feat[r1 + p] = (w0 * t[e0 + 1] + w1 * t[e1 + 1]) + (w2 * t[e2 + 1] + w3 * t[e3 + 1]);
            }
        }

        void scatter2x2(double[] u, int n, float[] dFeat, float[] g) {
            int r0 = 2 * l * n, r1 = r0 + n, rm = r - 1;
            double rr = r;
            for (int p = 0; p < n; p++) {
                float d0 = dFeat[r0 + p], d1 = dFeat[r1 + p];
                if (d0 == 0 && d1 == 0) continue;
                double sx = u[2 * p] * rr, sy = u[2 * p + 1] * rr;
                int ix = Math.min((int) sx, rm), iy = Math.min((int) sy, rm);
                float fx = (float) (sx - ix), fy = (float) (sy - iy), gx = 1 - fx, gy = 1 - fy;
                int e0, e1, e2, e3;
                if (isDense) {
                    e0 = base + ix + n1 * iy; e1 = e0 + 1; e2 = e0 + n1; e3 = e2 + 1;
                } else {
                    int hy0 = iy * HashGridLayout.PRIME_Y, hy1 = hy0 + HashGridLayout.PRIME_Y, x1 = ix + 1;
                    e0 = base + ((ix ^ hy0) & mask); e1 = base + ((x1 ^ hy0) & mask);
                    e2 = base + ((ix ^ hy1) & mask); e3 = base + ((x1 ^ hy1) & mask);
                }
                float w0 = gx * gy, w1 = fx * gy, w2 = gx * fy, w3 = fx * fy;
                e0 *= 2; e1 *= 2; e2 *= 2; e3 *= 2;
                g[e0] += w0 * d0; g[e0 + 1] += w0 * d1;
                g[e1] += w1 * d0; g[e1 + 1] += w1 * d1;
                g[e2] += w2 * d0; g[e2 + 1] += w2 * d1;
                g[e3] += w3 * d0; g[e3 + 1] += w3 * d1;
            }
        }

        void encode3x2(double[] u, int n, float[] t, float[] feat) {
            int r0 = 2 * l * n, r1 = r0 + n, rm = r - 1, sz1 = n1 * n1;
            double rr = r;
            for (int p = 0; p < n; p++) {
                int pi = 3 * p;
                double sx = u[pi] * rr, sy = u[pi + 1] * rr, sz = u[pi + 2] * rr;
                int ix = Math.min((int) sx, rm), iy = Math.min((int) sy, rm), iz = Math.min((int) sz, rm);
                float fx = (float) (sx - ix), fy = (float) (sy - iy), fz = (float) (sz - iz), gx = 1 - fx, gy = 1 - fy, gz = 1 - fz;
                int e0, e1, e2, e3, e4, e5, e6, e7;
                if (isDense) {
                    e0 = base + ix + n1 * (iy + n1 * iz); e1 = e0 + 1; e2 = e0 + n1; e3 = e2 + 1;
                    e4 = e0 + sz1; e5 = e4 + 1; e6 = e4 + n1; e7 = e6 + 1;
                } else {
                    int hy0 = iy * HashGridLayout.PRIME_Y, hy1 = hy0 + HashGridLayout.PRIME_Y;
                    int hz0 = iz * HashGridLayout.PRIME_Z, hz1 = hz0 + HashGridLayout.PRIME_Z, x1 = ix + 1;
                    int a = hy0 ^ hz0, b = hy1 ^ hz0, c = hy0 ^ hz1, e = hy1 ^ hz1;
                    e0 = base + ((ix ^ a) & mask); e1 = base + ((x1 ^ a) & mask);
                    e2 = base + ((ix ^ b) & mask); e3 = base + ((x1 ^ b) & mask);
                    e4 = base + ((ix ^ c) & mask); e5 = base + ((x1 ^ c) & mask);
                    e6 = base + ((ix ^ e) & mask); e7 = base + ((x1 ^ e) & mask);
                }
                float a = gx * gy, b = fx * gy, c = gx * fy, e = fx * fy;
                float w0 = a * gz, w1 = b * gz, w2 = c * gz, w3 = e * gz, w4 = a * fz, w5 = b * fz, w6 = c * fz, w7 = e * fz;
                e0 *= 2; e1 *= 2; e2 *= 2; e3 *= 2; e4 *= 2; e5 *= 2; e6 *= 2; e7 *= 2;
                feat[r0 + p] = (w0 * t[e0] + w1 * t[e1] + w2 * t[e2] + w3 * t[e3]) + (w4 * t[e4] + w5 * t[e5] + w6 * t[e6] + w7 * t[e7]);
                feat[r1 + p] = (w0 * t[e0 + 1] + w1 * t[e1 + 1] + w2 * t[e2 + 1] + w3 * t[e3 + 1])
                        + (w4 * t[e4 + 1] + w5 * t[e5 + 1] + w6 * t[e6 + 1] + w7 * t[e7 + 1]);
            }
        }

        void scatter3x2(double[] u, int n, float[] dFeat, float[] g) {
            int r0 = 2 * l * n, r1 = r0 + n, rm = r - 1, sz1 = n1 * n1;
            double rr = r;
            for (int p = 0; p < n; p++) {
                float d0 = dFeat[r0 + p], d1 = dFeat[r1 + p];
                if (d0 == 0 && d1 == 0) continue;
                int pi = 3 * p;
                double sx = u[pi] * rr, sy = u[pi + 1] * rr, sz = u[pi + 2] * rr;
                int ix = Math.min((int) sx, rm), iy = Math.min((int) sy, rm), iz = Math.min((int) sz, rm);
                float fx = (float) (sx - ix), fy = (float) (sy - iy), fz = (float) (sz - iz), gx = 1 - fx, gy = 1 - fy, gz = 1 - fz;
                int e0, e1, e2, e3, e4, e5, e6, e7;
                if (isDense) {
                    e0 = base + ix + n1 * (iy + n1 * iz); e1 = e0 + 1; e2 = e0 + n1; e3 = e2 + 1;
                    e4 = e0 + sz1; e5 = e4 + 1; e6 = e4 + n1; e7 = e6 + 1;
                } else {
                    int hy0 = iy * HashGridLayout.PRIME_Y, hy1 = hy0 + HashGridLayout.PRIME_Y;
                    int hz0 = iz * HashGridLayout.PRIME_Z, hz1 = hz0 + HashGridLayout.PRIME_Z, x1 = ix + 1;
                    int a = hy0 ^ hz0, b = hy1 ^ hz0, c = hy0 ^ hz1, e = hy1 ^ hz1;
                    e0 = base + ((ix ^ a) & mask); e1 = base + ((x1 ^ a) & mask);
                    e2 = base + ((ix ^ b) & mask); e3 = base + ((x1 ^ b) & mask);
                    e4 = base + ((ix ^ c) & mask); e5 = base + ((x1 ^ c) & mask);
                    e6 = base + ((ix ^ e) & mask); e7 = base + ((x1 ^ e) & mask);
                }
                float a = gx * gy, b = fx * gy, c = gx * fy, e = fx * fy;
                float w0 = a * gz, w1 = b * gz, w2 = c * gz, w3 = e * gz, w4 = a * fz, w5 = b * fz, w6 = c * fz, w7 = e * fz;
                e0 *= 2; e1 *= 2; e2 *= 2; e3 *= 2; e4 *= 2; e5 *= 2; e6 *= 2; e7 *= 2;
                g[e0] += w0 * d0; g[e0 + 1] += w0 * d1;
                g[e1] += w1 * d0; g[e1 + 1] += w1 * d1;
                g[e2] += w2 * d0; g[e2 + 1] += w2 * d1;
                g[e3] += w3 * d0; g[e3 + 1] += w3 * d1;
                g[e4] += w4 * d0; g[e4 + 1] += w4 * d1;
                g[e5] += w5 * d0; g[e5 + 1] += w5 * d1;
                g[e6] += w6 * d0; g[e6 + 1] += w6 * d1;
                g[e7] += w7 * d0; g[e7 + 1] += w7 * d1;
            }
        }
    }

    private void slopes(double[] u, int n, float[] t, float[] dFeat, float[] dx, int from, int to) {
        int corners = 1 << d, F = features;
        Level[] lv = new Level[levels];
        for (int l = 0; l < levels; l++) lv[l] = new Level(l);
        float[] v = new float[8];
        double[] sum = new double[d];
        for (int p = from; p < to; p++) {
            java.util.Arrays.fill(sum, 0);
            for (int l = 0; l < levels; l++) {
                Level L = lv[l];
                L.corners(u, p);
                for (int c = 0; c < corners; c++) {
                    float s = 0;
                    for (int f = 0; f < F; f++) s += t[L.idx[c] * F + f] * dFeat[(l * F + f) * n + p];
                    v[c] = s;
                }
                for (int k = 0; k < d; k++) {
                    float slope = 0; // Σ_c v_c · d(weight_c)/d(frac_k)
                    for (int c = 0; c < corners; c++) {
                        float dw = ((c >> k) & 1) == 1 ? 1 : -1;
                        for (int j = 0; j < d; j++) if (j != k) dw *= ((c >> j) & 1) == 1 ? L.frac[j] : 1 - L.frac[j];
                        slope += v[c] * dw;
                    }
                    sum[k] += (double) slope * L.r;
                }
            }
            for (int k = 0; k < d; k++) {
                double uk = u[p * d + k]; // strictly inside iff not clamped
                dx[p * d + k] = uk > 0 && uk < 1 ? (float) (sum[k] * scale[k]) : 0f;
            }
        }
    }
}
