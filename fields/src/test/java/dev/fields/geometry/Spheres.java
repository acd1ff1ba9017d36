package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test meshes: a subdivided icosahedron on a sphere (outward-facing triangles). */
final class Spheres {
    private Spheres() {}

    static Mesh icosphere(double r, int subdivisions) {
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

    /** Enclosed volume by the divergence theorem (positive for outward-facing triangles). */
    static double volume(Mesh m) {
        float[] v = m.vertices();
        int[] t = m.triangles();
        double vol = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
            vol += v[a] * (v[b + 1] * v[c + 2] - v[b + 2] * v[c + 1]) - v[a + 1] * (v[b] * v[c + 2] - v[b + 2] * v[c]) + v[a + 2] * (v[b] * v[c + 1] - v[b + 1] * v[c]);
        }
        return vol / 6;
    }
}
