package dev.fields.io.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A subdivided icosahedron on a sphere (triangles counter-clockwise from outside): the analytic mesh that tests of
 * geometry, rasterizing and scene making compare against.
 */
public final class Icosphere {
    private Icosphere() {}

    /** {@code 20·4^subdivisions} triangles with every vertex at distance {@code r} from the origin. */
    public static Mesh of(double r, int subdivisions) {
        if (!(r > 0) || subdivisions < 0 || subdivisions > 8)
            throw new IllegalArgumentException("icosphere needs r > 0 and 0..8 subdivisions, got r = " + r + ", " + subdivisions);
        double t = (1 + Math.sqrt(5)) / 2;
        List<double[]> v = new ArrayList<>(List.of(new double[]{-1, t, 0}, new double[]{1, t, 0}, new double[]{-1, -t, 0}, new double[]{1, -t, 0},
                new double[]{0, -1, t}, new double[]{0, 1, t}, new double[]{0, -1, -t}, new double[]{0, 1, -t},
                new double[]{t, 0, -1}, new double[]{t, 0, 1}, new double[]{-t, 0, -1}, new double[]{-t, 0, 1}));
        int[] f = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
                3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        for (int s = 0; s < subdivisions; s++) {
            Map<Long, Integer> mid = new HashMap<>();
            int[] nf = new int[f.length * 4];
            int k = 0;
            for (int i = 0; i < f.length; i += 3) {
                int a = f[i], b = f[i + 1], c = f[i + 2];
                int ab = midpoint(v, mid, a, b), bc = midpoint(v, mid, b, c), ca = midpoint(v, mid, c, a);
                int[] tri = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(tri, 0, nf, k, 12);
                k += 12;
            }
            f = nf;
        }
        float[] out = new float[3 * v.size()];
        for (int i = 0; i < v.size(); i++) {
            double[] p = v.get(i);
            double l = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            for (int c = 0; c < 3; c++) out[3 * i + c] = (float) (r * p[c] / l);
        }
        return new Mesh(out, f);
    }

    private static int midpoint(List<double[]> v, Map<Long, Integer> mid, int a, int b) {
        long key = Math.min(a, b) * 1_000_000L + Math.max(a, b);
        return mid.computeIfAbsent(key, k -> {
            double[] p = v.get(a), q = v.get(b);
            v.add(new double[]{(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2});
            return v.size() - 1;
        });
    }
}
