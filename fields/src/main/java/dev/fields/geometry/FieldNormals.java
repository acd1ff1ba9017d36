package dev.fields.geometry;

/**
 * Unit normals of an iso-surface from its field: the normalized gradient at each vertex, by central differences
 * (six extra evaluations per vertex, batched), so a network field needs nothing but forward passes.
 */
public final class FieldNormals {
    private static final int BATCH = 1 << 15;

    private FieldNormals() {}

    /**
     * @param vertices xyz interleaved, in the field's coordinates
     * @param h difference step (a fraction of a grid cell is a good choice)
     * @return xyz unit normals interleaved, pointing towards increasing values; (0, 0, 1) where the gradient vanishes
     */
    public static float[] of(MarchingCubes.ScalarField f, float[] vertices, double h) {
        int n = vertices.length / 3;
        float[] normals = new float[3 * n], pts = new float[3 * 6 * Math.min(n, BATCH)], vals = new float[6 * Math.min(n, BATCH)];
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            for (int i = 0; i < m; i++)
                for (int d = 0; d < 6; d++) {
                    int o = 3 * (6 * i + d);
                    for (int c = 0; c < 3; c++) pts[o + c] = vertices[3 * (start + i) + c];
                    pts[o + d / 2] += (float) (d % 2 == 0 ? h : -h);
                }
            f.evaluate(pts, 6 * m, vals);
            for (int i = 0; i < m; i++) {
                double gx = vals[6 * i] - vals[6 * i + 1], gy = vals[6 * i + 2] - vals[6 * i + 3], gz = vals[6 * i + 4] - vals[6 * i + 5];
                double len = Math.sqrt(gx * gx + gy * gy + gz * gz);
                int o = 3 * (start + i);
                if (len > 0 && Double.isFinite(len)) {
                    normals[o] = (float) (gx / len); normals[o + 1] = (float) (gy / len); normals[o + 2] = (float) (gz / len);
                } else normals[o + 2] = 1;
            }
        }
        return normals;
    }
}
