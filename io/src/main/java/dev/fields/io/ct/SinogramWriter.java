package dev.fields.io.ct;

import dev.fields.io.UserError;
import dev.fields.io.array.NpyWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a sinogram as float32, atomically, in one of the layouts {@link SinogramReader} reads back: a {@code .npy}
 * array, or a {@code .tif}/{@code .tiff} float TIFF ({@link FloatTiff}); views × detectors, or detectors × views
 * when {@code transposed} (the layout scikit-image's {@code radon} writes).
 */
public final class SinogramWriter {
    private SinogramWriter() {}

    /** Refuses a target that is a directory or has no sinogram file name ending, before any work is done. */
    public static void checkTarget(Path target) {
        if (Files.isDirectory(target)) throw new UserError(target + " is a directory — give a file name ending in .npy or .tiff");
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".npy") && !name.endsWith(".tif") && !name.endsWith(".tiff"))
            throw new UserError("cannot tell the format of " + target + " — name the sinogram file .npy (NumPy) or .tiff (32-bit float TIFF)");
    }

    public static void write(Path target, Sinogram s, boolean transposed) {
        checkTarget(target);
        Sinogram file = transposed ? s.transposed() : s;
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) NpyWriter.write(target, file.data(), file.views(), file.detectors());
        else FloatTiff.write(target, file.data(), file.detectors(), file.views());
    }
}
