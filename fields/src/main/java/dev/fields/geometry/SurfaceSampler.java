package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.SplittableRandom;

/** Area-weighted random points on a mesh's surface, with the unit normal of the triangle each lies on. */
public final class SurfaceSampler {
    private final Mesh mesh;
    private final double[] cdf;
    private final float[] normals;

    public SurfaceSampler(Mesh mesh) {
        this.mesh = mesh;
        int n = mesh.triangleCount();
        cdf = new double[n];
        double acc = 0;
        for (int t = 0; t < n; t++) { acc += mesh.triangleArea(t); cdf[t] = acc; }
        normals = triangleNormals(mesh);
    }

    /** Unit normal per triangle (3 floats each); zero for degenerate triangles. */
    public static float[] triangleNormals(Mesh m) {
        float[] v = m.vertices(), out = new float[3 * m.triangleCount()];
        int[] t = m.triangles();
        for (int i = 0; i < m.triangleCount(); i++) {
            int a = 3 * t[3 * i], b = 3 * t[3 * i + 1], c = 3 * t[3 * i + 2];
            double ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
            double wx = v[c] - v[a], wy = v[c + 1] - v[a + 1], wz = v[c + 2] - v[a + 2];
            double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
            double l = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (l > 0) { out[3 * i] = (float) (nx / l); out[3 * i + 1] = (float) (ny / l); out[3 * i + 2] = (float) (nz / l); }
        }
        return out;
    }

    public float[] normals() { return normals; }

    /** Writes n points (and their normals, if non-null) drawn uniformly by area. */
    public void sample(int n, SplittableRandom rng, float[] xyz, float[] nrm) {
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        double total = cdf[cdf.length - 1];
        for (int i = 0; i < n; i++) {
            double r = rng.nextDouble() * total;
            int lo = 0, hi = cdf.length - 1;
            while (lo < hi) { int mid = (lo + hi) >>> 1; if (cdf[mid] < r) lo = mid + 1; else hi = mid; }
            double s = Math.sqrt(rng.nextDouble()), u = rng.nextDouble();
            double wa = 1 - s, wb = s * (1 - u), wc = s * u;
            int a = 3 * t[3 * lo], b = 3 * t[3 * lo + 1], c = 3 * t[3 * lo + 2];
            for (int k = 0; k < 3; k++) xyz[3 * i + k] = (float) (wa * v[a + k] + wb * v[b + k] + wc * v[c + k]);
            if (nrm != null) System.arraycopy(normals, 3 * lo, nrm, 3 * i, 3);
        }
    }
}
