package dev.fields.render;

import dev.fields.io.mesh.Mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A unit icosphere (vertices on the unit sphere, counter-clockwise from outside) for analytic render tests. */
final class Icosphere {
    private Icosphere() {}

    static Mesh of(int subdivisions) {
        double t = (1 + Math.sqrt(5)) / 2;
        List<double[]> v = new ArrayList<>();
        double[][] base = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t}, {0, -1, -t}, {0, 1, -t},
                {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
        for (double[] p : base) v.add(unit(p));
        int[] f = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
                3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
        for (int s = 0; s < subdivisions; s++) {
            Map<Long, Integer> mid = new HashMap<>();
            int[] g = new int[f.length * 4];
            int k = 0;
            for (int i = 0; i < f.length; i += 3) {
                int a = f[i], b = f[i + 1], c = f[i + 2];
                int ab = middle(v, mid, a, b), bc = middle(v, mid, b, c), ca = middle(v, mid, c, a);
                int[] tri = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
                System.arraycopy(tri, 0, g, k, 12);
                k += 12;
            }
            f = g;
        }
        float[] out = new float[3 * v.size()];
        for (int i = 0; i < v.size(); i++) for (int c = 0; c < 3; c++) out[3 * i + c] = (float) v.get(i)[c];
        return new Mesh(out, f);
    }

    private static int middle(List<double[]> v, Map<Long, Integer> mid, int a, int b) {
        long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
        Integer m = mid.get(key);
        if (m != null) return m;
        double[] p = v.get(a), q = v.get(b);
        v.add(unit(new double[]{p[0] + q[0], p[1] + q[1], p[2] + q[2]}));
        mid.put(key, v.size() - 1);
        return v.size() - 1;
    }

    private static double[] unit(double[] p) {
        double n = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        return new double[]{p[0] / n, p[1] / n, p[2] / n};
    }
}
