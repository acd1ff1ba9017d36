package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

/**
 * A bounding-volume hierarchy over a mesh's triangles, built with binned SAH, stored in flat arrays. Answers
 * closest-point queries (exact point–triangle distance), generalized winding numbers with the hierarchical dipole
 * approximation of Barill et al. 2018 (exact for near nodes), and ray-parity inside tests. Queries allocate nothing
 * but take a caller-owned {@link Scratch}; one per thread.
 */
public final class TriangleBvh {
    private static final int LEAF = 4, BINS = 12;
    final float[] tv; // per triangle (in BVH order): 9 floats a, b, c
    final int[] triId; // original triangle index per BVH slot
    final float[] bmin, bmax; // 3 per node
    final int[] first, count, right; // node: first slot, count (>0 leaf), right child (left = node+1)
    final double[] wN, wC; // per node: area-weighted normal sum (3), area-weighted centroid (3)
    final double[] wR; // per node: radius of its triangles around wC
    private double[] wA; // per node: total area (build only)
    int nodes;
    private final double beta;

    /** Per-thread traversal scratch. */
    public static final class Scratch {
        final int[] stack = new int[128];
        /** Result of the last closest-point query: point and triangle. */
        public final double[] point = new double[3];
        public int triangle;
    }

    public TriangleBvh(Mesh mesh) { this(mesh, 2.0); }

    /** @param beta accuracy of the winding-number approximation (Barill et al. use 2) */
    public TriangleBvh(Mesh mesh, double beta) {
        this.beta = beta;
        int n = mesh.triangleCount();
        if (n == 0) throw new IllegalArgumentException("empty mesh");
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        float[] cen = new float[3 * n], tmin = new float[3 * n], tmax = new float[3 * n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            for (int c = 0; c < 3; c++) {
                float a = v[3 * t[3 * i] + c], b = v[3 * t[3 * i + 1] + c], d = v[3 * t[3 * i + 2] + c];
                tmin[3 * i + c] = Math.min(a, Math.min(b, d));
                tmax[3 * i + c] = Math.max(a, Math.max(b, d));
                cen[3 * i + c] = (a + b + d) / 3f;
            }
        }
        int cap = 2 * n;
        bmin = new float[3 * cap]; bmax = new float[3 * cap];
        first = new int[cap]; count = new int[cap]; right = new int[cap];
        build(order, 0, n, cen, tmin, tmax);
        tv = new float[9 * n];
        triId = order;
        for (int s = 0; s < n; s++)
            for (int k = 0; k < 3; k++) System.arraycopy(v, 3 * t[3 * order[s] + k], tv, 9 * s + 3 * k, 3);
        wN = new double[3 * nodes];
        wC = new double[3 * nodes];
        wR = new double[nodes];
        wA = new double[nodes];
        for (int i = nodes - 1; i >= 0; i--) windingData(i);
        wA = null;
    }

    private int build(int[] order, int lo, int hi, float[] cen, float[] tmin, float[] tmax) {
        int node = nodes++;
        float[] cmin = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE}, cmax = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int c = 0; c < 3; c++) { bmin[3 * node + c] = Float.MAX_VALUE; bmax[3 * node + c] = -Float.MAX_VALUE; }
        for (int i = lo; i < hi; i++) {
            int tr = order[i];
            for (int c = 0; c < 3; c++) {
                bmin[3 * node + c] = Math.min(bmin[3 * node + c], tmin[3 * tr + c]);
                bmax[3 * node + c] = Math.max(bmax[3 * node + c], tmax[3 * tr + c]);
                cmin[c] = Math.min(cmin[c], cen[3 * tr + c]);
                cmax[c] = Math.max(cmax[c], cen[3 * tr + c]);
            }
        }
        int n = hi - lo;
        first[node] = lo;
        if (n <= LEAF) { count[node] = n; return node; }
        int axis = 0;
        for (int c = 1; c < 3; c++) if (cmax[c] - cmin[c] > cmax[axis] - cmin[axis]) axis = c;
        float ext = cmax[axis] - cmin[axis];
        int mid;
        if (ext <= 0) {
            mid = lo + n / 2;
        } else {
            // binned SAH: cost of splitting after each bin boundary
            int[] bc = new int[BINS];
            float[][] bl = new float[BINS][6];
            for (float[] b : bl) { b[0] = b[1] = b[2] = Float.MAX_VALUE; b[3] = b[4] = b[5] = -Float.MAX_VALUE; }
            for (int i = lo; i < hi; i++) {
                int tr = order[i];
                int b = Math.min(BINS - 1, (int) (BINS * (cen[3 * tr + axis] - cmin[axis]) / ext));
                bc[b]++;
                for (int c = 0; c < 3; c++) { bl[b][c] = Math.min(bl[b][c], tmin[3 * tr + c]); bl[b][3 + c] = Math.max(bl[b][3 + c], tmax[3 * tr + c]); }
            }
            double best = Double.MAX_VALUE;
            int bestSplit = BINS / 2;
            for (int s = 1; s < BINS; s++) {
                double cost = sahSide(bl, bc, 0, s) + sahSide(bl, bc, s, BINS);
                if (cost < best) { best = cost; bestSplit = s; }
            }
            int i = lo, j = hi - 1;
            while (i <= j) {
                int tr = order[i];
                int b = Math.min(BINS - 1, (int) (BINS * (cen[3 * tr + axis] - cmin[axis]) / ext));
                if (b < bestSplit) i++;
                else { order[i] = order[j]; order[j] = tr; j--; }
            }
            mid = i;
            if (mid == lo || mid == hi) mid = lo + n / 2;
        }
        count[node] = 0;
        build(order, lo, mid, cen, tmin, tmax);
        right[node] = build(order, mid, hi, cen, tmin, tmax);
        return node;
    }

    private static double sahSide(float[][] bl, int[] bc, int from, int to) {
        int n = 0;
        float[] b = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = from; i < to; i++) {
            n += bc[i];
            for (int c = 0; c < 3; c++) { b[c] = Math.min(b[c], bl[i][c]); b[3 + c] = Math.max(b[3 + c], bl[i][3 + c]); }
        }
        if (n == 0) return 0;
        double dx = b[3] - b[0], dy = b[4] - b[1], dz = b[5] - b[2];
        return n * (dx * dy + dy * dz + dz * dx);
    }

    private void windingData(int node) {
        if (count[node] > 0) {
            double ax = 0, ay = 0, az = 0, cx = 0, cy = 0, cz = 0, area = 0;
            for (int s = first[node]; s < first[node] + count[node]; s++) {
                int o = 9 * s;
                double ux = tv[o + 3] - tv[o], uy = tv[o + 4] - tv[o + 1], uz = tv[o + 5] - tv[o + 2];
                double vx = tv[o + 6] - tv[o], vy = tv[o + 7] - tv[o + 1], vz = tv[o + 8] - tv[o + 2];
                double nx = 0.5 * (uy * vz - uz * vy), ny = 0.5 * (uz * vx - ux * vz), nz = 0.5 * (ux * vy - uy * vx);
                double a = Math.sqrt(nx * nx + ny * ny + nz * nz);
                ax += nx; ay += ny; az += nz;
                cx += a * (tv[o] + tv[o + 3] + tv[o + 6]) / 3; cy += a * (tv[o + 1] + tv[o + 4] + tv[o + 7]) / 3; cz += a * (tv[o + 2] + tv[o + 5] + tv[o + 8]) / 3;
                area += a;
            }
            setWinding(node, ax, ay, az, cx, cy, cz, area);
        } else {
            int l = node + 1, r = right[node];
            double al = areaOf(l), ar = areaOf(r);
            setWinding(node, wN[3 * l] + wN[3 * r], wN[3 * l + 1] + wN[3 * r + 1], wN[3 * l + 2] + wN[3 * r + 2],
                    wC[3 * l] * al + wC[3 * r] * ar, wC[3 * l + 1] * al + wC[3 * r + 1] * ar, wC[3 * l + 2] * al + wC[3 * r + 2] * ar, al + ar);
        }
        // radius: farthest box corner from the centroid bounds every triangle of the node
        double r2 = 0;
        for (int k = 0; k < 8; k++) {
            double x = (k & 1) == 0 ? bmin[3 * node] : bmax[3 * node], y = (k & 2) == 0 ? bmin[3 * node + 1] : bmax[3 * node + 1], z = (k & 4) == 0 ? bmin[3 * node + 2] : bmax[3 * node + 2];
            r2 = Math.max(r2, sq(x - wC[3 * node]) + sq(y - wC[3 * node + 1]) + sq(z - wC[3 * node + 2]));
        }
        wR[node] = Math.sqrt(r2);
    }

    private double areaOf(int node) { return wA[node]; }

    private void setWinding(int node, double nx, double ny, double nz, double cx, double cy, double cz, double area) {
        wN[3 * node] = nx; wN[3 * node + 1] = ny; wN[3 * node + 2] = nz;
        double a = area > 0 ? area : 1;
        if (area > 0) { wC[3 * node] = cx / a; wC[3 * node + 1] = cy / a; wC[3 * node + 2] = cz / a; }
        else { wC[3 * node] = (bmin[3 * node] + bmax[3 * node]) / 2; wC[3 * node + 1] = (bmin[3 * node + 1] + bmax[3 * node + 1]) / 2; wC[3 * node + 2] = (bmin[3 * node + 2] + bmax[3 * node + 2]) / 2; }
        wA[node] = area;
    }

    static double sq(double x) { return x * x; }

    private double boxDist2(int node, double x, double y, double z) {
        double d = 0, t;
        t = Math.max(Math.max(bmin[3 * node] - x, 0), x - bmax[3 * node]); d += t * t;
        t = Math.max(Math.max(bmin[3 * node + 1] - y, 0), y - bmax[3 * node + 1]); d += t * t;
        t = Math.max(Math.max(bmin[3 * node + 2] - z, 0), z - bmax[3 * node + 2]); d += t * t;
        return d;
    }

    /** Unsigned distance from (x, y, z) to the mesh; the closest point and triangle land in {@code s}. */
    public double distance(double x, double y, double z, Scratch s) { return distanceWithin(x, y, z, Double.POSITIVE_INFINITY, s); }

    /**
     * The unsigned distance when it is below {@code limit}, else {@code limit} itself (and triangle -1 in {@code s}):
     * the search prunes every node farther than the limit, so points far from the mesh cost a few box tests.
     */
    public double distanceWithin(double x, double y, double z, double limit, Scratch s) {
        double best = limit < Double.POSITIVE_INFINITY ? limit * limit : Double.MAX_VALUE;
        s.triangle = -1;
        int[] st = s.stack;
        int sp = 0;
        st[sp++] = 0;
        while (sp > 0) {
            int node = st[--sp];
            if (boxDist2(node, x, y, z) >= best) continue;
            if (count[node] > 0) {
                for (int k = first[node]; k < first[node] + count[node]; k++) {
                    double d = Geometry.pointTriangleDist2(tv, 9 * k, x, y, z, s.point, best);
                    if (d < best) { best = d; s.triangle = triId[k]; }
                }
            } else {
                int l = node + 1, r = right[node];
                double dl = boxDist2(l, x, y, z), dr = boxDist2(r, x, y, z);
                if (dl < dr) { st[sp++] = r; st[sp++] = l; } else { st[sp++] = l; st[sp++] = r; }
            }
        }
        return s.triangle < 0 ? limit : Math.sqrt(best);
    }

    /** Generalized winding number at (x, y, z): about 1 inside, 0 outside, robust to holes. */
    public double winding(double x, double y, double z, Scratch s) {
        double w = 0;
        int[] st = s.stack;
        int sp = 0;
        st[sp++] = 0;
        while (sp > 0) {
            int node = st[--sp];
            double dx = wC[3 * node] - x, dy = wC[3 * node + 1] - y, dz = wC[3 * node + 2] - z;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 > sq(beta * wR[node])) {
                // far field: dipole of the node's area-weighted normals (Barill et al. 2018, first order)
                w += (wN[3 * node] * dx + wN[3 * node + 1] * dy + wN[3 * node + 2] * dz) / (d2 * Math.sqrt(d2));
            } else if (count[node] > 0) {
                for (int k = first[node]; k < first[node] + count[node]; k++) w += Geometry.solidAngle(tv, 9 * k, x, y, z);
            } else {
                st[sp++] = node + 1;
                st[sp++] = right[node];
            }
        }
        return w / (4 * Math.PI);
    }

    /** Exact winding number (sum over all triangles): the reference the approximation is tested against. */
    public double windingExact(double x, double y, double z) {
        double w = 0;
        for (int k = 0; k < triId.length; k++) w += Geometry.solidAngle(tv, 9 * k, x, y, z);
        return w / (4 * Math.PI);
    }

    /** Number of ray hits from (x, y, z) along a fixed, slightly skewed direction (odd = inside a closed mesh). */
    public int rayHits(double x, double y, double z, Scratch s) {
        final double dx = 0.8660254, dy = 0.4312, dz = 0.2531; // skewed to avoid edges of axis-aligned meshes
        double ix = 1 / dx, iy = 1 / dy, iz = 1 / dz;
        int hits = 0;
        int[] st = s.stack;
        int sp = 0;
        st[sp++] = 0;
        while (sp > 0) {
            int node = st[--sp];
            double t1 = (bmin[3 * node] - x) * ix, t2 = (bmax[3 * node] - x) * ix;
            double tmin = Math.min(t1, t2), tmax = Math.max(t1, t2);
            t1 = (bmin[3 * node + 1] - y) * iy; t2 = (bmax[3 * node + 1] - y) * iy;
            tmin = Math.max(tmin, Math.min(t1, t2)); tmax = Math.min(tmax, Math.max(t1, t2));
            t1 = (bmin[3 * node + 2] - z) * iz; t2 = (bmax[3 * node + 2] - z) * iz;
            tmin = Math.max(tmin, Math.min(t1, t2)); tmax = Math.min(tmax, Math.max(t1, t2));
            if (tmax < Math.max(tmin, 0)) continue;
            if (count[node] > 0) {
                for (int k = first[node]; k < first[node] + count[node]; k++) if (Geometry.rayHitsTriangle(tv, 9 * k, x, y, z, dx, dy, dz)) hits++;
            } else {
                st[sp++] = node + 1;
                st[sp++] = right[node];
            }
        }
        return hits;
    }

    public int triangleCount() { return triId.length; }
}
