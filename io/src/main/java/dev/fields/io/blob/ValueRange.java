package dev.fields.io.blob;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The span of a field's values where it was fitted: the 0.5th and 99.5th percentiles of its values on the fit's grid
 * (a few outliers do not stretch it). A fit records it among the blob's final metrics under {@link #LOW} and
 * {@link #HIGH}; viewers start their display window from it.
 */
public record ValueRange(double low, double high) {
    /** Metric key of the 0.5th percentile. */
    public static final String LOW = "value_p0.5";
    /** Metric key of the 99.5th percentile. */
    public static final String HIGH = "value_p99.5";

    public ValueRange {
        if (!Double.isFinite(low) || !Double.isFinite(high) || high < low)
            throw new IllegalArgumentException("a value range needs finite low <= high, got [" + low + ", " + high + "]");
    }

    /** The 0.5th and 99.5th percentiles (linear between order statistics) of the finite values {@code v[offset + i·stride]}. */
    public static ValueRange of(float[] v, int offset, int stride) {
        int n = 0;
        double[] s = new double[(v.length - offset + stride - 1) / stride];
        for (int i = offset; i < v.length; i += stride) if (Float.isFinite(v[i])) s[n++] = v[i];
        if (n == 0) throw new IllegalArgumentException("no finite values to take a range of");
        s = Arrays.copyOf(s, n);
        Arrays.sort(s);
        return new ValueRange(percentile(s, 0.005), percentile(s, 0.995));
    }

    /** {@link #of(float[], int, int)} over every value. */
    public static ValueRange of(float[] v) { return of(v, 0, 1); }

    private static double percentile(double[] sorted, double q) {
        double x = q * (sorted.length - 1);
        int i = (int) Math.floor(x);
        if (i + 1 >= sorted.length) return sorted[sorted.length - 1];
        return sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]);
    }

    /** The range a fit recorded in these metrics, if it did. */
    public static Optional<ValueRange> recorded(Map<String, Double> metrics) {
        Double lo = metrics.get(LOW), hi = metrics.get(HIGH);
        if (lo == null || hi == null || !Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) return Optional.empty();
        return Optional.of(new ValueRange(lo, hi));
    }

    /** The two metrics a fit records (in order low, high). */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(LOW, low);
        m.put(HIGH, high);
        return m;
    }
}
