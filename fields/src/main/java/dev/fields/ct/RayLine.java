package dev.fields.ct;

import dev.fields.io.ct.Geometry;

/**
 * A ray of a scan as the parallel-beam line {@code x cosθ + y sinθ = s} (see {@link Geometry}). A flat-detector fan
 * ray (source angle β, detector coordinate u) leaves the central ray by the fan angle γ = atan(u / D) and is the line
 * {@code (β + π/2 − γ, R sin γ)} (R source–origin, D source–detector); the line is taken whole, so an object must lie
 * inside the source circle for its projection to be the physical one.
 */
public record RayLine(double theta, double s) {
    /** The line of ray (view, detector) of {@code g}. */
    public static RayLine of(Geometry g, int view, int detector) {
        double angle = g.angles()[view], u = g.detector(detector);
        return g.beam() == Geometry.Beam.PARALLEL ? new RayLine(angle, u) : fan(angle, u, g.sourceOrigin(), g.sourceDetector());
    }

    /** The line of the fan ray at source angle {@code beta} and detector coordinate {@code u}. */
    public static RayLine fan(double beta, double u, double sourceOrigin, double sourceDetector) {
        double gamma = Math.atan2(u, sourceDetector);
        return new RayLine(beta + Math.PI / 2 - gamma, sourceOrigin * Math.sin(gamma));
    }
}
