package dev.fields.ct;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class NoiseTest {
    @Test void poissonDrawsHaveTheirMeanAndVariance() {
        for (double mean : new double[]{0.7, 4, 9.5, 10, 37, 1e4, 3e6}) {
            SplittableRandom r = new SplittableRandom(11);
            int n = 200_000;
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                double k = PoissonSampler.sample(mean, r);
                assertEquals(Math.rint(k), k);
                s += k;
                s2 += k * k;
            }
            double m = s / n, var = s2 / n - m * m;
            assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean of Poisson(" + mean + ")");
            // the variance of the sample variance is ≈ (2λ² + λ) / n
            assertEquals(mean, var, 5 * Math.sqrt((2 * mean * mean + mean) / n), "variance of Poisson(" + mean + ")");
        }
    }

    @Test void poissonProbabilitiesAroundTheSwitchOfMethods() {
        for (double mean : new double[]{9.99, 12}) {
            SplittableRandom r = new SplittableRandom(5);
            int n = 400_000, target = 10, hits = 0;
            for (int i = 0; i < n; i++) if (PoissonSampler.sample(mean, r) == target) hits++;
            double p = Math.exp(-mean + target * Math.log(mean) - PoissonSampler.logFactorial(target));
            assertEquals(p, hits / (double) n, 5 * Math.sqrt(p / n), "P(X = 10) for mean " + mean);
        }
    }

    @Test void logFactorialIsExactAcrossTheSeriesSwitch() {
        double exact = 0;
        for (int k = 1; k <= 40; k++) {
            exact += Math.log(k);
            assertEquals(exact, PoissonSampler.logFactorial(k), 1e-11, "ln " + k + "!");
        }
    }

    @Test void poissonNoiseIsUnbiasedWithTheDoseVariance() {
        double i0 = 1e4, p = 1.5;
        float[] sino = new float[100_000];
        java.util.Arrays.fill(sino, (float) p);
        float[] noisy = Noise.parse("poisson:1e4").apply(sino, 3);
        double s = 0, s2 = 0;
        for (float v : noisy) { s += v; s2 += v * v; }
        double m = s / noisy.length, var = s2 / noisy.length - m * m;
        double expected = 1 / (i0 * Math.exp(-p)); // delta method: Var(−ln(n / I0)) ≈ 1 / (I0 e^{−p})
        assertEquals(p, m, 1e-3);
        assertEquals(expected, var, 0.03 * expected);
    }

    @Test void poissonNoiseNeverTakesTheLogarithmOfZero() {
        float[] sino = {30, 30, 30};
        float[] noisy = new Noise.Poisson(10).apply(sino, 1);
        for (float v : noisy) assertEquals(-Math.log(1 / 10.0), v, 1e-6, "no counts are read as one count");
    }

    @Test void gaussNoiseHasItsSigmaAndSeedsRepeat() {
        float[] sino = new float[100_000];
        Noise g = Noise.parse("gauss:0.02");
        float[] a = g.apply(sino, 9), b = g.apply(sino, 9), c = g.apply(sino, 10);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        double s = 0, s2 = 0;
        for (float v : a) { s += v; s2 += v * v; }
        assertEquals(0, s / a.length, 5 * 0.02 / Math.sqrt(a.length));
        assertEquals(0.02, Math.sqrt(s2 / a.length), 0.02 * 0.01);
        assertArrayEquals(sino, Noise.parse("none").apply(sino, 1));
    }

    @Test void badSpecsAreUserErrors() {
        assertEquals(new Noise.Poisson(1e5), Noise.parse("Poisson:1e5"));
        assertEquals(new Noise.Gauss(0.5), Noise.parse("gauss:0.5"));
        for (String bad : new String[]{"poisson", "poisson:0", "gauss:-1", "gauss:x", "speckle:3"})
            assertThrows(UserError.class, () -> Noise.parse(bad), bad);
    }
}
