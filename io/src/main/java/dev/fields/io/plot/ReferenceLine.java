package dev.fields.io.plot;

import java.awt.Color;

/**
 * A horizontal dashed line across a whole {@link Panel} at height {@code y}, named in the legend by {@code label}
 * (e.g. a baseline's score). A null colour draws it dark grey.
 */
public record ReferenceLine(String label, double y, Color color) {
    public ReferenceLine {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("a reference line needs a label");
        if (!Double.isFinite(y)) throw new IllegalArgumentException("reference line " + label + " at non-finite y " + y);
    }

    public ReferenceLine(String label, double y) { this(label, y, null); }
}
