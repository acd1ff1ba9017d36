package dev.fields.shaders;

import dev.fields.io.UserError;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Colour maps from a position {@code t} in [0, 1] (clamped) to sRGB components in [0, 1]: each channel is a
 * polynomial in {@code t}, clamped to [0, 1]. The coefficients here are the one definition: {@link #rgb} evaluates
 * them in Java (the CPU twin) and {@link #glsl()} emits the same numbers as the shader function
 * {@code vec3 colourMap(int map, float t)}, selected by {@link #code()}.
 */
public enum ColourMap {
    /** Black to white (what radiologists read CT slices in). */
    GREY(new double[][]{{0, 1}, {0, 1}, {0, 1}}),
    /** Black through red and yellow to white (the renderer's earlier slice map: pieces of lines, clamped). */
    HEAT(new double[][]{{0, 1.5}, {-0.5, 1.5}, {-1.6, 2.6}}),
    /**
     * Perceptually uniform, dark blue-violet through teal to yellow: a least-squares fit of degree 6 to matplotlib's
     * viridis (largest error 4.3/255; made by {@code shaders/tools/fit_viridis.py}).
     */
    VIRIDIS(new double[][]{
            {0.27445542445438087, 0.107708326205923, -0.32724109678698843, -4.599931518228872, 6.203735901279399, 4.7517868889004795, -5.432077171001475},
            {0.005767962396571593, 1.396469683927719, 0.21481356454263847, -5.7582381893170735, 14.153964947399064, -13.749439404407363, 4.641571315981413},
            {0.33266388111295614, 1.3867705979368523, 0.09197688075161865, -19.29180895034643, 56.65629956523573, -65.32096782755912, 26.27210760447849}});

    private final double[][] coefficients;

    ColourMap(double[][] coefficients) { this.coefficients = coefficients; }

    /** The map's number in shaders (uniform {@code uColourMap}, constants {@code COLOUR_MAP_<NAME>}). */
    public int code() { return ordinal(); }

    /** The name users type (lower case). */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** Channel {@code k} (0 red, 1 green, 2 blue) at position {@code t}. */
    public double channel(int k, double t) {
        double x = clamp(t), v = 0;
        double[] c = coefficients[k];
        for (int i = c.length - 1; i >= 0; i--) v = v * x + c[i];
        return clamp(v);
    }

    /** The colour at position {@code t} into {@code dest[offset .. offset + 2]}; returns {@code dest}. */
    public float[] rgb(double t, float[] dest, int offset) {
        for (int k = 0; k < 3; k++) dest[offset + k] = (float) channel(k, t);
        return dest;
    }

    /** The next map in {@link #values()} order, wrapping (the viewer's key cycles through them). */
    public ColourMap next() { return values()[(ordinal() + 1) % values().length]; }

    /** The map named {@code name} (any case; "gray" is grey); a {@link UserError} listing the names otherwise. */
    public static ColourMap parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("gray")) return GREY;
        for (ColourMap m : values()) if (m.label().equals(n)) return m;
        throw new UserError("unknown colour map '" + name + "': use one of " + names());
    }

    /** The maps' names, comma-separated. */
    public static String names() { return Arrays.stream(values()).map(ColourMap::label).collect(Collectors.joining(", ")); }

    /** GLSL: the {@code COLOUR_MAP_} constants and {@code vec3 colourMap(int map, float t)} with these coefficients. */
    public static String glsl() {
        StringBuilder sb = new StringBuilder();
        for (ColourMap m : values()) sb.append("const int COLOUR_MAP_").append(m.name()).append(" = ").append(m.code()).append(";\n");
        sb.append("vec3 colourMap(int map, float t) {\n  t = clamp(t, 0.0, 1.0);\n  vec3 c;\n");
        for (ColourMap m : values()) {
            sb.append(m.ordinal() == 0 ? "  if" : "  else if").append(" (map == COLOUR_MAP_").append(m.name()).append(") c = vec3(");
            for (int k = 0; k < 3; k++) sb.append(k > 0 ? ", " : "").append(horner(m.coefficients[k]));
            sb.append(");\n");
        }
        sb.append("  else c = vec3(t);\n  return clamp(c, 0.0, 1.0);\n}\n");
        return sb.toString();
    }

    private static String horner(double[] c) {
        String s = literal(c[c.length - 1]);
        for (int i = c.length - 2; i >= 0; i--) s = "(" + s + ") * t + " + literal(c[i]);
        return s;
    }

    private static String literal(double v) {
        String s = String.format(Locale.ROOT, "%.17g", v);
        return s.contains(".") || s.contains("e") ? s : s + ".0";
    }

    private static double clamp(double v) { return Math.min(Math.max(v, 0), 1); }
}
