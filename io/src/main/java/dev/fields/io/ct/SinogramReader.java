package dev.fields.io.ct;

import dev.fields.io.UserError;
import dev.fields.io.array.NpyReader;
import dev.fields.io.image.ImageDecoding;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a sinogram file into a {@link Sinogram}, telling the format by its first bytes, not its name:
 * <ul>
 *   <li>{@code .npy}: a 2-D array of any type {@link NpyReader} reads (float32/float64, C or Fortran order);</li>
 *   <li>TIFF: one page, one channel, 32- or 64-bit float samples (TwelveMonkeys' reader);</li>
 *   <li>PNG: 16-bit greyscale, value = pixel / 65535 × {@code pngScale}.</li>
 * </ul>
 * The file's rows are views and its columns detector bins, unless {@code transposed} says it is detectors × views
 * (as scikit-image's {@code radon} writes). A NaN or infinite value is refused, naming the first one's place.
 */
public final class SinogramReader {
    private SinogramReader() {}

    /**
     * @param transposed the file's rows are detector bins and its columns views
     * @param pngScale   the value of a PNG pixel 65535 (required for PNG files, ignored otherwise); null when not given
     */
    public static Sinogram read(Path path, boolean transposed, Double pngScale) {
        if (!Files.exists(path)) throw new UserError("sinogram not found: " + path + " — check the path");
        if (Files.isDirectory(path)) throw new UserError(path + " is a directory — give a sinogram file (.npy, float TIFF or 16-bit PNG)");
        Plane plane = switch (format(path)) {
            case NPY -> npy(path);
            case TIFF -> { FloatTiff t = FloatTiff.read(path); yield new Plane(t.height(), t.width(), t.data()); }
            case PNG -> png(path, pngScale);
        };
        Sinogram file = new Sinogram(plane.rows, plane.cols, plane.data);
        for (int i = 0; i < plane.data.length; i++) {
            float v = plane.data[i];
            if (!Float.isFinite(v)) {
                int row = i / plane.cols, col = i % plane.cols;
                throw new UserError("sinogram " + path + " has " + v + " at row " + row + ", column " + col + " (view "
                        + (transposed ? col : row) + ", detector " + (transposed ? row : col) + "); every value must be finite"
                        + " — replace missing values (numpy: np.nan_to_num) or drop those views");
            }
        }
        return transposed ? file.transposed() : file;
    }

    private record Plane(int rows, int cols, float[] data) {}

    enum Format { NPY, TIFF, PNG }

    static Format format(Path path) {
        return switch (FileType.of(path)) {
            case NPY -> Format.NPY;
            case TIFF -> Format.TIFF;
            case PNG -> Format.PNG;
            case DICOM -> throw new UserError(path + " is a DICOM image, not a sinogram — make a sinogram from it first (a .npy, float TIFF or 16-bit PNG)");
            case JPEG, UNKNOWN -> throw new UserError("cannot read " + path + ": it is neither a .npy array, a TIFF nor a PNG (by its first bytes)"
                    + " — save the sinogram with numpy.save, as a float32 TIFF or as a 16-bit PNG");
        };
    }

    private static Plane npy(Path path) {
        NpyReader.Array a = NpyReader.read(path);
        if (a.dims() != 2)
            throw new UserError("sinogram " + path + " has shape " + a.shapeText() + "; a sinogram is 2-D (views × detectors)"
                    + " — save one 2-D slice (numpy: np.save(path, a.squeeze()))");
        if (a.dim(0) == 0 || a.dim(1) == 0) throw new UserError("sinogram " + path + " is empty (shape " + a.shapeText() + ") — give a non-empty array");
        return new Plane(a.dim(0), a.dim(1), a.data());
    }

    private static Plane png(Path path, Double scale) {
        BufferedImage img = ImageDecoding.read(path, "PNG " + path, "give a valid 16-bit greyscale PNG");
        if (img == null) throw new UserError("cannot decode PNG " + path + " — give a valid 16-bit greyscale PNG");
        Raster r = img.getRaster();
        int bits = r.getSampleModel().getSampleSize(0);
        if (r.getNumBands() != 1 || bits != 16 || img.getColorModel() instanceof java.awt.image.IndexColorModel)
            throw new UserError("PNG sinogram " + path + " is " + bits + "-bit with " + r.getNumBands() + " channel(s); a PNG sinogram must be"
                    + " 16-bit greyscale — save it as 16-bit grey, or as a float32 TIFF or .npy");
        if (scale == null)
            throw new UserError("PNG sinogram " + path + " needs \"png_scale\" in the geometry file (value = pixel / 65535 × png_scale)"
                    + " — add the value that pixel 65535 stands for");
        if (!(scale > 0) || !Double.isFinite(scale))
            throw new UserError("\"png_scale\" must be a positive number, got " + scale + " — give the value that pixel 65535 stands for");
        int w = r.getWidth(), h = r.getHeight();
        int[] px = r.getSamples(0, 0, w, h, 0, new int[w * h]);
        float[] data = new float[px.length];
        for (int i = 0; i < px.length; i++) data[i] = (float) (px[i] / 65535.0 * scale);
        return new Plane(h, w, data);
    }
}
