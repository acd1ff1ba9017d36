package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

/** Test helpers for closed meshes (the sphere itself is {@link dev.fields.io.mesh.Icosphere}). */
final class Spheres {
    private Spheres() {}

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
