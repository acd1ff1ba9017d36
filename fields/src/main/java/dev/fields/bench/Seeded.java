package dev.fields.bench;

import java.util.List;
import java.util.Locale;

/** A metric over seeds: mean, sample standard deviation, min and max, as quality tables report it. */
record Seeded(double mean, double std, double min, double max, int n) {
    static Seeded of(List<Double> v) {
        int n = v.size();
        double m = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new Seeded(m, sd, v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), n);
    }

    /** "28.56 ± 0.55" with the given decimals. */
    String format(int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, std);
    }
}
