package dev.fields.geometry;

/**
 * The iso-surface's boundary inside one grid cube, as closed loops of crossed cube edges: the marching-cubes case
 * computed from the corner signs instead of read from a table.
 *
 * <p>On each cube face the crossings are joined into segments, oriented so the inside corners (value below the iso
 * level) lie on their left seen from outside the cube. A face with four crossings is ambiguous; it is resolved by the
 * asymptotic decider (Nielson and Hamann 1991): the bilinear interpolant's value at its saddle point is below the
 * level exactly when the product of the two inside corners' values exceeds the product of the two outside corners'
 * values (both relative to the level), and then the inside corners are joined through the face's middle. The decision
 * depends only on the four values of the face, computed with commutative products, so both cubes sharing a face
 * make it identically: that is what makes the assembled surface watertight. Each crossed edge then has one outgoing
 * segment (on the face where the edge runs inside → outside) and one incoming, so the segments chain into loops.
 *
 * <p>Corner {@code c} sits at offset {@code (c & 1, c >> 1 & 1, c >> 2 & 1)}. Edge {@code 4·axis + j} joins the
 * {@code j}-th corner with bit {@code axis} clear (in increasing order) to its neighbour along {@code axis}.
 */
final class CubeLoops {
    /** Corner pairs of the 12 edges, lower corner first. */
    static final int[][] EDGE_CORNERS = new int[12][2];
    /** Bit mask of the (two) faces each edge lies on. */
    static final int[] EDGE_FACES = new int[12];
    /** Corners of each face, counter-clockwise seen from outside: faces x=0, x=1, y=0, y=1, z=0, z=1. */
    static final int[][] FACES = {{0, 4, 6, 2}, {1, 3, 7, 5}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 2, 3, 1}, {4, 5, 7, 6}};
    private static final int[][] EDGE_OF = new int[8][8];

    static {
        for (int axis = 0, e = 0; axis < 3; axis++)
            for (int c = 0; c < 8; c++) {
                if ((c >> axis & 1) != 0) continue;
                int d = c | 1 << axis;
                EDGE_CORNERS[e] = new int[]{c, d};
                EDGE_OF[c][d] = EDGE_OF[d][c] = e;
                e++;
            }
        for (int f = 0; f < 6; f++)
            for (int k = 0; k < 4; k++) EDGE_FACES[EDGE_OF[FACES[f][k]][FACES[f][(k + 1) % 4]]] |= 1 << f;
    }

    private CubeLoops() {}

    /** Whether two edges lie on a common face of the cube (then a neighbouring cube sees both of them too). */
    static boolean shareFace(int e1, int e2) { return (EDGE_FACES[e1] & EDGE_FACES[e2]) != 0; }

    /**
     * Traces the loops of a cube whose corner values relative to the iso level are {@code a} (negative = inside).
     *
     * @param edges out: crossed edges, loop after loop, each loop in its orientation (at most 12)
     * @param lengths out: length of each loop (at most 4 loops)
     * @return the number of loops
     */
    static int trace(double[] a, int[] edges, int[] lengths) {
        int[] next = new int[12];
        java.util.Arrays.fill(next, -1);
        int[] exits = new int[4], entries = new int[4];
        for (int[] face : FACES) {
            int ne = 0, nn = 0;
            for (int k = 0; k < 4; k++) {
                int p = face[k], q = face[(k + 1) & 3];
                boolean pin = a[p] < 0, qin = a[q] < 0;
                if (pin == qin) continue;
                if (pin) exits[ne++] = k; else entries[nn++] = k;
            }
            if (ne == 1) next[edge(face, exits[0])] = edge(face, entries[0]);
            else if (ne == 2) {
                int s = a[face[0]] < 0 ? 0 : 1; // inside corners are face[s] and face[s + 2]
                boolean joined = a[face[s]] * a[face[s + 2]] > a[face[s + 1]] * a[face[(s + 3) & 3]];
                for (int k = s; k < 4; k += 2) next[edge(face, k)] = edge(face, joined ? (k + 1) & 3 : (k + 3) & 3);
            }
        }
        boolean[] seen = new boolean[12];
        int loops = 0, n = 0;
        for (int e = 0; e < 12; e++) {
            if (next[e] < 0 || seen[e]) continue;
            int start = n;
            for (int x = e; !seen[x]; x = next[x]) {
                seen[x] = true;
                edges[n++] = x;
            }
            lengths[loops++] = n - start;
        }
        return loops;
    }

    private static int edge(int[] face, int k) { return EDGE_OF[face[k]][face[(k + 1) & 3]]; }
}
