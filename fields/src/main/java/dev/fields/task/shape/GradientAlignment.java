package dev.fields.task.shape;

import dev.fields.eval.BlobField;

import java.util.Arrays;

/**
 * How well a distance field's gradient matches the surface it fits: at surface points with the mesh's outward
 * normals, the angle between ∇f (central differences) and the normal, as a mean and a 95th percentile in degrees,
 * and the mean |∇f| there (1 for a true distance field).
 */
record GradientAlignment(double meanDegrees, double p95Degrees, double meanNorm) {
    private static final float H = 1e-3f;

    static GradientAlignment of(BlobField f, float[] xyz, float[] normals, int n) {
        float[] p = new float[3 * 6 * n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < 6; k++) {
                int o = 3 * (6 * i + k);
                System.arraycopy(xyz, 3 * i, p, o, 3);
                p[o + k / 2] += k % 2 == 0 ? H : -H;
            }
        float[] v = f.evaluate(p, 6 * n);
        double[] angle = new double[n];
        double sum = 0, norms = 0;
        for (int i = 0; i < n; i++) {
            double dot = 0, len = 0;
            for (int a = 0; a < 3; a++) {
                double g = (v[6 * i + 2 * a] - v[6 * i + 2 * a + 1]) / (2 * H);
                dot += g * normals[3 * i + a];
                len += g * g;
            }
            len = Math.sqrt(len);
            angle[i] = len > 0 ? Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / len)))) : 90;
            sum += angle[i];
            norms += len;
        }
        Arrays.sort(angle);
        return new GradientAlignment(sum / n, angle[(int) Math.floor(0.95 * (n - 1))], norms / n);
    }
}
