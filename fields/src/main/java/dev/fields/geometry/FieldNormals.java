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
        float[] normals = gradients(f, vertices, h);
        for (int o = 0; o < normals.length; o += 3) {
            double gx = normals[o], gy = normals[o + 1], gz = normals[o + 2];
            double len = Math.sqrt(gx * gx + gy * gy + gz * gz);
            if (len > 0 && Double.isFinite(len)) {
                normals[o] = (float) (gx / len); normals[o + 1] = (float) (gy / len); normals[o + 2] = (float) (gz / len);
            } else {
                normals[o] = 0; normals[o + 1] = 0; normals[o + 2] = 1;
            }
        }
        return normals;
    }

    /** The field's gradient at each point (xyz interleaved) by central differences of step {@code h}, batched. */
    public static float[] gradients(MarchingCubes.ScalarField f, float[] points, double h) {
        int n = points.length / 3;
        float[] grad = new float[3 * n], pts = new float[3 * 6 * Math.min(n, BATCH)], vals = new float[6 * Math.min(n, BATCH)];
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            for (int i = 0; i < m; i++)
                for (int d = 0; d < 6; d++) {
                    int o = 3 * (6 * i + d);
                    for (int c = 0; c < 3; c++) pts[o + c] = points[3 * (start + i) + c];
                    pts[o + d / 2] += (float) (d % 2 == 0 ? h : -h);
                }
            f.evaluate(pts, 6 * m, vals);
            for (int i = 0; i < m; i++)
                for (int a = 0; a < 3; a++)
                    grad[3 * (start + i) + a] = (float) (((double) vals[6 * i + 2 * a] - vals[6 * i + 2 * a + 1]) / (2 * h));
        }
        return grad;
    }
}
