package dev.fields.io.ct;

import dev.fields.io.UserError;
import dev.fields.io.array.NpyReader;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.plugin.DICOM;
import ij.process.ImageProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a slice to project, telling the format by its first bytes: PNG or JPEG ({@link Images}, greyscale, scaled to
 * [0, 1]), a 32/64-bit float TIFF, a 2-D {@code .npy} array, or a DICOM file (the "DICM" marker at byte 128, or a
 * {@code .dcm} name) read with ImageJ's reader, headless. DICOM values go through ImageJ's calibration, which undoes
 * its storage of signed 16-bit pixels as unsigned + 32768 and applies the file's rescale slope and intercept; the
 * pixel spacing comes with them. Colour images, stacks, and non-finite values are refused in one line.
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
        DICOM d = new DICOM();
        d.open(path.toString());
        ImageProcessor ip = d.getProcessor();
        if (ip == null || d.getWidth() < 1)
            throw new UserError("ImageJ cannot read DICOM " + path + " (not DICOM, or a compressed transfer syntax it does not decode)"
                    + " — give an uncompressed DICOM slice (e.g. gdcmconv --raw IN OUT)");
        if (d.getStackSize() != 1)
            throw new UserError("DICOM " + path + " holds " + d.getStackSize() + " frames — give a single-frame slice");
        if (d.getType() == ImagePlus.COLOR_RGB || d.getType() == ImagePlus.COLOR_256)
            throw new UserError("DICOM " + path + " is a colour image — give a greyscale (monochrome) slice");
        int w = d.getWidth(), h = d.getHeight();
        float[] data = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) data[y * w + x] = ip.getPixelValue(x, y);
        Calibration cal = d.getCalibration();
        double size = Double.NaN;
        String unit = "";
        if (cal.scaled()) {
            if (Math.abs(cal.pixelWidth - cal.pixelHeight) > 1e-9 * cal.pixelWidth)
                throw new UserError("DICOM " + path + " has non-square pixels (" + cal.pixelWidth + " × " + cal.pixelHeight + " " + cal.getUnit()
                        + ") — resample it to square pixels first");
            size = cal.pixelWidth;
            unit = cal.getUnit();
        }
        return new Slice(w, h, data, size, unit);
    }
}
