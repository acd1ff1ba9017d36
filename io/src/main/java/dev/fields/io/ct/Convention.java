package dev.fields.io.ct;

import dev.fields.io.UserError;

/**
 * How a toolkit numbers a 2-D scan, and its exact translation into {@link Geometry} (the product's one convention:
 * parallel rays {@code x cosθ + y sinθ = s}, fan source at {@code R (cosθ, sinθ)}, detector coordinate
 * {@code (j − (n − 1)/2) · spacing + offset}, y up, grid centred on the rotation axis). Angles reach this class in
 * radians; the geometry file's {@code angle_unit} has already been applied.
 *
 * <ul>
 *   <li>{@link #FIELDS}: the geometry file is in {@link Geometry}'s convention; nothing changes.</li>
 *   <li>{@link #ASTRA}: the ASTRA Toolbox's 2-D {@code parallel} and {@code fanflat} geometries, as its documentation
 *       writes them in vector form ({@code astra.geom_2vec}): a parallel view θ has ray direction (sin θ, −cos θ),
 *       detector centre at the origin and detector axis (cos θ, sin θ), so it measures our line (θ, s) with the same
 *       detector coordinate; a fanflat view θ has its source at {@code source_origin · (sin θ, −cos θ)}, the detector
 *       centre at {@code origin_det · (−sin θ, cos θ)} and the same detector axis, which is our fan view θ − π/2 with
 *       {@code source_detector = source_origin + origin_det}. ASTRA's element i sits at {@code (i − n/2 + 1/2) · width}
 *       from the detector centre, ours at {@code (i − (n − 1)/2) · spacing}: the same. Its volume has row 0 at the
 *       largest y and column 0 at the smallest x, centred on the origin, as ours. Sinograms are views × detectors.</li>
 *   <li>{@link #SKIMAGE}: scikit-image's {@code radon(image, theta)}: theta in degrees; the rotation axis at image pixel
 *       {@code (n//2, n//2)} and at detector index {@code detectors//2}; each view sums the image, rotated by the
 *       inverse map {@code (c', r') = R(θ)(c − n//2, r − n//2)} with {@code R = [[cos θ, sin θ], [−sin θ, cos θ]]},
 *       over rows. Pixel (r, c) lies at {@code x = c − n//2, y = n//2 − r}, so output column k of view θ is the line
 *       {@code x cosθ + y sinθ = (k − detectors//2)} (pixels): our (θ, s) with the detector centre moved from index
 *       (n − 1)/2 to n//2, i.e. {@code offset −spacing/2} for an even detector count. Its sums count lengths in pixels,
 *       so values are multiplied by the pixel size to become line integrals in the geometry's length unit. The file is
 *       detectors × views (read it transposed). Parallel beam only. For an even grid, skimage's image is centred on
 *       pixel n//2, ours between pixels: a reconstruction on our grid is sampled half a pixel right and down of
 *       skimage's pixel centres (the object itself is in the same place).</li>
 * </ul>
 * No convention runs its detector axis against ours, so {@link #reversesDetectors()} is false for all three; a file
 * whose detector order is reversed says so with {@code flip_detectors}.
 */
public enum Convention {
    FIELDS, ASTRA, SKIMAGE;

    /** The name a geometry file uses. */
    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }

    /** True if this toolkit's detector index runs against {@link Geometry}'s detector coordinate. */
    public boolean reversesDetectors() { return false; }

    /** What a sinogram value of this toolkit is multiplied by to become a line integral in the geometry's length unit. */
    public double valueScale(double pixelSize) { return this == SKIMAGE ? pixelSize : 1; }

    /**
     * The scan in {@link Geometry}'s convention.
     *
     * @param angles         this toolkit's view angles in radians
     * @param detectorOffset this toolkit's detector-centre offset (added to its own detector coordinate)
     * @param sourceOrigin   source-to-rotation-centre distance (fan only)
     * @param sourceDetector source-to-detector distance (fan only)
     */
    public Geometry geometry(Geometry.Beam beam, double[] angles, int detectors, double detectorSpacing, double detectorOffset,
                             double sourceOrigin, double sourceDetector, int gridSize, double pixelSize) {
        double[] theta = angles.clone();
        double offset = detectorOffset;
        switch (this) {
            case FIELDS -> { }
            case ASTRA -> {
                if (beam == Geometry.Beam.FAN) for (int k = 0; k < theta.length; k++) theta[k] -= Math.PI / 2;
            }
            case SKIMAGE -> {
                if (beam == Geometry.Beam.FAN)
                    throw new UserError("geometry: the skimage convention has no fan beam (scikit-image's radon is parallel-beam)"
                            + " — use \"convention\": \"astra\" or \"fields\" for a fan-beam scan");
                offset += ((detectors - 1) / 2.0 - detectors / 2) * detectorSpacing;
            }
        }
        return new Geometry(beam, theta, detectors, detectorSpacing, offset,
                beam == Geometry.Beam.FAN ? sourceOrigin : 0, beam == Geometry.Beam.FAN ? sourceDetector : 0, gridSize, pixelSize);
    }
}
