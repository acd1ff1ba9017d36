package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a user would check before keeping a triangle mesh: size, degenerate and sliver triangles, and whether it is a
 * closed, consistently oriented 2-manifold.
 *
 * @param triangles triangle count
 * @param vertices vertices used by some triangle
 * @param zeroArea triangles with a repeated vertex or whose height is at most 1e-6 of their longest side (zero area
 *                 at float precision: a reader may take them for lines)
 * @param slivers triangles with an angle under 1°
 * @param watertight every edge has exactly two triangles, which traverse it in opposite directions
 * @param manifold every edge has at most two triangles and every vertex's link is a single cycle (or one path on a
 *                 boundary)
 * @param euler V − E + F over the used vertices (2 for a closed genus-0 surface, 0 for a torus)
 */
public record MeshCheck(int triangles, int vertices, int zeroArea, int slivers, boolean watertight, boolean manifold, long euler) {
    private static final double SLIVER_DEGREES = 1.0;

    /** Share of triangles with an angle under 1°. */
    public double sliverFraction() { return triangles == 0 ? 0 : (double) slivers / triangles; }

    public static MeshCheck of(Mesh m) {
        int nt = m.triangleCount(), nv = m.vertexCount();
        int[] t = m.triangles();
        float[] v = m.vertices();
        int zero = 0, slivers = 0;
        double sinSliver = Math.sin(Math.toRadians(SLIVER_DEGREES));
        for (int i = 0; i < nt; i++) {
            int a = t[3 * i], b = t[3 * i + 1], c = t[3 * i + 2];
            if (a == b || b == c || a == c) { zero++; slivers++; continue; }
            double[] len2 = {dist2(v, b, c), dist2(v, c, a), dist2(v, a, b)};
            double area2 = 2 * m.triangleArea(i), longest = Math.max(len2[0], Math.max(len2[1], len2[2]));
            if (area2 <= 1e-6 * longest) zero++;
            // smallest angle is opposite the shortest side: sin = 2·area / (product of the two other sides)
            int s = len2[0] <= len2[1] && len2[0] <= len2[2] ? 0 : len2[1] <= len2[2] ? 1 : 2;
            double other = Math.sqrt(len2[(s + 1) % 3] * len2[(s + 2) % 3]);
            if (!(other > 0) || area2 / other < sinSliver) slivers++;
        }
        // edges: each directed edge must appear once, each undirected edge twice (watertight) or at most twice
        long[] und = new long[3 * nt], dir = new long[3 * nt];
        for (int i = 0; i < nt; i++)
            for (int k = 0; k < 3; k++) {
                int a = t[3 * i + k], b = t[3 * i + (k + 1) % 3];
                dir[3 * i + k] = (long) a << 32 | b;
                und[3 * i + k] = (long) Math.min(a, b) << 32 | Math.max(a, b);
            }
        Arrays.sort(und);
        Arrays.sort(dir);
        boolean watertight = true, edgesOk = true;
        long edges = 0;
        for (int i = 0; i < und.length; ) {
            int j = i;
            while (j < und.length && und[j] == und[i]) j++;
            edges++;
            if (j - i != 2) watertight = false;
            if (j - i > 2) edgesOk = false;
            i = j;
        }
        for (int i = 1; i < dir.length; i++) if (dir[i] == dir[i - 1]) watertight = false;
        boolean[] used = new boolean[nv];
        for (int x : t) used[x] = true;
        int usedCount = 0;
        for (boolean u : used) if (u) usedCount++;
        boolean manifold = edgesOk && linksAreDisks(t, nv);
        return new MeshCheck(nt, usedCount, zero, slivers, watertight, manifold, usedCount - edges + nt);
    }

    /** The numbers as metrics, each key prefixed (booleans as 1 / 0). */
    public Map<String, Double> asMetrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "triangles", (double) triangles);
        m.put(prefix + "vertices", (double) vertices);
        m.put(prefix + "zero_area_triangles", (double) zeroArea);
        m.put(prefix + "sliver_fraction_1deg", sliverFraction());
        m.put(prefix + "watertight", watertight ? 1.0 : 0.0);
        m.put(prefix + "manifold", manifold ? 1.0 : 0.0);
        m.put(prefix + "euler_characteristic", (double) euler);
        return m;
    }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "%,d triangles, %,d vertices, %d zero-area, %.3f%% with an angle under 1°, %s, %s, Euler characteristic %d",
                triangles, vertices, zeroArea, 100 * sliverFraction(), watertight ? "watertight" : "not watertight",
                manifold ? "manifold" : "not manifold", euler);
    }

    private static double dist2(float[] v, int a, int b) {
        double x = v[3 * a] - v[3 * b], y = v[3 * a + 1] - v[3 * b + 1], z = v[3 * a + 2] - v[3 * b + 2];
        return x * x + y * y + z * z;
    }

    /** Every vertex's link (the opposite sides of its triangles) is one cycle, or one path. */
    private static boolean linksAreDisks(int[] t, int nv) {
        int nt = t.length / 3;
        int[] start = new int[nv + 1];
        for (int x : t) start[x + 1]++;
        for (int i = 0; i < nv; i++) start[i + 1] += start[i];
        int[] fill = Arrays.copyOf(start, nv), inc = new int[t.length];
        for (int i = 0; i < nt; i++) for (int k = 0; k < 3; k++) inc[fill[t[3 * i + k]]++] = i;
        int[] ends = new int[64], deg = new int[128], node = new int[128];
        for (int v = 0; v < nv; v++) {
            int d = start[v + 1] - start[v];
            if (d == 0) continue;
            if (2 * d > ends.length) { ends = new int[4 * d]; deg = new int[4 * d]; node = new int[4 * d]; }
            int nodes = 0;
            for (int j = 0; j < d; j++) {
                int f = inc[start[v] + j], k = t[3 * f] == v ? 0 : t[3 * f + 1] == v ? 1 : 2;
                ends[2 * j] = t[3 * f + (k + 1) % 3];
                ends[2 * j + 1] = t[3 * f + (k + 2) % 3];
            }
            for (int j = 0; j < 2 * d; j++) {
                int x = 0;
                while (x < nodes && node[x] != ends[j]) x++;
                if (x == nodes) { node[nodes] = ends[j]; deg[nodes++] = 0; }
                if (++deg[x] > 2) return false;
            }
            int ones = 0;
            for (int x = 0; x < nodes; x++) if (deg[x] == 1) ones++;
            if (!(ones == 0 && nodes == d) && !(ones == 2 && nodes == d + 1)) return false;
            if (!connected(ends, d, node, nodes)) return false;
        }
        return true;
    }

    /** Whether the link's edges (pairs in {@code ends}) form one connected piece. */
    private static boolean connected(int[] ends, int d, int[] node, int nodes) {
        boolean[] reached = new boolean[nodes], usedEdge = new boolean[d];
        reached[indexOf(node, nodes, ends[0])] = true;
        int count = 1;
        for (boolean grew = true; grew; ) {
            grew = false;
            for (int j = 0; j < d; j++) {
                if (usedEdge[j]) continue;
                int a = indexOf(node, nodes, ends[2 * j]), b = indexOf(node, nodes, ends[2 * j + 1]);
                if (reached[a] || reached[b]) {
                    usedEdge[j] = grew = true;
                    if (!reached[a]) { reached[a] = true; count++; }
                    if (!reached[b]) { reached[b] = true; count++; }
                }
            }
        }
        return count == nodes;
    }

    private static int indexOf(int[] node, int nodes, int x) {
        for (int i = 0; i < nodes; i++) if (node[i] == x) return i;
        return -1;
    }
}
