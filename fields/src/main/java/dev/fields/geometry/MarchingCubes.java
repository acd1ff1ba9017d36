package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.Arrays;

/**
 * Extracts the iso-surface of a scalar field on a regular grid over a box. Each grid cube is split into six
 * tetrahedra around its main diagonal (the same split in every cube, so faces match and the mesh is watertight);
 * each tetrahedron contributes 0–2 triangles, with vertices shared along grid edges. The field is evaluated slab by
 * slab (two z-slabs live at a time), so memory grows with res², not res³. Triangles face from inside (value below the
 * iso level) to outside.
 *
 * <p>Sparse mode: a coarse grid (every {@code coarse}-th point) is evaluated first; only fine points inside coarse
 * cells that show a sign change, dilated by one coarse cell, are evaluated. Features thinner than a coarse cell can be
 * missed; {@code coarse = 1} evaluates everything.
 */
public final class MarchingCubes {
    /** A field evaluated at many points: xyz interleaved in, one value per point out. */
    public interface ScalarField { void evaluate(float[] xyz, int count, float[] out); }

    // cube corner c has offset (c & 1, c >> 1 & 1, c >> 2 & 1); six tetrahedra sharing the diagonal 0-7
    private static final int[][] TETS = {{0, 1, 3, 7}, {0, 3, 2, 7}, {0, 2, 6, 7}, {0, 6, 4, 7}, {0, 4, 5, 7}, {0, 5, 1, 7}};

    private MarchingCubes() {}

    /**
     * @param res cells per axis
     * @param lo box minimum (3), {@code hi} box maximum (3)
     */
    public static Mesh extract(ScalarField f, int res, double[] lo, double[] hi, double iso) {
        return extract(f, res, lo, hi, iso, 1);
    }

    /** As above, evaluating only near the surface found on a grid {@code coarse} times coarser (see class doc). */
    public static Mesh extract(ScalarField f, int res, double[] lo, double[] hi, double iso, int coarse) {
        int n = res + 1;
        double[] step = {(hi[0] - lo[0]) / res, (hi[1] - lo[1]) / res, (hi[2] - lo[2]) / res};
        Sparse sp = coarse > 1 && res % coarse == 0 && res / coarse >= 2 ? new Sparse(f, res, coarse, lo, step, iso) : null;
        float[] slabA = new float[n * n], slabB = new float[n * n], pts = new float[3 * n * n];
        // vertex ids of edges: per grid point, 7 directions (bit sets 1..7); two planes of ids live at a time
        int[] idsLo = new int[n * n * 8], idsHi = new int[n * n * 8];
        FloatList verts = new FloatList();
        IntList tris = new IntList();
        evalSlab(f, sp, 0, n, lo, step, pts, slabA);
        Arrays.fill(idsLo, -1);
        float[] val = new float[8];
        double[] cx = new double[8], cy = new double[8], cz = new double[8];
        for (int z = 0; z < res; z++) {
            evalSlab(f, sp, z + 1, n, lo, step, pts, slabB);
            Arrays.fill(idsHi, -1);
            for (int y = 0; y < res; y++)
                for (int x = 0; x < res; x++) {
                    boolean any = false, all = true;
                    for (int c = 0; c < 8; c++) {
                        int gx = x + (c & 1), gy = y + (c >> 1 & 1);
                        val[c] = ((c >> 2 & 1) == 0 ? slabA : slabB)[gy * n + gx];
                        boolean in = val[c] < iso;
                        any |= in;
                        all &= in;
                        cx[c] = lo[0] + gx * step[0];
                        cy[c] = lo[1] + gy * step[1];
                        cz[c] = lo[2] + (z + (c >> 2 & 1)) * step[2];
                    }
                    if (!any || all) continue;
                    for (int[] t : TETS) tet(t, val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts, tris);
                }
            float[] s = slabA; slabA = slabB; slabB = s;
            int[] i = idsLo; idsLo = idsHi; idsHi = i;
        }
        return new Mesh(verts.toArray(), tris.toArray());
    }

    private static void evalSlab(ScalarField f, Sparse sp, int z, int n, double[] lo, double[] step, float[] pts, float[] out) {
        if (sp != null) { sp.slab(z, pts, out); return; }
        for (int y = 0, k = 0; y < n; y++)
            for (int x = 0; x < n; x++, k++) {
                pts[3 * k] = (float) (lo[0] + x * step[0]);
                pts[3 * k + 1] = (float) (lo[1] + y * step[1]);
                pts[3 * k + 2] = (float) (lo[2] + z * step[2]);
            }
        f.evaluate(pts, n * n, out);
        for (int i = 0; i < n * n; i++) if (Float.isNaN(out[i])) out[i] = Float.MAX_VALUE;
    }

    private static void tet(int[] t, float[] val, double[] cx, double[] cy, double[] cz, double iso, int x, int y, int n,
                            int[] idsLo, int[] idsHi, FloatList verts, IntList tris) {
        int inMask = 0, cnt = 0;
        for (int i = 0; i < 4; i++) if (val[t[i]] < iso) { inMask |= 1 << i; cnt++; }
        if (cnt == 0 || cnt == 4) return;
        int[] ins = new int[4], outs = new int[4];
        int ni = 0, no = 0;
        for (int i = 0; i < 4; i++) if ((inMask >> i & 1) == 1) ins[ni++] = t[i]; else outs[no++] = t[i];
        if (ni == 1 || ni == 3) {
            int apex = ni == 1 ? ins[0] : outs[0];
            int[] others = ni == 1 ? outs : ins;
            int a = vertex(apex, others[0], val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts);
            int b = vertex(apex, others[1], val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts);
            int c = vertex(apex, others[2], val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts);
            int in = ni == 1 ? ins[0] : ins[0], out = ni == 1 ? outs[0] : outs[0];
            emit(a, b, c, cx[out] - cx[in], cy[out] - cy[in], cz[out] - cz[in], verts, tris);
        } else {
            int a = vertex(ins[0], outs[0], val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts);
            int b = vertex(ins[0], outs[1], val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts);
            int c = vertex(ins[1], outs[1], val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts);
            int d = vertex(ins[1], outs[0], val, cx, cy, cz, iso, x, y, n, idsLo, idsHi, verts);
            double gx = (cx[outs[0]] + cx[outs[1]] - cx[ins[0]] - cx[ins[1]]), gy = (cy[outs[0]] + cy[outs[1]] - cy[ins[0]] - cy[ins[1]]),
                    gz = (cz[outs[0]] + cz[outs[1]] - cz[ins[0]] - cz[ins[1]]);
            emit(a, b, c, gx, gy, gz, verts, tris);
            emit(a, c, d, gx, gy, gz, verts, tris);
        }
    }

    /** Appends a triangle oriented so its normal has a positive component along (gx, gy, gz) (inside → outside). */
    private static void emit(int a, int b, int c, double gx, double gy, double gz, FloatList v, IntList tris) {
        double ux = v.get(3 * b) - v.get(3 * a), uy = v.get(3 * b + 1) - v.get(3 * a + 1), uz = v.get(3 * b + 2) - v.get(3 * a + 2);
        double wx = v.get(3 * c) - v.get(3 * a), wy = v.get(3 * c + 1) - v.get(3 * a + 1), wz = v.get(3 * c + 2) - v.get(3 * a + 2);
        double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
        if (a == b || b == c || a == c) return;
        if (nx * gx + ny * gy + nz * gz >= 0) tris.add(a, b, c); else tris.add(a, c, b);
    }

    /** The surface vertex on the edge between cube corners p and q, created once per grid edge. */
    private static int vertex(int p, int q, float[] val, double[] cx, double[] cy, double[] cz, double iso, int x, int y, int n,
                              int[] idsLo, int[] idsHi, FloatList verts) {
        int lo = p & q, dir = p ^ q; // corners differ by a subset of bits; the edge starts at the lower corner
        if ((p | q) != (lo | dir)) throw new IllegalStateException();
        int gx = x + (lo & 1), gy = y + (lo >> 1 & 1);
        int[] ids = (lo >> 2 & 1) == 0 ? idsLo : idsHi;
        int key = (gy * n + gx) * 8 + dir;
        if (ids[key] >= 0) return ids[key];
        double vp = val[p], vq = val[q];
        double t = vp == vq ? 0.5 : (iso - vp) / (vq - vp);
        t = Math.max(0, Math.min(1, t));
        int id = verts.size() / 3;
        verts.add((float) (cx[p] + t * (cx[q] - cx[p])), (float) (cy[p] + t * (cy[q] - cy[p])), (float) (cz[p] + t * (cz[q] - cz[p])));
        ids[key] = id;
        return id;
    }

    /** Coarse pass: which coarse cells may hold surface, and sparse evaluation of fine slabs. */
    private static final class Sparse {
        final ScalarField f;
        final int res, c, nc;
        final double[] lo, step;
        final float[] coarseVal; // (nc+1)^3
        final boolean[] active; // nc^3, dilated
        final double iso;

        Sparse(ScalarField f, int res, int c, double[] lo, double[] step, double iso) {
            this.f = f; this.res = res; this.c = c; this.nc = res / c; this.lo = lo; this.step = step; this.iso = iso;
            int m = nc + 1;
            float[] p = new float[3 * m * m * m];
            for (int z = 0, k = 0; z < m; z++)
                for (int y = 0; y < m; y++)
                    for (int x = 0; x < m; x++, k++) {
                        p[3 * k] = (float) (lo[0] + x * c * step[0]);
                        p[3 * k + 1] = (float) (lo[1] + y * c * step[1]);
                        p[3 * k + 2] = (float) (lo[2] + z * c * step[2]);
                    }
            coarseVal = new float[m * m * m];
            f.evaluate(p, m * m * m, coarseVal);
            boolean[] cross = new boolean[nc * nc * nc];
            for (int z = 0; z < nc; z++)
                for (int y = 0; y < nc; y++)
                    for (int x = 0; x < nc; x++) {
                        boolean in = false, out = false;
                        for (int k = 0; k < 8; k++) {
                            float v = coarseVal[((z + (k >> 2 & 1)) * m + y + (k >> 1 & 1)) * m + x + (k & 1)];
                            if (v < iso) in = true; else out = true;
                        }
                        cross[(z * nc + y) * nc + x] = in && out;
                    }
            active = new boolean[nc * nc * nc];
            for (int z = 0; z < nc; z++)
                for (int y = 0; y < nc; y++)
                    for (int x = 0; x < nc; x++) {
                        if (!cross[(z * nc + y) * nc + x]) continue;
                        for (int dz = -1; dz <= 1; dz++)
                            for (int dy = -1; dy <= 1; dy++)
                                for (int dx = -1; dx <= 1; dx++) {
                                    int X = x + dx, Y = y + dy, Z = z + dz;
                                    if (X >= 0 && Y >= 0 && Z >= 0 && X < nc && Y < nc && Z < nc) active[(Z * nc + Y) * nc + X] = true;
                                }
                    }
        }

        private boolean cellActive(int cx, int cy, int cz) {
            return cx >= 0 && cy >= 0 && cz >= 0 && cx < nc && cy < nc && cz < nc && active[(cz * nc + cy) * nc + cx];
        }

        /** Fills fine slab z: evaluated where an adjacent coarse cell is active, else the nearest coarse value. */
        void slab(int z, float[] pts, float[] out) {
            int n = res + 1, m = nc + 1, count = 0;
            int[] idx = new int[n * n];
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    boolean need = false;
                    for (int k = 0; k < 8 && !need; k++) {
                        int cx = (x - (k & 1)) / c, cy = (y - (k >> 1 & 1)) / c, cz = (z - (k >> 2 & 1)) / c;
                        if (x - (k & 1) < 0 || y - (k >> 1 & 1) < 0 || z - (k >> 2 & 1) < 0) continue;
                        need = cellActive(Math.min(cx, nc - 1), Math.min(cy, nc - 1), Math.min(cz, nc - 1));
                    }
                    int i = y * n + x;
                    if (need) {
                        pts[3 * count] = (float) (lo[0] + x * step[0]);
                        pts[3 * count + 1] = (float) (lo[1] + y * step[1]);
                        pts[3 * count + 2] = (float) (lo[2] + z * step[2]);
                        idx[count++] = i;
                    } else {
                        int X = Math.round((float) x / c), Y = Math.round((float) y / c), Z = Math.round((float) z / c);
                        out[i] = coarseVal[(Z * m + Y) * m + X];
                    }
                }
            if (count == 0) return;
            float[] vals = new float[count];
            f.evaluate(pts, count, vals);
            for (int k = 0; k < count; k++) out[idx[k]] = Float.isNaN(vals[k]) ? Float.MAX_VALUE : vals[k];
        }
    }

    /** Growable float array. */
    static final class FloatList {
        float[] a = new float[3 << 12];
        int n;
        void add(float x, float y, float z) {
            if (n + 3 > a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = x; a[n++] = y; a[n++] = z;
        }
        float get(int i) { return a[i]; }
        int size() { return n; }
        float[] toArray() { return Arrays.copyOf(a, n); }
    }

    /** Growable int array. */
    static final class IntList {
        int[] a = new int[3 << 12];
        int n;
        void add(int x, int y, int z) {
            if (n + 3 > a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = x; a[n++] = y; a[n++] = z;
        }
        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}
