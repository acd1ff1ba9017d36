package dev.fields.ct;

import java.util.function.IntConsumer;

/**
 * SIRT with non-negativity: {@code x ← max(0, x + C Aᵀ R (b − A x))} with R and C the inverse row and column sums of
 * the system matrix (rows or columns with zero sum are left out), from x = 0. One matrix per reconstruction at a time.
 */
public final class Sirt {
    private final SystemMatrix a;
    private final float[] invRow, invCol;

    public Sirt(SystemMatrix a) {
        this.a = a;
        float[] r = a.rowSums(), c = a.columnSums();
        invRow = new float[r.length];
        invCol = new float[c.length];
        for (int i = 0; i < r.length; i++) invRow[i] = r[i] > 0 ? 1 / r[i] : 0;
        for (int j = 0; j < c.length; j++) invCol[j] = c[j] > 0 ? 1 / c[j] : 0;
    }

    /**
     * {@code iterations} updates from zero; {@code progress}, if not null, hears each finished iteration (1-based).
     */
    public float[] reconstruct(float[] sinogram, int iterations, IntConsumer progress) {
        if (sinogram.length != a.rows()) throw new IllegalArgumentException("sinogram has " + sinogram.length + " values, the matrix " + a.rows() + " rows");
        float[] x = new float[a.columns()], ax = new float[a.rows()], upd = new float[a.columns()];
        for (int it = 1; it <= iterations; it++) {
            a.forward(x, ax);
            for (int i = 0; i < ax.length; i++) ax[i] = (sinogram[i] - ax[i]) * invRow[i];
            a.transpose(ax, upd);
            for (int j = 0; j < x.length; j++) x[j] = Math.max(0, x[j] + invCol[j] * upd[j]);
            if (progress != null) progress.accept(it);
        }
        return x;
    }

    /** The residual norm |b − A x| of an image (for convergence checks). */
    public double residual(float[] sinogram, float[] x) {
        float[] ax = new float[a.rows()];
        a.forward(x, ax);
        double s = 0;
        for (int i = 0; i < ax.length; i++) { double d = sinogram[i] - ax[i]; s += d * d; }
        return Math.sqrt(s);
    }
}
