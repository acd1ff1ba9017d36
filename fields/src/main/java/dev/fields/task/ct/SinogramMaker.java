package dev.fields.task.ct;

import dev.fields.ct.Noise;
import dev.fields.ct.Phantom;
import dev.fields.ct.SystemMatrix;
import dev.fields.io.UserError;
import dev.fields.io.ct.Geometry;
import dev.fields.io.ct.GeometryFile;
import dev.fields.io.ct.Scan;
import dev.fields.io.ct.Sinogram;
import dev.fields.io.ct.Slice;
import dev.fields.io.ct.Slices;

import java.nio.file.Path;

/**
 * Simulates the sinogram a scan of a geometry file would measure: a slice on the geometry's reconstruction grid
 * projected by the geometry's ray-driven {@link SystemMatrix} (the projector fit-ct's SIRT and matrix-form field use),
 * or a phantom's exact analytic line integrals (the phantom lives on [−1, 1]² in the geometry's length unit); then
 * noise ({@link Noise}, seeded). The result is in the geometry file's own convention ({@link Scan#asWritten}), so the
 * file it is written to loads with the same geometry file and gives these projections back.
 */
public final class SinogramMaker {
    private SinogramMaker() {}

    /**
     * What was made.
     *
     * @param sinogram the values as the geometry file's convention stores them, views × detectors
     * @param geometry the scan in {@link Geometry}'s convention
     * @param source   what was projected, for messages
     */
    public record Made(Sinogram sinogram, Geometry geometry, String source) {}

    /** Projects the slice in {@code image} (PNG/JPEG, float TIFF, .npy or DICOM), which must be gridSize² of the geometry. */
    public static Made fromImage(Path image, Path geometryFile, Noise noise, long seed) {
        GeometryFile file = GeometryFile.read(geometryFile);
        Geometry g = file.geometry();
        Slice s = Slices.read(image);
        int n = g.gridSize();
        if (s.width() != n || s.height() != n)
            throw new UserError("image " + image + " is " + s.width() + "×" + s.height() + " pixels, but the reconstruction grid of " + geometryFile
                    + " is " + n + "×" + n + (s.width() == s.height()
                    ? " — set \"grid_size\": " + s.width() + " (and \"pixel_size\" to the slice's pixel side) in the geometry file, or resample the image to " + n + "×" + n
                    : " — crop or pad the image to a square " + n + "×" + n));
        float[] p = new float[g.views() * g.detectors()];
        SystemMatrix.of(g).forward(s.data(), p);
        return made(file, g, noise.apply(p, seed), image + " (" + n + "×" + n + ")");
    }

    /** A phantom's ({@code shepp-logan} or {@code random:SEED}) exact sinogram in the scan of {@code geometryFile}. */
    public static Made fromPhantom(String phantom, Path geometryFile, Noise noise, long seed) {
        Phantom p = Phantom.parse(phantom);
        GeometryFile file = GeometryFile.read(geometryFile);
        Geometry g = file.geometry();
        return made(file, g, noise.apply(p.sinogram(g), seed), phantom + " phantom (exact line integrals)");
    }

    private static Made made(GeometryFile file, Geometry g, float[] projections, String source) {
        return new Made(Scan.asWritten(new Sinogram(g.views(), g.detectors(), projections), file), g, source);
    }
}
