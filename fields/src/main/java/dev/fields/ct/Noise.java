package dev.fields.ct;

import dev.fields.io.UserError;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measurement noise on a sinogram of line integrals, seeded: {@code poisson:I0} draws photon counts
 * {@code n ~ Poisson(I0 · exp(−p))} and returns {@code p' = −ln(max(n, 1) / I0)}; {@code gauss:SIGMA} returns
 * {@code p + σ · N(0, 1)}; {@code none} returns p. Values are drawn in row-major order from
 * {@code new SplittableRandom(seed)}, so a seed means the same noise everywhere.
 */
public sealed interface Noise {
    /** A noisy copy of {@code sinogram}. */
    float[] apply(float[] sinogram, long seed);

    /** No noise. */
    record None() implements Noise {
        @Override public float[] apply(float[] sinogram, long seed) { return sinogram.clone(); }
        @Override public String toString() { return "none"; }
    }

    /** Poisson photon counts with {@code i0} incident photons per ray. */
    record Poisson(double i0) implements Noise {
        public Poisson {
            if (!(i0 > 0) || Double.isInfinite(i0)) throw new IllegalArgumentException("incident photon count must be > 0, got " + i0);
        }

        @Override public float[] apply(float[] sinogram, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] out = new float[sinogram.length];
            for (int i = 0; i < out.length; i++) {
                double counts = PoissonSampler.sample(i0 * Math.exp(-sinogram[i]), r);
                out[i] = (float) -Math.log(Math.max(counts, 1) / i0);
            }
            return out;
        }

        @Override public String toString() { return "poisson:" + i0; }
    }

    /** Additive white Gaussian noise of standard deviation {@code sigma}. */
    record Gauss(double sigma) implements Noise {
        public Gauss {
            if (!(sigma >= 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("noise sigma must be >= 0, got " + sigma);
        }

        @Override public float[] apply(float[] sinogram, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] out = new float[sinogram.length];
            for (int i = 0; i < out.length; i++) out[i] = (float) (sinogram[i] + sigma * Gaussian.next(r));
            return out;
        }

        @Override public String toString() { return "gauss:" + sigma; }
    }

    /** {@code none}, {@code poisson:I0} (I0 > 0) or {@code gauss:SIGMA} (σ ≥ 0). */
    public static Noise parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) return new None();
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        if (!kind.equals("poisson") && !kind.equals("gauss"))
            throw new UserError("unknown noise '" + spec + "': use none, poisson:I0 (e.g. poisson:1e5) or gauss:SIGMA (e.g. gauss:0.01)");
        if (colon < 0) throw new UserError("noise '" + spec + "' needs a number after a colon, e.g. " + kind + (kind.equals("poisson") ? ":1e5" : ":0.01"));
        double v;
        try {
            v = Double.parseDouble(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserError("noise '" + spec + "' needs a number after the colon, e.g. " + kind + (kind.equals("poisson") ? ":1e5" : ":0.01"));
        }
        if (kind.equals("poisson")) {
            if (!(v > 0) || Double.isInfinite(v)) throw new UserError("poisson noise needs an incident count I0 > 0, got " + spec);
            return new Poisson(v);
        }
        if (!(v >= 0) || Double.isInfinite(v)) throw new UserError("gauss noise needs a sigma >= 0, got " + spec);
        return new Gauss(v);
    }
}
