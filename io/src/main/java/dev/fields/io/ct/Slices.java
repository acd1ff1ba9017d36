package dev.fields.io.ct;

import dev.fields.io.UserError;
import dev.fields.io.array.NpyReader;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a slice to project, telling the format by its first bytes: PNG or JPEG ({@link Images}, greyscale, scaled to
 * [0, 1]), a 32/64-bit float TIFF, a 2-D {@code .npy} array, or a DICOM file (the "DICM" marker at byte 128, or a
 * {@code .dcm} name) read with ImageJ's reader, headless, once {@link DicomLayout} has checked its element lengths and
 * pixel block against the file, and fenced by {@link ImageJDicom} (time limit, every failure one line). DICOM values
 * are the stored ones (ImageJ keeps signed 16-bit pixels as unsigned + 32768; undone) times the file's rescale slope
 * plus its intercept; the pixel spacing comes from ImageJ's calibration. Colour images, stacks, and non-finite values
 * are refused in one line.
 */
public final class Slices {
    private Slices() {}

    public static Slice read(Path path) {
        if (!Files.exists(path)) throw new UserError("image not found: " + path + " — check the path");
        if (Files.isDirectory(path)) throw new UserError(path + " is a directory — give an image file (PNG, float TIFF, .npy or DICOM)");
        Slice s = switch (kind(path)) {
            case "npy" -> npy(path);
            case "tiff" -> { FloatTiff t = FloatTiff.read(path); yield new Slice(t.width(), t.height(), t.data(), Double.NaN, ""); }
            case "image" -> image(path);
            default -> dicom(path);
        };
        for (int i = 0; i < s.data().length; i++)
            if (!Float.isFinite(s.data()[i]))
                throw new UserError("image " + path + " has " + s.data()[i] + " at row " + i / s.width() + ", column " + i % s.width()
                        + "; every value must be finite — replace missing values (numpy: np.nan_to_num)");
        return s;
    }

    private static String kind(Path path) {
        return switch (FileType.of(path)) {
            case DICOM -> "dicom";
            case NPY -> "npy";
            case TIFF -> "tiff";
            case PNG, JPEG -> "image";
            case UNKNOWN -> {
                String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".dcm") || name.endsWith(".dicom")) yield "dicom";
                throw new UserError("cannot read " + path + ": it is neither PNG, JPEG, TIFF, .npy nor DICOM (by its first bytes)"
                        + " — convert the slice to a greyscale PNG, a float32 TIFF or a .npy array");
            }
        };
    }

    private static Slice npy(Path path) {
        NpyReader.Array a = NpyReader.read(path);
        if (a.dims() != 2 || a.dim(0) == 0 || a.dim(1) == 0)
            throw new UserError("image " + path + " has shape " + a.shapeText() + "; a slice is a non-empty 2-D array (rows × columns)"
                    + " — save one 2-D slice (numpy: np.save(path, a.squeeze()))");
        return new Slice(a.dim(1), a.dim(0), a.data(), Double.NaN, "");
    }

    private static Slice image(Path path) {
        FloatImage im = Images.read(path);
        if (im.channels() != 1)
            throw new UserError("image " + path + " has colour; a slice is greyscale — convert it to greyscale first (e.g. convert IN -colorspace Gray OUT.png)");
        return new Slice(im.width(), im.height(), im.data(), Double.NaN, "");
    }

    private static Slice dicom(Path path) {
        DicomLayout.Image layout = DicomLayout.of(path);
        if (layout.frames() > 1) throw new UserError("DICOM " + path + " holds " + layout.frames() + " frames — give a single-frame slice");
        if (layout.colour()) throw new UserError("DICOM " + path + " is a colour image — give a greyscale (monochrome) slice");
        ImageJDicom.Pixels p = ImageJDicom.read(path, layout, ImageJDicom.limitMillis(layout.offset() + layout.pixelBytes()));
        double size = Double.NaN;
        String unit = "";
        if (!Double.isNaN(p.pixelWidth())) {
            if (!(Math.abs(p.pixelWidth() - p.pixelHeight()) <= 1e-9 * Math.abs(p.pixelWidth())))
                throw new UserError("DICOM " + path + " has non-square pixels (" + p.pixelWidth() + " × " + p.pixelHeight() + " " + p.unit()
                        + ") — resample it to square pixels first");
            size = p.pixelWidth();
            unit = p.unit();
        }
        return new Slice(p.width(), p.height(), p.data(), size, unit);
    }
}
