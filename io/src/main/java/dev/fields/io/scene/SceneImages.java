package dev.fields.io.scene;

import dev.fields.io.UserError;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.ImageDecoding;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The images of a scene: their sizes from the headers (nothing decoded) and their pixels as linear RGB composited
 * over a background. Values are the file's samples divided by their maximum (255 or 65535) with no gamma change: an
 * sRGB-encoded PNG stays sRGB-encoded, as NeRF's training and PSNR protocol take it. Grey images become three equal
 * channels; with an alpha channel each pixel becomes {@code rgb · α + background · (1 − α)} (premultiplied files:
 * {@code rgb + background · (1 − α)}).
 */
final class SceneImages {
    private SceneImages() {}

    static final String FIX = "give a PNG or JPEG image";

    /**
     * Width and height from the file's header, checked against what the file's size can hold
     * ({@link ImageDecoding#checkSize}), or a one-line {@link UserError}.
     */
    static int[] size(Path file, String where) {
        ImageReader reader = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new UserError(where + ": cannot open " + file + " — check that the image is readable");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new UserError(where + ": " + file + " is not a PNG or JPEG image — " + FIX);
            reader = readers.next();
            reader.setInput(in, true, true);
            int w = reader.getWidth(0), h = reader.getHeight(0);
            if (w < 1 || h < 1) throw new UserError(where + ": " + file + " says it is " + w + "×" + h + " pixels — " + FIX);
            javax.imageio.ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                Iterator<javax.imageio.ImageTypeSpecifier> types = reader.getImageTypes(0);
                if (types.hasNext()) type = types.next();
            }
            long bpp = type == null ? 1 : ImageDecoding.bytesPerPixel(type);
            ImageDecoding.checkSize(file + " of " + where, w, h, bpp, 3, Files.size(file), ImageDecoding.MAX_EXPANSION, FIX);
            return new int[]{w, h};
        } catch (UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserError(where + ": cannot read the header of " + file + " (" + ImageDecoding.firstLine(e) + ") — " + FIX, e);
        } finally {
            if (reader != null) reader.dispose();
        }
    }

    /** Decodes (after {@link ImageDecoding}'s size check against the file) and composites over {@code bg}. */
    static FloatImage rgb(Path file, String where, float[] bg, int width, int height) {
        BufferedImage img = ImageDecoding.read(file, "image " + file + " of " + where, FIX);
        if (img == null) throw new UserError(where + ": " + file + " is not a PNG or JPEG image — " + FIX);
        if (img.getWidth() != width || img.getHeight() != height)
            throw new UserError(where + ": " + file + " decodes to " + img.getWidth() + "×" + img.getHeight() + ", its header said " + width + "×" + height + " — " + FIX);
        FloatImage out = FloatImage.blank(width, height, 3);
        float[] d = out.data();
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel || cm.getNumComponents() > 4 || cm.getColorSpace().getNumComponents() != 1 && cm.getColorSpace().getNumComponents() != 3) {
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++) {
                    int argb = img.getRGB(x, y);
                    composite(d, 3 * (y * width + x), ((argb >> 16) & 255) / 255f, ((argb >> 8) & 255) / 255f, (argb & 255) / 255f,
                            ((argb >>> 24) & 255) / 255f, false, bg);
                }
            return out;
        }
        Raster r = img.getRaster();
        int colours = cm.getColorSpace().getNumComponents();
        boolean alpha = cm.hasAlpha(), pre = cm.isAlphaPremultiplied();
        int[] bits = cm.getComponentSize();
        double[] max = new double[bits.length];
        for (int i = 0; i < bits.length; i++) max[i] = (1L << bits[i]) - 1;
        int[] px = new int[r.getNumBands()];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) {
                r.getPixel(x, y, px);
                float cr = (float) (px[0] / max[0]);
                float cg = colours == 3 ? (float) (px[1] / max[1]) : cr, cb = colours == 3 ? (float) (px[2] / max[2]) : cr;
                float a = alpha ? (float) (px[colours] / max[colours]) : 1f;
                composite(d, 3 * (y * width + x), cr, cg, cb, a, pre, bg);
            }
        return out;
    }

    private static void composite(float[] d, int o, float r, float g, float b, float a, boolean premultiplied, float[] bg) {
        float k = premultiplied ? 1 : a, rest = 1 - a;
        d[o] = r * k + bg[0] * rest;
        d[o + 1] = g * k + bg[1] * rest;
        d[o + 2] = b * k + bg[2] * rest;
    }

    /** An image file's path from a frame's {@code file_path}: as given, or with .png, .jpg or .jpeg added when it has none. */
    static Path resolve(Path dir, String filePath, String where) {
        Path p;
        try {
            p = dir.resolve(filePath).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError(where + ": \"file_path\" is not a valid path (" + e.getReason() + ") — give the image file's path");
        }
        if (Files.isRegularFile(p)) return p;
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        boolean hasExt = lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
        if (!hasExt)
            for (String ext : new String[]{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}) {
                Path q = p.resolveSibling(n + ext);
                if (Files.isRegularFile(q)) return q;
            }
        throw new UserError(where + ": image not found: " + p + (hasExt ? "" : " (also tried .png, .jpg, .jpeg)")
                + " — check \"file_path\" (relative to the JSON file's folder)");
    }
}
