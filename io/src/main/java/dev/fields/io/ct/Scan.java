package dev.fields.io.ct;

import dev.fields.io.UserError;

import java.nio.file.Path;

/** A sinogram with the geometry it was measured in, both in {@link Geometry}'s convention and of matching shape. */
public record Scan(Geometry geometry, Sinogram sinogram) {
    public Scan {
        if (sinogram.views() != geometry.views() || sinogram.detectors() != geometry.detectors())
            throw new IllegalArgumentException("sinogram is " + sinogram.views() + " × " + sinogram.detectors() + ", geometry "
                    + geometry.views() + " views × " + geometry.detectors() + " detectors");
    }

    /**
     * Reads a sinogram file and its geometry file, checks that they fit, and converts the data into {@link Geometry}'s
     * convention: detector order reversed where the file's convention (or {@code flip_detectors}) says so, values
     * multiplied by {@link Convention#valueScale}. This is the one place a file's orientation is corrected.
     *
     * @param transposed the sinogram file is detectors × views
     */
    public static Scan load(Path sinogramFile, Path geometryFile, boolean transposed) {
        GeometryFile file = GeometryFile.read(geometryFile);
        Geometry g = file.geometry();
        Sinogram s = SinogramReader.read(sinogramFile, transposed, file.pngScale());
        checkShape(sinogramFile, geometryFile, s, g, transposed);
        if (file.reversesDetectors()) s = s.reversedDetectors();
        return new Scan(g, s.scaled(file.conventionValue().valueScale(g.pixelSize())));
    }

    /**
     * The inverse of {@link #load}'s conversion: a sinogram in {@link Geometry}'s convention as {@code file}'s
     * convention stores it (values divided by {@link Convention#valueScale}, detector order reversed where
     * {@link GeometryFile#reversesDetectors} says so), so that loading it with {@code file} gives it back.
     */
    public static Sinogram asWritten(Sinogram s, GeometryFile file) {
        Geometry g = file.geometry();
        if (s.views() != g.views() || s.detectors() != g.detectors())
            throw new IllegalArgumentException("sinogram is " + s.views() + " × " + s.detectors() + ", the geometry " + g.views() + " × " + g.detectors());
        Sinogram out = s.scaled(1 / file.conventionValue().valueScale(g.pixelSize()));
        return file.reversesDetectors() ? out.reversedDetectors() : out;
    }

    static void checkShape(Path sinogramFile, Path geometryFile, Sinogram s, Geometry g, boolean transposed) {
        int v = s.views(), d = s.detectors();
        if (v == g.views() && d == g.detectors()) return;
        String read = "sinogram " + sinogramFile + " read as " + v + " views × " + d + " detectors";
        String wants = "geometry " + geometryFile + " has " + g.views() + " angles and " + g.detectors() + " detectors";
        if (v == g.detectors() && d == g.views())
            throw new UserError(read + (transposed ? " (transposed)" : "") + ", but " + wants + " — the file's rows and columns are the"
                    + " other way round: read it " + (transposed ? "without transposing" : "transposed (detectors × views, as scikit-image's radon writes)"));
        if (d == g.detectors())
            throw new UserError(read + ", but " + wants + ": the angle count does not match the views — list one angle per view"
                    + " (\"angles\" with " + v + " entries, or \"count\": " + v + ")");
        if (v == g.views())
            throw new UserError(read + ", but " + wants + ": the detector count does not match — set \"detectors\": " + d);
        throw new UserError(read + ", but " + wants + " — give the geometry file that belongs to this sinogram (views × detectors)");
    }
}
