package dev.fields.ct;

/**
 * Isotropic total variation of an n × n image (row-major) over its forward differences:
 * {@code TV(v) = (1 / (n−1)²) Σ_{r,c < n−1} √((v[r][c+1] − v[r][c])² + (v[r+1][c] − v[r][c])² + ε)}, ε = 1e-8 (so the
 * gradient is defined on flat regions). A prior that favours piecewise-constant images, the classical remedy for
 * streaks in few-view CT.
 */
public final class TotalVariation {
    public static final double EPS = 1e-8;

    private TotalVariation() {}

    /** TV(v), and dTV/dv written into {@code grad} (overwritten, length n²). */
    public static double valueAndGradient(float[] v, int n, float[] grad) {
        if (v.length != n * n || grad.length != n * n) throw new IllegalArgumentException("image and gradient must hold " + n + "² values");
        java.util.Arrays.fill(grad, 0);
        if (n < 2) return 0;
        double norm = 1.0 / ((double) (n - 1) * (n - 1)), sum = 0;
        for (int r = 0; r < n - 1; r++)
            for (int c = 0; c < n - 1; c++) {
                int i = r * n + c;
                double gx = v[i + 1] - v[i], gy = v[i + n] - v[i];
                double s = Math.sqrt(gx * gx + gy * gy + EPS);
                sum += s;
                double kx = gx / s * norm, ky = gy / s * norm;
                grad[i] -= (float) (kx + ky);
                grad[i + 1] += (float) kx;
                grad[i + n] += (float) ky;
            }
        return sum * norm;
    }
}
