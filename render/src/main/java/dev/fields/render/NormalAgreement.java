package dev.fields.render;

import java.util.Arrays;
import java.util.Locale;

/**
 * How closely two renders of one view agree on the surface's orientation: the angle between their unit normals at
 * every pixel both hit ({@link FieldRenderer.Frame#normals}), summarized by its mean, 95th percentile and maximum.
 * {@code degrees} holds the per-pixel angle (top row first), NaN where either render missed.
 */
public record NormalAgreement(int pixels, double meanDegrees, double p95Degrees, double maxDegrees, int width, int height, float[] degrees) {

    /** The angles between {@code a}'s and {@code b}'s normals over the pixels both hit with a normal. */
    public static NormalAgreement of(FieldRenderer.Frame a, FieldRenderer.Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) throw new IllegalArgumentException("frames of different sizes");
        if (a.normals() == null || b.normals() == null) throw new IllegalArgumentException("2-D fields have no normals");
        int n = a.width() * a.height();
        float[] deg = new float[n];
        double[] both = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            float[] na = a.normals(), nb = b.normals();
            double la = len(na, i), lb = len(nb, i);
            if (a.t()[i] < 0 || b.t()[i] < 0 || la < 0.5 || lb < 0.5) { deg[i] = Float.NaN; continue; }
            double dot = (na[3 * i] * nb[3 * i] + na[3 * i + 1] * nb[3 * i + 1] + na[3 * i + 2] * nb[3 * i + 2]) / (la * lb);
            deg[i] = (float) Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
            both[m++] = deg[i];
        }
        return summarize(a.width(), a.height(), deg, Arrays.copyOf(both, m));
    }

    /**
     * How much one render's normal turns from a pixel to its right and lower neighbours (both hit): creases and
     * wrinkles raise the tail; {@code degrees} holds the larger of the two turns per pixel.
     */
    public static NormalAgreement neighbours(FieldRenderer.Frame f) {
        if (f.normals() == null) throw new IllegalArgumentException("2-D fields have no normals");
        int w = f.width(), h = f.height();
        float[] nv = f.normals(), deg = new float[w * h];
        double[] all = new double[2 * w * h];
        int m = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                deg[i] = Float.NaN;
                if (f.t()[i] < 0 || len(nv, i) < 0.5) continue;
                for (int j : new int[]{x + 1 < w ? i + 1 : -1, y + 1 < h ? i + w : -1}) {
                    if (j < 0 || f.t()[j] < 0 || len(nv, j) < 0.5) continue;
                    double dot = (nv[3 * i] * nv[3 * j] + nv[3 * i + 1] * nv[3 * j + 1] + nv[3 * i + 2] * nv[3 * j + 2]) / (len(nv, i) * len(nv, j));
                    double a = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
                    all[m++] = a;
                    deg[i] = Float.isNaN(deg[i]) ? (float) a : Math.max(deg[i], (float) a);
                }
            }
        return summarize(w, h, deg, Arrays.copyOf(all, m));
    }

    /** Summary of per-pixel angles (NaN where not compared) and the compared values. */
    static NormalAgreement summarize(int w, int h, float[] deg, double[] compared) {
        int m = compared.length;
        if (m == 0) return new NormalAgreement(0, Double.NaN, Double.NaN, Double.NaN, w, h, deg);
        Arrays.sort(compared);
        double sum = 0;
        for (double v : compared) sum += v;
        return new NormalAgreement(m, sum / m, compared[Math.min(m - 1, (int) Math.ceil(0.95 * m) - 1)], compared[m - 1], w, h, deg);
    }

    private static double len(float[] v, int i) {
        return Math.sqrt(v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
    }

    /** "mean 0.42°, p95 1.1°, max 7.3° over 51,234 pixels". */
    public String describe() {
        return String.format(Locale.ROOT, "mean %.2f°, p95 %.2f°, max %.1f° over %,d pixels", meanDegrees, p95Degrees, maxDegrees, pixels);
    }
}
