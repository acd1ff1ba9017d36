package dev.fields.ray;

import java.util.SplittableRandom;

/**
 * k samples per ray in its interval {@code [near, far]}: bin i is {@code [near + i δ, near + (i+1) δ)} with
 * {@code δ = (far − near) / k}, and its sample sits at the bin's midpoint ({@link #midpoints}, the tracers' rule) or
 * uniformly in the bin ({@link #jittered}). Every sample gets the segment length δ, so {@code Σ f(x_i) δ} is the
 * midpoint rule for {@code ∫ f dt}, and with jitter an unbiased stratified estimate of it. Rays that miss (or have an
 * empty interval) get k samples at {@code t = near} with δ = 0.
 */
public final class StratifiedSampler {
    private final int perRay;

    public StratifiedSampler(int perRay) {
        if (perRay < 1) throw new IllegalArgumentException("need at least one sample per ray, not " + perRay);
        this.perRay = perRay;
    }

    public int perRay() { return perRay; }

    /** Samples at the bin midpoints, written into {@code dest} (resized to the rays); returns {@code dest}. */
    public Samples midpoints(Rays rays, Samples dest) {
        return fill(rays, null, dest);
    }

    /** Samples uniformly in each bin, drawn from {@code random}; written into {@code dest}; returns {@code dest}. */
    public Samples jittered(Rays rays, SplittableRandom random, Samples dest) {
        if (random == null) throw new IllegalArgumentException("jittered sampling needs a random source");
        return fill(rays, random, dest);
    }

    private Samples fill(Rays rays, SplittableRandom random, Samples dest) {
        int n = rays.count(), d = rays.dim();
        dest.resize(n, perRay, d);
        float[] org = rays.origins(), dir = rays.directions(), near = rays.near(), far = rays.far();
        float[] pts = dest.points(), ts = dest.t(), ds = dest.delta();
        for (int r = 0; r < n; r++) {
            double t0 = near[r], t1 = far[r];
            if (rays.hit(r) && Double.isInfinite(t1))
                throw new IllegalStateException("ray " + r + " has an unbounded interval; clip the rays to a box before sampling");
            double step = rays.hit(r) && t1 > t0 ? (t1 - t0) / perRay : 0;
            for (int i = 0; i < perRay; i++) {
                int s = r * perRay + i;
                double t = t0 + (i + (random == null ? 0.5 : random.nextDouble())) * step;
                ts[s] = (float) t;
                ds[s] = (float) step;
                for (int c = 0; c < d; c++) pts[s * d + c] = (float) (org[r * d + c] + t * dir[r * d + c]);
            }
        }
        return dest;
    }
}
