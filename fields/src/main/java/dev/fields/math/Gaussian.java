package dev.fields.math;

import java.util.SplittableRandom;

/** Standard normal samples from a {@link SplittableRandom} (Box–Muller), so every random draw is seeded and reproducible. */
public final class Gaussian {
    private Gaussian() {}

    public static double next(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
