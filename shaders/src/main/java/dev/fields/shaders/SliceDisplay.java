package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.ValueRange;
import dev.fields.io.spec.Head;

import java.util.Optional;

/**
 * How a CT slice ({@code ATTENUATION_SLICE}) is coloured: value {@code v} goes to
 * {@code t = clamp((v − (level − window/2)) / window, 0, 1)}, then through the colour map. {@code image.glsl} does the
 * same with the uniforms {@code uWindow}, {@code uLevel} and {@code uColourMap}; {@link #rgb} is the CPU twin.
 */
public record SliceDisplay(ColourMap map, double window, double level) {
    /** The colour map a slice starts with. */
    public static final ColourMap DEFAULT_MAP = ColourMap.GREY;

    public SliceDisplay {
        if (map == null) throw new IllegalArgumentException("a slice display needs a colour map");
        if (!(window > 0) || !Double.isFinite(window)) throw new IllegalArgumentException("window must be positive and finite, got " + window);
        if (!Double.isFinite(level)) throw new IllegalArgumentException("level must be finite, got " + level);
    }

    /** Position of value {@code v} on the colour map, in [0, 1]. */
    public double position(double v) { return Math.min(Math.max((v - (level - 0.5 * window)) / window, 0), 1); }

    /** The colour of value {@code v} into {@code dest[offset .. offset + 2]}; returns {@code dest}. */
    public float[] rgb(double v, float[] dest, int offset) { return map.rgb(position(v), dest, offset); }

    /** The window that spans {@code r} (a single value gets a window of 1 around it). */
    public static SliceDisplay spanning(ColourMap map, ValueRange r) {
        double w = r.high() - r.low(), mid = 0.5 * (r.low() + r.high());
        return new SliceDisplay(map, w > 1e-9 * Math.max(1, Math.abs(mid)) ? w : 1, mid);
    }

    /**
     * The range a blob's slice is shown over without being measured: the value range its fit recorded, else [0, 1]
     * for a sigmoid head; empty when neither is known (the caller then measures the drawn values).
     */
    public static Optional<ValueRange> declaredRange(FieldBlob blob) {
        Optional<ValueRange> r = ValueRange.recorded(blob.provenance().metrics());
        if (r.isPresent()) return r;
        return blob.spec().outputs().get(0).head() == Head.SIGMOID ? Optional.of(new ValueRange(0, 1)) : Optional.empty();
    }

    public SliceDisplay withMap(ColourMap m) { return new SliceDisplay(m, window, level); }

    /** The window times {@code factor} (> 1 widens: less contrast), same level. */
    public SliceDisplay widened(double factor) { return new SliceDisplay(map, window * factor, level); }

    /** The level moved by {@code fraction} of the window (> 0 raises it: the picture darkens). */
    public SliceDisplay raised(double fraction) { return new SliceDisplay(map, window, level + fraction * window); }

    /** "grey, window 1 level 0.5". */
    public String describe() { return map.label() + ", window " + short4(window) + " level " + short4(level); }

    /** Four significant digits, no trailing zeros. */
    private static String short4(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * What a user asked for; null parts keep the defaults a blob brings (a window alone keeps the default level).
     */
    public record Request(ColourMap map, Double window, Double level) {
        /** Nothing asked: the blob's defaults. */
        public static final Request DEFAULTS = new Request(null, null, null);

        public boolean isEmpty() { return map == null && window == null && level == null; }

        /** {@code defaults} with the asked parts replaced. */
        public SliceDisplay over(SliceDisplay defaults) {
            return new SliceDisplay(map != null ? map : defaults.map(), window != null ? window : defaults.window(),
                    level != null ? level : defaults.level());
        }
    }
}
