package dev.fields.task.scene;

import dev.fields.io.spec.ViewDependence;
import dev.fields.ray.Rays;
import dev.fields.ray.Samples;
import dev.fields.ray.StratifiedSampler;

/**
 * Renders rays through a radiance field for evaluation: {@code perRay} midpoint samples between each ray's near and
 * far (the tracers' rule), samples in empty occupancy cells dropped, the rest evaluated in rounds so a ray stops
 * costing network evaluations once its transmittance falls below {@code terminate}. Each round evaluates the next
 * occupied samples of every live ray (8 in the first round, doubling up to {@code perRay}) in one batch. Compositing
 * is the ray layer's quadrature ({@link dev.fields.ray.AlphaCompositor}: {@code α = 1 − exp(−σ δ)}, front to back, a
 * sample contributes while {@code T ≥ terminate}, the background times the remaining T). A view-dependent field's
 * colour is its spherical-harmonics coefficients evaluated along each ray's unit direction ({@link ViewDependence#colour}).
 */
final class VolumeRenderer {
    /**
     * Outputs after heads at {@code n} points ({@code n × 3} floats): density then colour, {@code 1 + rgbSize} values a
     * point for the renderer's {@link ViewDependence} (4 for NONE: density, r, g, b).
     */
    @FunctionalInterface
    interface Field {
        float[] at(float[] points, int n);
    }

    private final int perRay;
    private final OccupancyGrid grid;
    private final float[] background;
    private final double terminate;
    private final ViewDependence view;
    private long evaluations;

    /** A view-independent field's renderer. @param grid null: every sample is evaluated */
    VolumeRenderer(int perRay, OccupancyGrid grid, float[] background, double terminate) {
        this(perRay, grid, background, terminate, ViewDependence.NONE);
    }

    /** @param grid null: every sample is evaluated */
    VolumeRenderer(int perRay, OccupancyGrid grid, float[] background, double terminate, ViewDependence view) {
        this.perRay = perRay;
        this.grid = grid;
        this.background = background.clone();
        this.terminate = terminate;
        this.view = view;
    }

    /** Network evaluations made so far. */
    long evaluations() { return evaluations; }

    /** Colours (3 per ray, background included) of rays already clipped to the field's box. */
    float[] render(Rays rays, Field field) {
        int n = rays.count(), k = perRay, o = 1 + view.rgbSize(), nb = view.coefficients();
        float[] dir = rays.directions();
        double[] basis = new double[n * nb];
        for (int r = 0; r < n; r++) { // the basis of each ray's unit direction
            double x = dir[3 * r], y = dir[3 * r + 1], z = dir[3 * r + 2], len = Math.sqrt(x * x + y * y + z * z);
            view.basis(x / len, y / len, z / len, basis, r * nb);
        }
        float[] colour = new float[3];
        Samples s = new StratifiedSampler(k).midpoints(rays, new Samples());
        float[] pts = s.points(), delta = s.delta();
        int[] start = new int[n + 1];
        int[] occ = new int[n * k];
        int m = 0;
        for (int r = 0; r < n; r++) {
            start[r] = m;
            for (int i = 0; i < k; i++) {
                int j = r * k + i;
                if (delta[j] > 0 && (grid == null || grid.occupied(pts[3 * j], pts[3 * j + 1], pts[3 * j + 2]))) occ[m++] = j;
            }
        }
        start[n] = m;
        double[] T = new double[n], acc = new double[3 * n];
        int[] cursor = new int[n], alive = new int[n];
        int live = 0;
        for (int r = 0; r < n; r++) {
            T[r] = 1;
            cursor[r] = start[r];
            if (start[r + 1] > start[r]) alive[live++] = r;
        }
        int chunk = Math.min(8, k);
        while (live > 0) {
            int total = 0;
            for (int a = 0; a < live; a++) { int r = alive[a]; total += Math.min(chunk, start[r + 1] - cursor[r]); }
            float[] batch = new float[3 * total];
            int b = 0;
            for (int a = 0; a < live; a++) {
                int r = alive[a], end = Math.min(cursor[r] + chunk, start[r + 1]);
                for (int c = cursor[r]; c < end; c++, b++) System.arraycopy(pts, 3 * occ[c], batch, 3 * b, 3);
            }
            float[] out = field.at(batch, total);
            evaluations += total;
            b = 0;
            int next = 0;
            for (int a = 0; a < live; a++) {
                int r = alive[a], end = Math.min(cursor[r] + chunk, start[r + 1]);
                double t = T[r];
                for (int c = cursor[r]; c < end; c++, b++) {
                    if (t < terminate) continue;
                    double x = Math.max(out[o * b], 0) * delta[occ[c]], w = -t * Math.expm1(-x);
                    view.colour(out, o * b + 1, basis, r * nb, colour, 0);
                    acc[3 * r] += w * colour[0];
                    acc[3 * r + 1] += w * colour[1];
                    acc[3 * r + 2] += w * colour[2];
                    t *= Math.exp(-x);
                }
                T[r] = t;
                cursor[r] = end;
                if (t >= terminate && end < start[r + 1]) alive[next++] = r;
            }
            live = next;
            chunk = Math.min(2 * chunk, k);
        }
        float[] rgb = new float[3 * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < 3; c++) rgb[3 * r + c] = (float) (acc[3 * r + c] + T[r] * background[c]);
        return rgb;
    }
}
