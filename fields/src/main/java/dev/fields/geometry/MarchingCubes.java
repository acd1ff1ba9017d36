package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.Arrays;

/**
 * Extracts the iso-surface of a scalar field on a regular grid over a box by marching cubes, as a watertight,
 * consistently oriented 2-manifold with shared vertices (one per crossed grid edge) whenever the surface stays inside
 * the box. Triangles face from inside (value below the iso level) to outside.
 *
 * <p>Marching cubes rather than dual contouring: its vertices lie on grid edges, so sharing them across cubes and the
 * watertightness argument are local and exact, and it needs no gradients or quadric solves on a field that is only a
 * network (dual contouring's per-cell vertex can land outside its cell and fold the mesh, which then needs repair).
 * The cube's case is computed, not looked up: {@link CubeLoops} traces the surface's boundary on the cube's faces as
 * loops (oriented so that, traversed backwards, they face outward), resolving ambiguous faces with the asymptotic decider, which depends on the face's four values alone and so
 * agrees between the two cubes sharing the face. Each loop is a disk of its own (an ambiguous cube interior is
 * resolved as separate sheets, never as a tunnel: a consistent choice, not always the trilinear interpolant's).
 * A loop is triangulated by dynamic programming over its polygon triangulations, minimizing the sum of
 * 1 / quality (quality = 4√3·area / Σ edge², 1 for an equilateral triangle), using as diagonals only pairs of edges
 * that share no cube face: such an edge belongs to this cube alone, so every mesh edge has exactly two triangles and
 * every vertex link is one cycle. A loop with no such triangulation gets a vertex at its centroid and a fan.
 * Vertices are interpolated linearly along their edge and kept at least {@value #MARGIN} of the edge away from its
 * corners, so no two vertices coincide and no triangle has zero area; at 1% the sphere and torus still had 1.2% of
 * their triangles with an angle under 1°, at 3% none (the price: a vertex moves by at most 3% of a cell).
 *
 * <p>Grid points on the box's faces count as outside (a value just above the level), so a surface that would leave
 * the box is closed by it there: the mesh is closed whatever the field does at the box.
 *
 * <p>The field is evaluated slab by slab (two z-slabs live at a time), so memory grows with res², not res³.
 * Sparse mode: a coarse grid (every {@code coarse}-th point) is evaluated first; only fine points inside coarse cells
 * that show a sign change, dilated by one coarse cell, are evaluated. Features thinner than a coarse cell can be
 * missed; {@code coarse = 1} evaluates everything.
 */
public final class MarchingCubes {
    /** A field evaluated at many points: xyz interleaved in, one value per point out. */
    public interface ScalarField { void evaluate(float[] xyz, int count, float[] out); }

    /** Smallest distance of a vertex from the ends of its grid edge, as a fraction of the edge. */
    static final double MARGIN = 0.03;

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
        // vertex ids of grid edges: per grid point, one per axis; two planes of ids live at a time
        int[] idsLo = new int[n * n * 3], idsHi = new int[n * n * 3];
        Cell cell = new Cell();
        evalSlab(f, sp, 0, n, lo, step, pts, slabA);
        closeAtBox(slabA, 0, 0, n, iso);
        Arrays.fill(idsLo, -1);
        for (int z = 0; z < res; z++) {
            evalSlab(f, sp, z + 1, n, lo, step, pts, slabB);
            closeAtBox(slabB, 0, z + 1, n, iso);
            Arrays.fill(idsHi, -1);
            for (int y = 0; y < res; y++)
                for (int x = 0; x < res; x++) {
                    boolean any = false, all = true;
                    for (int c = 0; c < 8; c++) {
                        int gx = x + (c & 1), gy = y + (c >> 1 & 1);
                        double v = ((c >> 2 & 1) == 0 ? slabA : slabB)[gy * n + gx];
                        cell.a[c] = v - iso;
                        boolean in = v < iso;
                        any |= in;
                        all &= in;
                        cell.cx[c] = lo[0] + gx * step[0];
                        cell.cy[c] = lo[1] + gy * step[1];
                        cell.cz[c] = lo[2] + (z + (c >> 2 & 1)) * step[2];
                    }
                    if (any && !all) cell.polygonize(x, y, n, idsLo, idsHi);
                }
            float[] s = slabA; slabA = slabB; slabB = s;
            int[] i = idsLo; idsLo = idsHi; idsHi = i;
        }
        return new Mesh(cell.verts.toArray(), cell.tris.toArray());
    }

    /** One cube at a time: its corner values and positions, the loops, their vertices and triangles. */
    private static final class Cell {
        final double[] a = new double[8], cx = new double[8], cy = new double[8], cz = new double[8];
        final int[] loopEdges = new int[12], loopLengths = new int[4], ids = new int[12], choice = new int[12 * 12];
        final double[] px = new double[12], py = new double[12], pz = new double[12], best = new double[12 * 12];
        final FloatList verts = new FloatList();
        final IntList tris = new IntList();

        void polygonize(int x, int y, int n, int[] idsLo, int[] idsHi) {
            int loops = CubeLoops.trace(a, loopEdges, loopLengths);
            for (int l = 0, off = 0; l < loops; off += loopLengths[l++]) {
                int m = loopLengths[l];
                for (int k = 0; k < m; k++) {
                    int id = vertex(loopEdges[off + k], x, y, n, idsLo, idsHi);
                    ids[k] = id;
                    px[k] = verts.get(3 * id);
                    py[k] = verts.get(3 * id + 1);
                    pz[k] = verts.get(3 * id + 2);
                }
                triangulate(off, m);
            }
        }

        /** Minimum-cost triangulation of loop vertices 0..m-1 (see class doc), or a centroid fan. */
        private void triangulate(int off, int m) {
            if (m == 3) { tris.add(ids[0], ids[2], ids[1]); return; }
            for (int gap = 1; gap < m; gap++)
                for (int i = 0; i + gap < m; i++) {
                    int j = i + gap;
                    double b = gap == 1 ? 0 : Double.POSITIVE_INFINITY;
                    int arg = -1;
                    if (gap > 1 && allowed(off, m, i, j))
                        for (int k = i + 1; k < j; k++) {
                            double c = best[i * 12 + k] + best[k * 12 + j] + badness(i, k, j);
                            if (c < b) { b = c; arg = k; }
                        }
                    best[i * 12 + j] = b;
                    choice[i * 12 + j] = arg;
                }
            if (best[m - 1] < Double.POSITIVE_INFINITY) { emit(0, m - 1); return; }
            double sx = 0, sy = 0, sz = 0;
            for (int k = 0; k < m; k++) { sx += px[k]; sy += py[k]; sz += pz[k]; }
            int c = verts.size() / 3;
            verts.add((float) (sx / m), (float) (sy / m), (float) (sz / m));
            for (int k = 0; k < m; k++) tris.add(c, ids[(k + 1) % m], ids[k]);
        }

        private void emit(int i, int j) {
            if (j - i < 2) return;
            int k = choice[i * 12 + j];
            tris.add(ids[i], ids[j], ids[k]);
            emit(i, k);
            emit(k, j);
        }

        /** A loop side, or a diagonal between edges on no common face (so no other cube can use it). */
        private boolean allowed(int off, int m, int i, int j) {
            if (j - i == 1 || (i == 0 && j == m - 1)) return true;
            return !CubeLoops.shareFace(loopEdges[off + i], loopEdges[off + j]);
        }

        private double badness(int i, int k, int j) {
            double ux = px[k] - px[i], uy = py[k] - py[i], uz = pz[k] - pz[i];
            double vx = px[j] - px[i], vy = py[j] - py[i], vz = pz[j] - pz[i];
            double wx = px[j] - px[k], wy = py[j] - py[k], wz = pz[j] - pz[k];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double area2 = Math.sqrt(nx * nx + ny * ny + nz * nz);
            double l2 = ux * ux + uy * uy + uz * uz + vx * vx + vy * vy + vz * vz + wx * wx + wy * wy + wz * wz;
            double q = 2 * Math.sqrt(3) * area2 / l2;
            return q > 0 ? 1 / q : Double.POSITIVE_INFINITY;
        }

        /** The surface vertex on cube edge e, created once per grid edge. */
        private int vertex(int e, int x, int y, int n, int[] idsLo, int[] idsHi) {
            int p = CubeLoops.EDGE_CORNERS[e][0], q = CubeLoops.EDGE_CORNERS[e][1];
            int gx = x + (p & 1), gy = y + (p >> 1 & 1);
            int[] idz = (p >> 2 & 1) == 0 ? idsLo : idsHi;
            int key = (gy * n + gx) * 3 + e / 4;
            if (idz[key] >= 0) return idz[key];
            double t = -a[p] / (a[q] - a[p]);
            t = Math.max(MARGIN, Math.min(1 - MARGIN, t));
            int id = verts.size() / 3;
            verts.add((float) (cx[p] + t * (cx[q] - cx[p])), (float) (cy[p] + t * (cy[q] - cy[p])), (float) (cz[p] + t * (cz[q] - cz[p])));
            idz[key] = id;
            return id;
        }
    }

    /** Grid points on the box's faces count as outside, so a surface that would leave the box is closed by it. */
    private static void closeAtBox(float[] slab, int off, int z, int n, double iso) {
        float outside = Math.nextUp((float) iso);
        while (outside < iso) outside = Math.nextUp(outside);
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) {
                boolean face = z == 0 || z == n - 1 || y == 0 || y == n - 1 || x == 0 || x == n - 1;
                if (face && slab[off + y * n + x] < iso) slab[off + y * n + x] = outside;
            }
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
            for (int z = 0; z < m; z++) closeAtBox(coarseVal, z * m * m, z, m, iso);
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
