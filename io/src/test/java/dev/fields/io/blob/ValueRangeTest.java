package dev.fields.io.blob;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The value range a fit records: percentiles as numpy's default (linear) computes them, and the metrics round trip. */
class ValueRangeTest {
    @Test void percentilesAreLinearBetweenOrderStatistics() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) v[(i * 7919) % 1000] = i; // 0 .. 999, shuffled
        ValueRange r = ValueRange.of(v);
        assertEquals(4.995, r.low(), 1e-9);   // numpy.percentile(range(1000), 0.5)
        assertEquals(994.005, r.high(), 1e-9);
        // a stride picks one channel of interleaved values; NaNs are left out
        float[] two = {5, Float.NaN, 1, 100, 3, -100};
        assertEquals(new ValueRange(1.02, 4.98), round(ValueRange.of(two, 0, 2)));
        assertEquals(new ValueRange(-99.0, 99.0), round(ValueRange.of(two, 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> ValueRange.of(new float[]{Float.NaN}));
    }

    @Test void aRecordedRangeRoundTripsThroughTheMetrics() {
        Map<String, Double> m = new HashMap<>(Map.of("psnr", 31.0));
        assertTrue(ValueRange.recorded(m).isEmpty());
        m.putAll(new ValueRange(0.01, 0.9).metrics());
        assertEquals(new ValueRange(0.01, 0.9), ValueRange.recorded(m).orElseThrow());
        m.put(ValueRange.HIGH, -1.0); // inverted: not a range
        assertTrue(ValueRange.recorded(m).isEmpty());
    }

    private static ValueRange round(ValueRange r) { return new ValueRange(Math.round(r.low() * 1e6) / 1e6, Math.round(r.high() * 1e6) / 1e6); }
}
