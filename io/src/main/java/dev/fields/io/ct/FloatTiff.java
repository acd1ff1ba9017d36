package dev.fields.io.ct;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.io.image.ImageDecoding;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A single-page, single-channel float TIFF, row 0 first: read (32- or 64-bit samples, any compression TwelveMonkeys'
 * TIFF plugin decodes) and written (32-bit IEEE samples).
 *
 * <p>The writer is our own, because TwelveMonkeys' TIFF writer (3.14) refuses float rasters ("Not implemented for data
 * type: 4") although its provider claims it can encode them. It writes a minimal baseline file: little-endian header,
 * one IFD of 14 tags in ascending order (ImageWidth, ImageLength, BitsPerSample 32, Compression 1 = none,
 * PhotometricInterpretation 1 = BlackIsZero, StripOffsets, SamplesPerPixel 1, RowsPerStrip, StripByteCounts,
 * XResolution and YResolution 1/1, PlanarConfiguration 1, ResolutionUnit 1 = none, SampleFormat 3 = IEEE float), the
 * values the IFD points to, then the samples uncompressed in strips of at most {@value #STRIP_BYTES} bytes (at least
 * one row), starting at a multiple of 16 bytes.
 */
public record FloatTiff(int width, int height, float[] data) {
    /** Upper bound of a strip's size in bytes (a strip holds at least one row). */
    static final int STRIP_BYTES = 1 << 16;

    private static final short SHORT = 3, LONG = 4, RATIONAL = 5;

    public FloatTiff {
        if (width < 1 || height < 1) throw new IllegalArgumentException("a TIFF needs at least 1 × 1 pixels, got " + width + " × " + height);
        if (data.length != (long) width * height) throw new IllegalArgumentException(data.length + " values are not " + width + " × " + height);
    }

    /** Writes {@code data} ({@code height} rows of {@code width} values, row 0 at the top) as a float32 TIFF, atomically. */
    public static void write(Path target, float[] data, int width, int height) {
        byte[] bytes = toBytes(data, width, height);
        AtomicFiles.writeBytes(target, bytes);
    }

    /** The whole file's bytes, in strips of at most {@link #STRIP_BYTES}. */
    public static byte[] toBytes(float[] data, int width, int height) {
        return toBytes(data, width, height, Math.max(1, Math.min(height, STRIP_BYTES / (4 * width))));
    }

    /** The whole file's bytes with {@code rowsPerStrip} rows in every strip but the last. */
    static byte[] toBytes(float[] data, int width, int height, int rowsPerStrip) {
        new FloatTiff(width, height, data); // checks the size
        if (rowsPerStrip < 1 || rowsPerStrip > height) throw new IllegalArgumentException("rows per strip must be in [1, " + height + "], got " + rowsPerStrip);
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip, tags = 14;
        int ifd = 8, ifdEnd = ifd + 2 + 12 * tags + 4;
        int xRes = ifdEnd, yRes = xRes + 8, offsets = yRes + 8, counts = offsets + (strips > 1 ? 4 * strips : 0);
        int extraEnd = counts + (strips > 1 ? 4 * strips : 0);
        int start = (extraEnd + 15) & ~15;
        long size = start + 4L * data.length;
        if (size > 0xFFFF_FFFFL || size > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("a " + width + " × " + height + " float TIFF exceeds the 4 GiB a baseline TIFF can address");
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) tags);
        entry(b, 256, LONG, 1, width);
        entry(b, 257, LONG, 1, height);
        entry(b, 258, SHORT, 1, 32);
        entry(b, 259, SHORT, 1, 1);
        entry(b, 262, SHORT, 1, 1);
        entry(b, 273, LONG, strips, strips > 1 ? offsets : start);
        entry(b, 277, SHORT, 1, 1);
        entry(b, 278, LONG, 1, rowsPerStrip);
        entry(b, 279, LONG, strips, strips > 1 ? counts : 4 * width * height);
        entry(b, 282, RATIONAL, 1, xRes);
        entry(b, 283, RATIONAL, 1, yRes);
        entry(b, 284, SHORT, 1, 1);
        entry(b, 296, SHORT, 1, 1);
        entry(b, 339, SHORT, 1, 3);
        b.putInt(0); // no next IFD
        b.putInt(1).putInt(1).putInt(1).putInt(1);
        if (strips > 1) {
            for (int s = 0; s < strips; s++) b.putInt(start + 4 * width * rowsPerStrip * s);
            for (int s = 0; s < strips; s++) b.putInt(4 * width * (Math.min(height, (s + 1) * rowsPerStrip) - s * rowsPerStrip));
        }
        b.position(start);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    /** One IFD entry; a single SHORT sits in the value field's first two bytes, as TIFF stores left-justified values. */
    private static void entry(ByteBuffer b, int tag, short type, int count, int value) {
        b.putShort((short) tag).putShort(type).putInt(count);
        if (type == SHORT && count == 1) b.putShort((short) value).putShort((short) 0);
        else b.putInt(value);
    }

    static FloatTiff read(Path path) {
        ImageReader reader = new TIFFImageReaderSpi().createReaderInstance(null);
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) throw new UserError("cannot open " + path + " — check that the file is readable");
            reader.setInput(in, false, true);
            int pages = reader.getNumImages(true);
            if (pages != 1) throw new UserError("TIFF " + path + " has " + pages + " pages — give a single 2-D image (one page)");
            checkSize(path, reader);
            Raster r = reader.readRaster(0, null);
            int type = r.getDataBuffer().getDataType();
            if (r.getNumBands() != 1)
                throw new UserError("TIFF " + path + " has " + r.getNumBands() + " channels — give a single-channel (greyscale) float32 TIFF");
            if (type != DataBuffer.TYPE_FLOAT && type != DataBuffer.TYPE_DOUBLE)
                throw new UserError("TIFF " + path + " holds " + r.getSampleModel().getSampleSize(0) + "-bit integer samples, expected 32-bit float"
                        + " — save it as float32 (Python: tifffile.imwrite(path, a.astype(np.float32)))");
            int w = r.getWidth(), h = r.getHeight();
            float[] data = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, new float[w * h]);
            return new FloatTiff(w, h, data);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) throw u;
            throw new UserError("cannot decode TIFF " + path + " (" + firstLine(e) + ") — " + FIX, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The raster the header describes, checked against the file before it is allocated: uncompressed pixels must lie
     * in the file; compressed ones may expand at most {@link #MAX_EXPANSION} times; so must each tile (the plugin
     * allocates a tile's row before it reads it). Compressions other than deflate, LZW and PackBits are refused.
     */
    private static void checkSize(Path path, ImageReader reader) throws IOException {
        // the plugin allocates arrays of SamplesPerPixel entries to work out the pixel layout: checked before it does
        String samples = nativeValue(reader, 277);
        if (samples != null && !samples.equals("1"))
            throw new UserError("TIFF " + path + " has " + samples + " samples per pixel — give a single-channel (greyscale) float32 TIFF");
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) throw new UserError("TIFF " + path + " has a pixel layout the TIFF reader does not know — " + FIX);
        String compression = compression(reader);
        if (!COMPRESSIONS.contains(compression))
            throw new UserError("TIFF " + path + " is compressed with " + compression + ", not none, deflate, LZW or PackBits — " + FIX);
        long expansion = compression.equals("None") ? 1 : MAX_EXPANSION, bytes = ImageDecoding.bytesPerPixel(type), size = Files.size(path);
        String what = "TIFF " + path;
        ImageDecoding.checkSize(what, reader.getWidth(0), reader.getHeight(0), bytes, ImageDecoding.bands(type), size, expansion, FIX);
        if (reader.isImageTiled(0)) {
            long tw = reader.getTileWidth(0), th = reader.getTileHeight(0);
            if (tw < 1 || th < 1 || (double) tw * th * bytes > (double) size * expansion)
                throw new UserError("cannot decode " + what + ": its tiles of " + tw + " × " + th + " pixels need more bytes than a file of " + size
                        + " bytes can hold (a corrupt header) — " + FIX);
        }
    }

    private static final java.util.Set<String> COMPRESSIONS = java.util.Set.of("None", "ZLib", "Deflate", "LZW", "PackBits");

    /** The first value of a tag of image 0 as the plugin read it (its native metadata tree), or null when absent. */
    private static String nativeValue(ImageReader reader, int tag) throws IOException {
        var metadata = reader.getImageMetadata(0);
        Node root = metadata.getAsTree(metadata.getNativeMetadataFormatName());
        for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling())
            for (Node f = ifd.getFirstChild(); f != null; f = f.getNextSibling()) {
                Node number = f.getAttributes() == null ? null : f.getAttributes().getNamedItem("number");
                if (number == null || !number.getNodeValue().equals(String.valueOf(tag))) continue;
                for (Node list = f.getFirstChild(); list != null; list = list.getNextSibling())
                    for (Node v = list.getFirstChild(); v != null; v = v.getNextSibling())
                        if (v.getAttributes() != null && v.getAttributes().getNamedItem("value") != null)
                            return v.getAttributes().getNamedItem("value").getNodeValue();
            }
        return null;
    }

    /** The compression's name in the standard metadata tree ("None", "ZLib", "LZW", ...). */
    private static String compression(ImageReader reader) throws IOException {
        Node root = reader.getImageMetadata(0).getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling())
            if (n.getNodeName().equals("Compression"))
                for (Node k = n.getFirstChild(); k != null; k = k.getNextSibling())
                    if (k.getNodeName().equals("CompressionTypeName") && k.getAttributes().getNamedItem("value") != null)
                        return k.getAttributes().getNamedItem("value").getNodeValue();
        return "an unknown method";
    }

    /** Deflate expands at most 1032:1, LZW about 1365:1 and PackBits 64:1. */
    static final long MAX_EXPANSION = 1400;
    private static final String FIX = "give an uncompressed or deflate-compressed float32 TIFF";

    static String firstLine(Throwable e) { return ImageDecoding.firstLine(e); }
}
