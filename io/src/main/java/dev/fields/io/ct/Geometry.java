package dev.fields.io.ct;

/**
 * A 2-D CT scan geometry in the product's one convention; every sinogram file's convention ({@code astra},
 * {@code skimage}) is converted into this when it is read, and every consumer (projectors, FBP, SIRT, the field's
 * ray layer) reads only this.
 *
 * <p>World coordinates: x to the right, y up, lengths in the geometry's one unit, the rotation centre at the origin.
 * <ul>
 *   <li>{@link Beam#PARALLEL}: view k at angle θ_k measures the line integrals along the lines
 *       {@code x cosθ + y sinθ = s} (ray direction (−sinθ, cosθ)) at detector coordinates
 *       {@code s_j = (j − (detectors − 1) / 2) · detectorSpacing + detectorOffset}, j = 0 .. detectors−1.</li>
 *   <li>{@link Beam#FAN} (flat detector): the source sits at {@code sourceOrigin · (cosθ, sinθ)}; the detector is the
 *       line at distance {@code sourceDetector} from the source, perpendicular to the central ray (which passes
 *       through the origin), with detector coordinate u_j (same formula as s_j) measured along (−sinθ, cosθ).</li>
 * </ul>
 * The reconstruction grid is {@code gridSize × gridSize} pixels of side {@code pixelSize}, centred on the origin,
 * row 0 at the top (largest y), column 0 at the left; pixel (r, c) has its centre at
 * {@code x = (c − (gridSize − 1) / 2) · pixelSize}, {@code y = ((gridSize − 1) / 2 − r) · pixelSize}.
 * Sinograms are views × detectors, row-major.
 *
 * @param angles view angles θ_k in radians (this convention's), any order
 * @param sourceOrigin source-to-rotation-centre distance (fan only; 0 for parallel)
 * @param sourceDetector source-to-detector distance (fan only; 0 for parallel)
 */
public record Geometry(Beam beam, double[] angles, int detectors, double detectorSpacing, double detectorOffset,
                       double sourceOrigin, double sourceDetector, int gridSize, double pixelSize) {
    /** Beam shape. */
    public enum Beam { PARALLEL, FAN }

    public Geometry {
        if (beam == null) throw new IllegalArgumentException("geometry needs a beam (parallel or fan)");
        if (angles == null || angles.length == 0) throw new IllegalArgumentException("geometry needs at least one view angle");
        angles = angles.clone();
        for (double a : angles) if (!Double.isFinite(a)) throw new IllegalArgumentException("view angles must be finite, got " + a);
        if (detectors < 1) throw new IllegalArgumentException("geometry needs at least one detector, got " + detectors);
        if (!(detectorSpacing > 0)) throw new IllegalArgumentException("detector spacing must be > 0, got " + detectorSpacing);
        if (!Double.isFinite(detectorOffset)) throw new IllegalArgumentException("detector offset must be finite");
        if (gridSize < 1) throw new IllegalArgumentException("grid size must be >= 1, got " + gridSize);
        if (!(pixelSize > 0)) throw new IllegalArgumentException("pixel size must be > 0, got " + pixelSize);
        if (beam == Beam.FAN && !(sourceOrigin > 0 && sourceDetector > sourceOrigin))
            throw new IllegalArgumentException("fan beam needs 0 < source-origin distance < source-detector distance, got "
                    + sourceOrigin + " and " + sourceDetector);
    }

    @Override public double[] angles() { return angles.clone(); }

    public int views() { return angles.length; }

    /** Detector coordinate of bin j (s for parallel beams, u on the flat detector for fan beams). */
    public double detector(int j) { return (j - (detectors - 1) / 2.0) * detectorSpacing + detectorOffset; }

    /** Half the side of the reconstruction grid: the field's box is [−halfWidth, halfWidth]². */
    public double halfWidth() { return gridSize * pixelSize / 2; }

    @Override public boolean equals(Object o) {
        return o instanceof Geometry g && beam == g.beam && java.util.Arrays.equals(angles, g.angles) && detectors == g.detectors
                && detectorSpacing == g.detectorSpacing && detectorOffset == g.detectorOffset && sourceOrigin == g.sourceOrigin
                && sourceDetector == g.sourceDetector && gridSize == g.gridSize && pixelSize == g.pixelSize;
    }

    @Override public int hashCode() { return java.util.Arrays.hashCode(angles) * 31 + beam.hashCode() + detectors; }

    @Override public String toString() {
        return beam + " geometry, " + angles.length + " views, " + detectors + " detectors of " + detectorSpacing
                + (beam == Beam.FAN ? ", source-origin " + sourceOrigin + ", source-detector " + sourceDetector : "")
                + ", grid " + gridSize + "² of " + pixelSize;
    }
}
