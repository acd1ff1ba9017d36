package dev.fields.ct;

/**
 * A filled ellipse of constant density in the plane (x right, y up): it contains (x, y) when
 * {@code ((x−x0)cosφ + (y−y0)sinφ)²/a² + (−(x−x0)sinφ + (y−y0)cosφ)²/b² ≤ 1}. Only a² and b² enter, so a negative
 * semi-axis describes the same ellipse as its absolute value (random phantoms produce such entries); a zero semi-axis
 * is an empty ellipse.
 *
 * @param density the value added inside (A)
 * @param phi rotation of the a axis from +x, counter-clockwise, in radians
 */
public record Ellipse(double density, double a, double b, double x0, double y0, double phi) {
    public Ellipse {
        for (double v : new double[]{density, a, b, x0, y0, phi})
            if (!Double.isFinite(v)) throw new IllegalArgumentException("ellipse entries must be finite, got " + v);
    }

    /** True when (x, y) lies inside or on the ellipse. */
    public boolean contains(double x, double y) {
        if (a == 0 || b == 0) return false;
        double c = Math.cos(phi), s = Math.sin(phi), dx = x - x0, dy = y - y0;
        double u = dx * c + dy * s, v = -dx * s + dy * c;
        return u * u / (a * a) + v * v / (b * b) <= 1;
    }

    /** ∫∫ of the density: {@code A π |a b|}. */
    public double mass() { return density * Math.PI * Math.abs(a * b); }

    /**
     * The exact parallel projection {@code p(t, θ) = ∫∫ f δ(x cosθ + y sinθ − t)}: with
     * {@code a²(θ) = a² cos²(θ−φ) + b² sin²(θ−φ)} and {@code τ = t − (x0 cosθ + y0 sinθ)} it is
     * {@code 2 A |a b| √(a²(θ) − τ²) / a²(θ)} where τ² &lt; a²(θ), else 0 (Kak &amp; Slaney, ch. 3, eq. 3.22).
     */
    public double project(double t, double theta) {
        double c = Math.cos(theta - phi), s = Math.sin(theta - phi);
        double a2 = a * a * c * c + b * b * s * s;
        double tau = t - (x0 * Math.cos(theta) + y0 * Math.sin(theta));
        double d = a2 - tau * tau;
        return d > 0 ? 2 * density * Math.abs(a * b) * Math.sqrt(d) / a2 : 0;
    }
}
