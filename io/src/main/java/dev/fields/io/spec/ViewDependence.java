package dev.fields.io.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a radiance field's colour depends on the viewing direction. NONE: the RGB output is the colour (after its head).
 * SH1..SH3: the RGB output holds {@code 3 (d + 1)²} spherical-harmonics coefficients of degree d per point,
 * channel-major (all coefficients of R in {@link SphericalHarmonics}' order, then G, then B), with an identity head,
 * and the colour seen along the ray's unit direction {@code ω} (world space; field units keep directions) is
 * {@code sigmoid(Σ_k c_k Y_k(ω))} per channel — the network's cost is unchanged, only its last layer is wider.
 * Consumers without a direction (the baked texture, mesh vertex colours) use the diffuse colour
 * {@code sigmoid(c_0 Y_0)}, the view-independent part. JSON and command-line form: {@code none}, {@code sh:1},
 * {@code sh:2}, {@code sh:3}.
 */
public enum ViewDependence {
    NONE(0), SH1(1), SH2(2), SH3(3);

    private final int degree;

    ViewDependence(int degree) { this.degree = degree; }

    /** Spherical-harmonics degree (0 for NONE). */
    public int degree() { return degree; }

    /** Coefficients per colour channel: {@code (degree + 1)²} (1 for NONE: the colour itself). */
    public int coefficients() { return SphericalHarmonics.count(degree); }

    /** Width of the RGB output this variant needs. */
    public int rgbSize() { return 3 * coefficients(); }

    /** True if the colour depends on the direction. */
    public boolean viewDependent() {
        return switch (this) {
            case NONE -> false;
            case SH1, SH2, SH3 -> true;
        };
    }

    @JsonValue public String token() {
        return switch (this) {
            case NONE -> "none";
            case SH1, SH2, SH3 -> "sh:" + degree;
        };
    }

    @Override public String toString() { return token(); }

    /** Parses {@code none} or {@code sh:DEG} (DEG 1..3); an {@link IllegalArgumentException} with one line otherwise. */
    @JsonCreator public static ViewDependence parse(String s) {
        String t = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        for (ViewDependence v : values()) if (v.token().equals(t)) return v;
        throw new IllegalArgumentException("view dependence must be none or sh:DEG with DEG 1, 2 or 3 (spherical-harmonics degree), got '" + s + "'");
    }

    /**
     * The colour (3 values into {@code rgb} from {@code at}) of the RGB output stored in {@code v} from {@code off}
     * (after heads), seen along the direction whose {@link #basis} is in {@code y} from {@code yOff}. The float twin
     * below is the same sum for the trainer's and renderer's float buffers (Java has no generics over primitives).
     */
    public void colour(double[] v, int off, double[] y, int yOff, double[] rgb, int at) {
        switch (this) {
            case NONE -> System.arraycopy(v, off, rgb, at, 3);
            case SH1, SH2, SH3 -> {
                int k = coefficients();
                for (int c = 0; c < 3; c++) {
                    double z = 0;
                    for (int j = 0; j < k; j++) z += v[off + c * k + j] * y[yOff + j];
                    rgb[at + c] = sigmoid(z);
                }
            }
        }
    }

    /**
     * The {@link #coefficients()} basis values at the unit direction (dx, dy, dz) into {@code out} from {@code off}
     * (NONE: the single value 1).
     */
    public void basis(double dx, double dy, double dz, double[] out, int off) {
        switch (this) {
            case NONE -> out[off] = 1;
            case SH1, SH2, SH3 -> SphericalHarmonics.basis(degree, dx, dy, dz, out, off);
        }
    }

    /**
     * {@link #colour} of float outputs with the direction's {@link #basis} already evaluated ({@code y} from
     * {@code yOff}): what a renderer calls for every sample of a ray.
     */
    public void colour(float[] v, int off, double[] y, int yOff, float[] rgb, int at) {
        switch (this) {
            case NONE -> System.arraycopy(v, off, rgb, at, 3);
            case SH1, SH2, SH3 -> {
                int k = coefficients();
                for (int c = 0; c < 3; c++) {
                    double z = 0;
                    for (int j = 0; j < k; j++) z += v[off + c * k + j] * y[yOff + j];
                    rgb[at + c] = (float) sigmoid(z);
                }
            }
        }
    }

    /**
     * Backward of {@link #colour(float[], int, double[], int, float[], int)}: from the colour's gradient {@code dRgb}
     * (at {@code at}) to the gradient of the RGB output, written into {@code g} from {@code off}. NONE passes it on;
     * SH: {@code ∂L/∂c_k = ∂L/∂rgb · rgb (1 − rgb) · Y_k} per channel, {@code rgb} the forward's colour.
     */
    public void colourBackward(float[] rgb, float[] dRgb, int at, double[] y, int yOff, float[] g, int off) {
        switch (this) {
            case NONE -> System.arraycopy(dRgb, at, g, off, 3);
            case SH1, SH2, SH3 -> {
                int k = coefficients();
                for (int c = 0; c < 3; c++) {
                    double s = rgb[at + c], dz = dRgb[at + c] * s * (1 - s);
                    for (int j = 0; j < k; j++) g[off + c * k + j] = (float) (dz * y[yOff + j]);
                }
            }
        }
    }

    /** The view-independent (diffuse) colour: NONE's colour, or {@code sigmoid(c_0 Y_0)} per channel. */
    public void diffuse(double[] v, int off, double[] rgb, int at) {
        switch (this) {
            case NONE -> System.arraycopy(v, off, rgb, at, 3);
            case SH1, SH2, SH3 -> {
                int k = coefficients();
                for (int c = 0; c < 3; c++) rgb[at + c] = sigmoid(v[off + c * k] * SphericalHarmonics.C0);
            }
        }
    }

    /** {@link #diffuse} of float outputs. */
    public void diffuse(float[] v, int off, float[] rgb, int at) {
        switch (this) {
            case NONE -> System.arraycopy(v, off, rgb, at, 3);
            case SH1, SH2, SH3 -> {
                int k = coefficients();
                for (int c = 0; c < 3; c++) rgb[at + c] = (float) sigmoid(v[off + c * k] * SphericalHarmonics.C0);
            }
        }
    }

    static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

    /** Jackson's filter that leaves NONE out of a spec's JSON, so view-independent blobs keep their earlier bytes. */
    public static final class OmitNone {
        @Override public boolean equals(Object o) { return o == null || o == NONE; }

        @Override public int hashCode() { return 0; }
    }
}
