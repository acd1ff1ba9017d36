package dev.fields.io.image;

import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads PNG (8/16-bit, grey or colour, with or without alpha) and JPEG into {@link FloatImage}; writes 8-bit PNG. */
public final class Images {
    private Images() {}

    /** Loads an image; grey stays one channel, colour becomes RGB (alpha dropped). Errors are {@link UserError}s. */
    public static FloatImage read(Path path) {
        if (!Files.exists(path)) throw new UserError("image not found: " + path + " (check the path)");
        if (Files.isDirectory(path)) throw new UserError(path + " is a directory, expected an image file (PNG or JPEG)");
        BufferedImage img = ImageDecoding.read(path, "image " + path, "give a valid PNG or JPEG");
        if (img == null) throw new UserError("cannot read " + path + ": not a PNG or JPEG image (empty or unknown format) — give a PNG or JPEG");
        if (img.getWidth() < 2 || img.getHeight() < 2)
            throw new UserError("image " + path + " is " + img.getWidth() + "x" + img.getHeight() + " pixels; need at least 2x2");
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        boolean grey = img.getColorModel().getColorSpace().getNumComponents() == 1;
        int channels = grey ? 1 : 3;
        int[] bits = img.getColorModel().getComponentSize();
        double max = (1L << bits[0]) - 1;
        if (img.getColorModel() instanceof java.awt.image.IndexColorModel || bands < channels) return fromRgb(img);
        FloatImage out = FloatImage.blank(img.getWidth(), img.getHeight(), channels);
        int[] px = new int[bands];
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                r.getPixel(x, y, px);
                for (int c = 0; c < channels; c++) out.set(x, y, c, (float) (px[c] / max));
            }
        return out;
    }

    private static FloatImage fromRgb(BufferedImage img) {
        FloatImage out = FloatImage.blank(img.getWidth(), img.getHeight(), 3);
        boolean grey = true;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) {
                int argb = img.getRGB(x, y);
                int rr = (argb >> 16) & 255, gg = (argb >> 8) & 255, bb = argb & 255;
                grey &= rr == gg && gg == bb;
                out.set(x, y, 0, rr / 255f);
                out.set(x, y, 1, gg / 255f);
                out.set(x, y, 2, bb / 255f);
            }
        if (!grey) return out;
        FloatImage g = FloatImage.blank(img.getWidth(), img.getHeight(), 1);
        for (int i = 0; i < g.data().length; i++) g.data()[i] = out.data()[3 * i];
        return g;
    }

    /** Converts to an 8-bit image (values clamped to [0, 1], rounded). */
    public static BufferedImage toBuffered(FloatImage im) {
        BufferedImage out = new BufferedImage(im.width(), im.height(), im.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        var r = out.getRaster();
        int[] px = new int[im.channels()];
        for (int y = 0; y < im.height(); y++)
            for (int x = 0; x < im.width(); x++) {
                for (int c = 0; c < im.channels(); c++) px[c] = to8(im.get(x, y, c));
                r.setPixel(x, y, px);
            }
        return out;
    }

    static int to8(float v) {
        float c = Float.isNaN(v) ? 0 : Math.max(0f, Math.min(1f, v));
        return Math.round(c * 255f);
    }

    /** Writes an 8-bit PNG atomically. */
    public static void writePng(Path path, FloatImage im) { writePng(path, toBuffered(im)); }

    /** Writes a PNG atomically. */
    public static void writePng(Path path, BufferedImage img) {
        AtomicFiles.write(path, out -> {
            if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer");
        });
    }
}
