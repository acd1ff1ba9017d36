package dev.fields.io.spec;

/**
 * The real spherical harmonics up to degree {@value #MAX_DEGREE} at a unit vector {@code (x, y, z)}, in the ordering
 * {@code k = l (l + 1) + m} ({@code m = −l..l}): {@code Y00; Y1−1, Y10, Y11; Y2−2 .. Y22; Y3−3 .. Y33}, orthonormal over
 * the unit sphere. Convention: the Condon–Shortley phase {@code (−1)^m} is included, as in the usual real-SH tables of
 * graphics (Sloan's "Stupid SH tricks", Plenoxels, instant-ngp): {@code Y1−1 = −c y, Y10 = c z, Y11 = −c x} with
 * {@code c = sqrt(3 / 4π)}, i.e. {@code Y_lm = sqrt(2) K_lm P_l^|m|(z) cos(mφ)} for m &gt; 0, {@code sqrt(2) K_l|m|
 * P_l^|m|(z) sin(|m|φ)} for m &lt; 0 and {@code K_l0 P_l(z)} for m = 0, with P_l^m the associated Legendre functions
 * carrying the phase and φ the azimuth of (x, y). The CPU evaluators, the trainer and the GLSL renderer
 * ({@code dev.fields.shaders}) use exactly these polynomials.
 */
public final class SphericalHarmonics {
    public static final int MAX_DEGREE = 3;
    // normalization constants sqrt((2l+1)/(4π) (l−|m|)!/(l+|m|)!) times the polynomial factors below
    static final double C0 = Math.sqrt(1 / (4 * Math.PI));
    static final double C1 = Math.sqrt(3 / (4 * Math.PI));
    static final double C2A = Math.sqrt(15 / (4 * Math.PI)), C2B = Math.sqrt(5 / (16 * Math.PI)), C2C = Math.sqrt(15 / (16 * Math.PI));
    static final double C3A = Math.sqrt(35 / (32 * Math.PI)), C3B = Math.sqrt(105 / (4 * Math.PI)), C3C = Math.sqrt(21 / (32 * Math.PI)),
            C3D = Math.sqrt(7 / (16 * Math.PI)), C3E = Math.sqrt(105 / (16 * Math.PI));

    private SphericalHarmonics() {}

    /** The constant Y00 = 1 / (2 √π): the diffuse colour of coefficients c is sigmoid(c_0 · Y00). */
    public static double basis0() { return C0; }

    /** Number of basis functions up to {@code degree}: {@code (degree + 1)²}. */
    public static int count(int degree) {
        if (degree < 0 || degree > MAX_DEGREE) throw new IllegalArgumentException("spherical-harmonics degree must be 0.." + MAX_DEGREE + ", got " + degree);
        return (degree + 1) * (degree + 1);
    }

    /** Writes the {@link #count}{@code (degree)} basis values at the unit vector (x, y, z) into {@code out} from {@code off}. */
    public static void basis(int degree, double x, double y, double z, double[] out, int off) {
        count(degree);
        out[off] = C0;
        if (degree < 1) return;
        out[off + 1] = -C1 * y;
        out[off + 2] = C1 * z;
        out[off + 3] = -C1 * x;
        if (degree < 2) return;
        double xx = x * x, yy = y * y, zz = z * z;
        out[off + 4] = C2A * x * y;
        out[off + 5] = -C2A * y * z;
        out[off + 6] = C2B * (2 * zz - xx - yy);
        out[off + 7] = -C2A * x * z;
        out[off + 8] = C2C * (xx - yy);
        if (degree < 3) return;
        out[off + 9] = -C3A * y * (3 * xx - yy);
        out[off + 10] = C3B * x * y * z;
        out[off + 11] = -C3C * y * (4 * zz - xx - yy);
        out[off + 12] = C3D * z * (2 * zz - 3 * xx - 3 * yy);
        out[off + 13] = -C3C * x * (4 * zz - xx - yy);
        out[off + 14] = C3E * z * (xx - yy);
        out[off + 15] = -C3A * x * (xx - 3 * yy);
    }

    /**
     * The same polynomials as GLSL source: {@code void shBasis(vec3 d, out float y[count])} for {@code degree}
     * (constants printed with nine significant digits).
     */
    public static String glsl(int degree) {
        int n = count(degree);
        StringBuilder sb = new StringBuilder("void shBasis(vec3 d, out float y[" + n + "]) {\n");
        sb.append("  float x = d.x, yv = d.y, z = d.z, xx = x * x, yy = yv * yv, zz = z * z;\n");
        String[] terms = {
                g(C0),
                "-" + g(C1) + " * yv", g(C1) + " * z", "-" + g(C1) + " * x",
                g(C2A) + " * x * yv", "-" + g(C2A) + " * yv * z", g(C2B) + " * (2.0 * zz - xx - yy)", "-" + g(C2A) + " * x * z", g(C2C) + " * (xx - yy)",
                "-" + g(C3A) + " * yv * (3.0 * xx - yy)", g(C3B) + " * x * yv * z", "-" + g(C3C) + " * yv * (4.0 * zz - xx - yy)",
                g(C3D) + " * z * (2.0 * zz - 3.0 * xx - 3.0 * yy)", "-" + g(C3C) + " * x * (4.0 * zz - xx - yy)", g(C3E) + " * z * (xx - yy)",
                "-" + g(C3A) + " * x * (xx - 3.0 * yy)"};
        for (int k = 0; k < n; k++) sb.append("  y[").append(k).append("] = ").append(terms[k]).append(";\n");
        return sb.append("}\n").toString();
    }

    private static String g(double v) { return String.format(java.util.Locale.ROOT, "%.9f", v); }
}
