package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.stream.IntStream;

/**
 * Signed distance and inside labels of query points against a mesh, in parallel. Inside/outside comes from the
 * generalized winding number (robust on open meshes: scans with holes, disconnected parts) or, optionally, ray parity.
 */
public final class GroundTruth {
    /** How inside/outside is decided. */
    public enum InsideTest { WINDING, PARITY }

    private final TriangleBvh bvh;
    private final InsideTest test;

    public GroundTruth(Mesh mesh, InsideTest test) {
        this.bvh = new TriangleBvh(mesh);
        this.test = test;
    }

    public TriangleBvh bvh() { return bvh; }

    /**
     * For {@code n} points (xyz interleaved) writes the signed distance (negative inside) and the inside label (1/0).
     * Either output may be null.
     */
    public void query(float[] xyz, int n, float[] sdf, float[] inside) { query(xyz, n, sdf, inside, Double.POSITIVE_INFINITY); }

    /**
     * As {@link #query(float[], int, float[], float[])}, with the distance truncated: a point at least
     * {@code truncation} from the mesh gets {@code ±truncation} (sign still from the inside test), which the
     * distance search finds much faster than the exact value.
     */
    public void query(float[] xyz, int n, float[] sdf, float[] inside, double truncation) {
        int chunk = 4096;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            TriangleBvh.Scratch s = new TriangleBvh.Scratch();
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                double x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
                boolean in = test == InsideTest.WINDING ? Math.abs(bvh.winding(x, y, z, s)) > 0.5 : (bvh.rayHits(x, y, z, s) & 1) == 1;
                if (inside != null) inside[i] = in ? 1f : 0f;
                if (sdf != null) {
                    double d = bvh.distanceWithin(x, y, z, truncation, s);
                    sdf[i] = (float) (in ? -d : d);
                }
            }
        });
    }

    /** Unsigned distances and the normals of the closest triangles (unit, 3 per point) for n points. */
    public void closest(float[] xyz, int n, float[] dist, float[] normals, float[] triNormals) {
        int chunk = 4096;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            TriangleBvh.Scratch s = new TriangleBvh.Scratch();
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                dist[i] = (float) bvh.distance(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], s);
                if (normals != null) System.arraycopy(triNormals, 3 * s.triangle, normals, 3 * i, 3);
            }
        });
    }
}
