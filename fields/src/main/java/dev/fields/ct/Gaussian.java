package dev.fields.ct;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Box–Muller from two {@link SplittableRandom#nextDouble()} calls (the second root is
 * discarded), so a seed gives the same numbers on every JDK: the JDK's own {@code nextGaussian} is not specified.
 */
final class Gaussian {
    private Gaussian() {}

    static double next(SplittableRandom random) {
        double u = 1 - random.nextDouble(), v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
