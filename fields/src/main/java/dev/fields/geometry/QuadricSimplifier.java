package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.Arrays;

/**
 * Simplifies a closed, oriented 2-manifold triangle mesh to a face budget by quadric error metrics (Garland and
 * Heckbert 1997): each vertex carries the sum of the area-weighted squared-distance quadrics of the planes of its
 * triangles; edges are collapsed cheapest first (a binary heap with lazy invalidation), the merged vertex placed where
 * the summed quadric is smallest (with a tiny pull towards the edge's midpoint, so flat regions stay well posed).
 *
 * <p>A collapse is refused when it would change the topology or fold the surface: the endpoints must have exactly
 * two common neighbours, the apexes of the edge's two triangles (the link condition of Dey et al. 1999, which keeps a
 * closed manifold a closed manifold of the same genus, and leaves no face doubled), every surviving triangle around
 * the edge must keep its normal within 90° of the old one, and must not become a sliver it was not already
 * (quality {@code 4√3·area / Σ edge²} not below {@value #MIN_QUALITY}, about that of a 1° needle, unless it was lower
 * before). Without that last rule a coarse budget fills with slivers and then spends its collapses on corners. So watertightness,
 * manifoldness and orientation survive. When the heap runs dry above the budget every edge is tried again (a refusal
 * may have been lifted by later collapses nearby); the result stays above the budget only when all are refused.
 */
public final class QuadricSimplifier {
    static final double MIN_QUALITY = 0.03;
    private final double[] pos, quad;
    private final int[] tri, modified;
    private final boolean[] faceAlive, vertexAlive;
    private int[][] vf;
    private final int[] vfn;
    private final Heap heap = new Heap();
    private int stamp, faces, tag;
    private final int[] markA, markB;
    private final double[] qs = new double[10], before = new double[4], after = new double[4];

    private QuadricSimplifier(Mesh m) {
        int nv = m.vertexCount(), nt = m.triangleCount();
        pos = new double[3 * nv];
        for (int i = 0; i < pos.length; i++) pos[i] = m.vertices()[i];
        tri = m.triangles().clone();
        faceAlive = new boolean[nt];
        Arrays.fill(faceAlive, true);
        faces = nt;
        vertexAlive = new boolean[nv];
        modified = new int[nv];
        markA = new int[nv];
        markB = new int[nv];
        vfn = new int[nv];
        for (int x : tri) vfn[x]++;
        vf = new int[nv][];
        for (int v = 0; v < nv; v++) { vf[v] = new int[Math.max(4, vfn[v])]; vertexAlive[v] = vfn[v] > 0; vfn[v] = 0; }
        for (int f = 0; f < nt; f++) for (int k = 0; k < 3; k++) { int v = tri[3 * f + k]; vf[v][vfn[v]++] = f; }
        quad = new double[10 * nv];
        double[] q = new double[10];
        for (int f = 0; f < nt; f++) {
            planeQuadric(f, q);
            for (int k = 0; k < 3; k++) for (int j = 0; j < 10; j++) quad[10 * tri[3 * f + k] + j] += q[j];
        }
    }

    /**
     * A copy of {@code m} with at most about {@code targetFaces} triangles (see class doc); {@code m} itself when it
     * has no more than that already.
     */
    public static Mesh simplify(Mesh m, int targetFaces) {
        if (targetFaces < 4) throw new IllegalArgumentException("a closed mesh needs at least 4 faces, asked for " + targetFaces);
        if (m.triangleCount() <= targetFaces) return m;
        QuadricSimplifier s = new QuadricSimplifier(m);
        s.run(targetFaces);
        return s.result();
    }

    /** Collapses cheapest first; when the heap runs dry above the budget, retries every edge while that helps. */
    private void run(int target) {
        double[] x = new double[3];
        for (boolean progress = true; progress && faces > target; ) {
            pushAllEdges(x);
            progress = false;
            while (faces > target && heap.size > 0) {
                int a = heap.topA(), b = heap.topB(), st = heap.topStamp();
                heap.pop();
                if (!vertexAlive[a] || !vertexAlive[b] || st < modified[a] || st < modified[b]) continue;
                place(a, b, x);
                if (!linkCondition(a, b) || folds(a, b, x) || folds(b, a, x)) continue;
                collapse(a, b, x);
                progress = true;
            }
        }
    }

    private void pushAllEdges(double[] x) {
        heap.size = 0;
        stamp++;
        long[] keys = new long[3 * faces];
        int k = 0;
        for (int f = 0; f < faceAlive.length; f++)
            if (faceAlive[f])
                for (int j = 0; j < 3; j++) {
                    int a = tri[3 * f + j], b = tri[3 * f + (j + 1) % 3];
                    keys[k++] = (long) Math.min(a, b) << 32 | Math.max(a, b);
                }
        Arrays.sort(keys, 0, k);
        for (int i = 0; i < k; i++) {
            if (i > 0 && keys[i] == keys[i - 1]) continue;
            int a = (int) (keys[i] >>> 32), b = (int) keys[i];
            heap.push(place(a, b, x), a, b, stamp);
        }
    }

    /** Where the merged vertex of edge (a, b) goes (into {@code x}); returns the quadric error there. */
    private double place(int a, int b, double[] x) {
        double[] q = qs;
        for (int j = 0; j < 10; j++) q[j] = quad[10 * a + j] + quad[10 * b + j];
        double mx = (pos[3 * a] + pos[3 * b]) / 2, my = (pos[3 * a + 1] + pos[3 * b + 1]) / 2, mz = (pos[3 * a + 2] + pos[3 * b + 2]) / 2;
        double eps = 1e-6 * (q[0] + q[4] + q[7]) + 1e-300;
        // (A + eps I) x = -b + eps m
        double a00 = q[0] + eps, a01 = q[1], a02 = q[2], a11 = q[4] + eps, a12 = q[5], a22 = q[7] + eps;
        double r0 = -q[3] + eps * mx, r1 = -q[6] + eps * my, r2 = -q[8] + eps * mz;
        double c00 = a11 * a22 - a12 * a12, c01 = a02 * a12 - a01 * a22, c02 = a01 * a12 - a02 * a11;
        double det = a00 * c00 + a01 * c01 + a02 * c02;
        if (Math.abs(det) > 0 && Double.isFinite(det)) {
            double c11 = a00 * a22 - a02 * a02, c12 = a01 * a02 - a00 * a12, c22 = a00 * a11 - a01 * a01;
            x[0] = (c00 * r0 + c01 * r1 + c02 * r2) / det;
            x[1] = (c01 * r0 + c11 * r1 + c12 * r2) / det;
            x[2] = (c02 * r0 + c12 * r1 + c22 * r2) / det;
        } else { x[0] = mx; x[1] = my; x[2] = mz; }
        return error(q, x[0], x[1], x[2]);
    }

    private static double error(double[] q, double x, double y, double z) {
        return q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x + q[4] * y * y + 2 * q[5] * y * z + 2 * q[6] * y
                + q[7] * z * z + 2 * q[8] * z + q[9];
    }

    /** Area-weighted quadric of face f's plane: coefficients a², ab, ac, ad, b², bc, bd, c², cd, d². */
    private void planeQuadric(int f, double[] q) {
        int i = 3 * tri[3 * f], j = 3 * tri[3 * f + 1], k = 3 * tri[3 * f + 2];
        double ux = pos[j] - pos[i], uy = pos[j + 1] - pos[i + 1], uz = pos[j + 2] - pos[i + 2];
        double vx = pos[k] - pos[i], vy = pos[k + 1] - pos[i + 1], vz = pos[k + 2] - pos[i + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx, len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        Arrays.fill(q, 0);
        if (!(len > 0)) return;
        double area = len / 2, a = nx / len, b = ny / len, c = nz / len, d = -(a * pos[i] + b * pos[i + 1] + c * pos[i + 2]);
        q[0] = area * a * a; q[1] = area * a * b; q[2] = area * a * c; q[3] = area * a * d;
        q[4] = area * b * b; q[5] = area * b * c; q[6] = area * b * d;
        q[7] = area * c * c; q[8] = area * c * d; q[9] = area * d * d;
    }

    /** The endpoints' common neighbours are exactly the apexes of the two triangles on the edge. */
    private boolean linkCondition(int a, int b) {
        tag++;
        for (int i = 0; i < vfn[a]; i++) for (int k = 0; k < 3; k++) markA[tri[3 * vf[a][i] + k]] = tag;
        int common = 0, shared = 0;
        for (int i = 0; i < vfn[b]; i++) {
            int f = vf[b][i];
            boolean hasA = false;
            for (int k = 0; k < 3; k++) {
                int w = tri[3 * f + k];
                if (w == a) hasA = true;
                if (w != a && w != b && markA[w] == tag && markB[w] != tag) { markB[w] = tag; common++; }
            }
            if (hasA) shared++;
        }
        return common == 2 && shared == 2 && faces > 4;
    }

    /** Whether moving {@code a} to x (b merged into it) would flip or newly sliver a triangle of a's not on the edge. */
    private boolean folds(int a, int b, double[] x) {
        for (int i = 0; i < vfn[a]; i++) {
            int f = vf[a][i], k = tri[3 * f] == a ? 0 : tri[3 * f + 1] == a ? 1 : 2;
            int p = tri[3 * f + (k + 1) % 3], r = tri[3 * f + (k + 2) % 3];
            if (p == b || r == b) continue;
            double[] o = normal(pos[3 * a], pos[3 * a + 1], pos[3 * a + 2], p, r, before);
            double[] n = normal(x[0], x[1], x[2], p, r, after);
            if (o[0] * n[0] + o[1] * n[1] + o[2] * n[2] <= 0) return true;
            if (n[3] < Math.min(MIN_QUALITY, o[3])) return true;
        }
        return false;
    }

    /** Normal (not normalized) of triangle (x, p, r), and its quality in [3], into {@code out}. */
    private double[] normal(double x0, double x1, double x2, int p, int r, double[] out) {
        double ux = pos[3 * p] - x0, uy = pos[3 * p + 1] - x1, uz = pos[3 * p + 2] - x2;
        double vx = pos[3 * r] - x0, vy = pos[3 * r + 1] - x1, vz = pos[3 * r + 2] - x2;
        double wx = vx - ux, wy = vy - uy, wz = vz - uz;
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        double l2 = ux * ux + uy * uy + uz * uz + vx * vx + vy * vy + vz * vz + wx * wx + wy * wy + wz * wz;
        double q = l2 > 0 ? 2 * Math.sqrt(3) * Math.sqrt(nx * nx + ny * ny + nz * nz) / l2 : 0;
        out[0] = nx; out[1] = ny; out[2] = nz; out[3] = q;
        return out;
    }

    private void collapse(int a, int b, double[] x) {
        pos[3 * a] = x[0]; pos[3 * a + 1] = x[1]; pos[3 * a + 2] = x[2];
        for (int j = 0; j < 10; j++) quad[10 * a + j] += quad[10 * b + j];
        for (int i = 0; i < vfn[b]; i++) {
            int f = vf[b][i];
            boolean hasA = tri[3 * f] == a || tri[3 * f + 1] == a || tri[3 * f + 2] == a;
            if (hasA) {
                faceAlive[f] = false;
                faces--;
                for (int k = 0; k < 3; k++) { int w = tri[3 * f + k]; if (w != b) removeFace(w, f); }
            } else {
                for (int k = 0; k < 3; k++) if (tri[3 * f + k] == b) tri[3 * f + k] = a;
                addFace(a, f);
            }
        }
        vertexAlive[b] = false;
        vfn[b] = 0;
        modified[a] = ++stamp;
        tag++;
        double[] y = new double[3];
        for (int i = 0; i < vfn[a]; i++)
            for (int k = 0; k < 3; k++) {
                int w = tri[3 * vf[a][i] + k];
                if (w == a || markA[w] == tag) continue;
                markA[w] = tag;
                heap.push(place(a, w, y), a, w, stamp);
            }
    }

    private void removeFace(int v, int f) {
        for (int i = 0; i < vfn[v]; i++) if (vf[v][i] == f) { vf[v][i] = vf[v][--vfn[v]]; return; }
    }

    private void addFace(int v, int f) {
        if (vfn[v] == vf[v].length) vf[v] = Arrays.copyOf(vf[v], 2 * vf[v].length);
        vf[v][vfn[v]++] = f;
    }

    private Mesh result() {
        int nv = vertexAlive.length;
        int[] remap = new int[nv];
        Arrays.fill(remap, -1);
        int[] t = new int[3 * faces];
        int k = 0, used = 0;
        float[] v = new float[3 * nv];
        for (int f = 0; f < faceAlive.length; f++) {
            if (!faceAlive[f]) continue;
            for (int j = 0; j < 3; j++) {
                int w = tri[3 * f + j];
                if (remap[w] < 0) {
                    remap[w] = used;
                    for (int c = 0; c < 3; c++) v[3 * used + c] = (float) pos[3 * w + c];
                    used++;
                }
                t[k++] = remap[w];
            }
        }
        return new Mesh(Arrays.copyOf(v, 3 * used), t);
    }

    /** A binary min-heap of (cost, a, b, stamp) on parallel arrays. */
    private static final class Heap {
        double[] cost = new double[1 << 16];
        int[] a = new int[1 << 16], b = new int[1 << 16], st = new int[1 << 16];
        int size;

        void push(double c, int x, int y, int s) {
            if (size == cost.length) {
                int n = 2 * size;
                cost = Arrays.copyOf(cost, n); a = Arrays.copyOf(a, n); b = Arrays.copyOf(b, n); st = Arrays.copyOf(st, n);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >> 1;
                if (cost[p] <= c) break;
                move(p, i);
                i = p;
            }
            cost[i] = c; a[i] = x; b[i] = y; st[i] = s;
        }

        int topA() { return a[0]; }
        int topB() { return b[0]; }
        int topStamp() { return st[0]; }

        void pop() {
            size--;
            if (size == 0) return;
            double c = cost[size];
            int x = a[size], y = b[size], s = st[size], i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) break;
                int m = l + 1 < size && cost[l + 1] < cost[l] ? l + 1 : l;
                if (cost[m] >= c) break;
                move(m, i);
                i = m;
            }
            cost[i] = c; a[i] = x; b[i] = y; st[i] = s;
        }

        private void move(int from, int to) { cost[to] = cost[from]; a[to] = a[from]; b[to] = b[from]; st[to] = st[from]; }
    }
}
