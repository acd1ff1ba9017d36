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

    /**
     * Where the line {@code x cosθ + y sinθ = t} crosses the ellipse, as the interval of its arc-length coordinate u
     * (the line's points are {@code t·(cosθ, sinθ) + u·(−sinθ, cosθ)}): {@code {u0, u1}} with u0 &lt; u1, or null when
     * the line misses it or only touches it. With {@code τ} and {@code a²(θ)} as in {@link #project}, the chord has
     * length {@code 2|ab|√(a²(θ) − τ²)/a²(θ)} (so density × length is the projection) and is centred on the foot of
     * the centre's perpendicular shifted by {@code −τ (a² − b²) sin(θ−φ) cos(θ−φ) / a²(θ)}.
     */
    public double[] chord(double t, double theta) {
        if (a == 0 || b == 0) return null;
        double c = Math.cos(theta - phi), s = Math.sin(theta - phi);
        double a2 = a * a * c * c + b * b * s * s;
        double tau = t - (x0 * Math.cos(theta) + y0 * Math.sin(theta));
        double d = a2 - tau * tau;
        if (d <= 0) return null;
        double half = Math.abs(a * b) * Math.sqrt(d) / a2;
        double mid = -x0 * Math.sin(theta) + y0 * Math.cos(theta) - tau * (a * a - b * b) * s * c / a2;
        return new double[]{mid - half, mid + half};
    }
}
