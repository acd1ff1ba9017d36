package dev.fields.ct;

import java.util.SplittableRandom;

/**
 * Poisson draws for any mean: Knuth's product of uniforms below a mean of 10, Hörmann's transformed rejection with
 * squeeze (PTRS, "The transformed rejection method for generating Poisson random variables", 1993) from 10 on.
 */
final class PoissonSampler {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double[] LOG_FACTORIAL = new double[16];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }

    private PoissonSampler() {}

    static double sample(double mean, SplittableRandom r) {
        if (!(mean >= 0) || Double.isInfinite(mean)) throw new IllegalArgumentException("Poisson mean must be finite and >= 0, got " + mean);
        if (mean == 0) return 0;
        return mean < 10 ? knuth(mean, r) : ptrs(mean, r);
    }

    private static double knuth(double mean, SplittableRandom r) {
        double limit = Math.exp(-mean), p = r.nextDouble();
        int k = 0;
        while (p > limit) { p *= r.nextDouble(); k++; }
        return k;
    }

    private static double ptrs(double mean, SplittableRandom r) {
        double slam = Math.sqrt(mean), logLam = Math.log(mean);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5, v = r.nextDouble(), us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logLam - logFactorial(k)) return k;
        }
    }

    /** ln k!, exact below 16, Stirling's series (error below 1e-12) above. */
    static double logFactorial(double k) {
        if (k < LOG_FACTORIAL.length) return LOG_FACTORIAL[(int) k];
        double x = k + 1, x2 = x * x;
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + (1 / 12.0 - (1 / 360.0 - 1 / (1260.0 * x2)) / x2) / x;
    }
}
