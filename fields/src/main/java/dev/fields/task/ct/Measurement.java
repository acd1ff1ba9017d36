package dev.fields.task.ct;

import dev.fields.ct.Noise;
import dev.fields.ct.Phantom;
import dev.fields.io.ct.Geometry;

/**
 * A CT measurement ready to reconstruct: the geometry, the sinogram (views × detectors, with noise if asked) and the
 * true slice when it is known ({@code gridSize²}, row 0 at the top), or null.
 */
public record Measurement(Geometry geometry, float[] sinogram, float[] truth, String description) {
    public Measurement {
        if (sinogram.length != geometry.views() * geometry.detectors())
            throw new IllegalArgumentException("sinogram of " + sinogram.length + " values for " + geometry.views() + " × " + geometry.detectors());
        if (truth != null && truth.length != geometry.gridSize() * geometry.gridSize())
            throw new IllegalArgumentException("truth of " + truth.length + " values for a " + geometry.gridSize() + "² grid");
    }

    /** Parallel beam, views kπ/n over [−1, 1]², n² pixels, ⌈n·√2⌉ + 4 detectors at pixel pitch (CT.md's protocol at 256: 367). */
    public static Geometry phantomGeometry(int views, int gridSize) {
        double[] angles = new double[views];
        for (int k = 0; k < views; k++) angles[k] = Math.PI * k / views;
        int detectors = (int) Math.ceil(gridSize * Math.sqrt(2)) + 4;
        if (detectors % 2 == 0) detectors++;
        double pixel = 2.0 / gridSize;
        return new Geometry(Geometry.Beam.PARALLEL, angles, detectors, pixel, 0, 0, 0, gridSize, pixel);
    }

    /** A phantom's exact analytic sinogram (plus noise) on {@code g}, and its 4×4-supersampled raster as the truth. */
    public static Measurement ofPhantom(String name, Geometry g, Noise noise, long seed) {
        Phantom p = Phantom.parse(name);
        float[] s = noise.apply(p.sinogram(g), seed);
        return new Measurement(g, s, p.rasterize(g, Phantom.SUPERSAMPLING), name + " phantom, exact sinogram" + (noise instanceof Noise.None ? "" : ", noise " + noise));
    }
}
