package dev.fields.task.shape;

import dev.fields.eval.BlobField;
import dev.fields.geometry.FieldNormals;

import java.util.Arrays;

/**
 * How well a distance field's gradient matches the surface it fits: at surface points with the mesh's outward
 * normals, the angle between ∇f (central differences) and the normal, as a mean and a 95th percentile in degrees,
 * and the mean |∇f| there (1 for a true distance field).
 */
record GradientAlignment(double meanDegrees, double p95Degrees, double meanNorm) {
    static GradientAlignment of(BlobField f, float[] xyz, float[] normals, int n) {
        float[] g = FieldNormals.gradients(LipschitzEstimate.scalar(f), Arrays.copyOf(xyz, 3 * n), 1e-3);
        double[] angle = new double[n];
        double sum = 0, norms = 0;
        for (int i = 0; i < n; i++) {
            double dot = 0, len = 0;
            for (int a = 0; a < 3; a++) {
                dot += g[3 * i + a] * normals[3 * i + a];
                len += g[3 * i + a] * g[3 * i + a];
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
