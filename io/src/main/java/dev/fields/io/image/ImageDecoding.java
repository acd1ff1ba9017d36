package dev.fields.io.image;

import dev.fields.io.UserError;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Decodes image 0 of a file with ImageIO only after its header's size has been checked against the file: an image
 * whose pixels would take more bytes than the file could expand to ({@link #MAX_EXPANSION} times its length), or
 * more values than one Java array holds, is a one-line {@link UserError} before anything that size is allocated.
 * Whatever the decoder throws is one line as well.
 */
public final class ImageDecoding {
    private ImageDecoding() {}

    /**
     * The most a file's bytes can expand to when decoded: deflate (PNG, deflate TIFF) expands at most 1032:1, and
     * JPEG's entropy coding (at least two bits for each 8 × 8 block of each component) less.
     */
    public static final long MAX_EXPANSION = 1032;
    /** The most values one float array holds, as the readers copy pixels into one. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Checks that {@code width × height} pixels of {@code bytesPerPixel} bytes ({@code channels} values each) could
     * come from a file of {@code fileBytes} bytes expanding at most {@code expansion} times, and fit one array.
     *
     * @param what how messages name the file, e.g. {@code "PNG scan.png"}
     * @param fix  what the user should give instead
     */
    public static void checkSize(String what, long width, long height, long bytesPerPixel, int channels, long fileBytes, long expansion, String fix) {
        if (width < 1 || height < 1) throw new UserError("cannot decode " + what + ": its header says " + width + " × " + height + " pixels — " + fix);
        long pixels = width * height; // both below 2^32: no overflow
        if (pixels > MAX_VALUES / Math.max(1, channels))
            throw new UserError("cannot decode " + what + ": its header says " + width + " × " + height + " pixels, more than one image can hold"
                    + " (" + MAX_VALUES + " values) — " + fix);
        double need = (double) pixels * bytesPerPixel;
        if (need > (double) fileBytes * expansion)
            throw new UserError("cannot decode " + what + ": its header says " + width + " × " + height + " pixels (" + (long) need + " bytes),"
                    + " more than a file of " + fileBytes + " bytes can hold (a corrupt header) — " + fix);
    }

    /** Bytes one pixel of this type takes decoded (all bands). */
    public static long bytesPerPixel(ImageTypeSpecifier type) {
        SampleModel m = type.getSampleModel(1, 1);
        long bits = 0;
        for (int s : m.getSampleSize()) bits += s;
        return Math.max(1, (bits + 7) / 8);
    }

    /** Bands of this type. */
    public static int bands(ImageTypeSpecifier type) { return type.getSampleModel(1, 1).getNumBands(); }

    /**
     * Decodes image 0 of {@code path} with the first ImageIO reader that takes it, after {@link #checkSize}; null when
     * no reader takes it.
     */
    public static BufferedImage read(Path path, String what, String fix) {
        ImageReader reader = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) throw new UserError("cannot open " + what + " — check that the file is readable");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            reader = readers.next();
            reader.setInput(in, true, true);
            int w = reader.getWidth(0), h = reader.getHeight(0);
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                if (!types.hasNext()) throw new UserError("cannot decode " + what + ": no pixel layout for it — " + fix);
                type = types.next();
            }
            // the readers may copy a pixel into three float values: the array bound counts three
            checkSize(what, w, h, bytesPerPixel(type), Math.max(3, bands(type)), Files.size(path), MAX_EXPANSION, fix);
            return reader.read(0);
        } catch (UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot decode " + what + " (" + firstLine(e) + ") — " + fix, e);
        } finally {
            if (reader != null) reader.dispose();
        }
    }

    /** The first line of a throwable's message, or its class name when it has none. */
    public static String firstLine(Throwable e) {
        String m = e.getMessage();
        String line = String.valueOf(m == null ? "" : m).lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip().replaceAll("\\p{Cntrl}", "?");
        // a bare word ("IFD", "-8") says little without the exception's name
        return line.contains(" ") ? line : e.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
    }
}
