package dev.fields.io.ct;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
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
import java.nio.file.Path;

/**
 * A single-page, single-channel 32- or 64-bit float TIFF read with TwelveMonkeys' TIFF plugin, row 0 first. The
 * raster its header describes is checked against the file's length before it is read, and whatever the plugin throws
 * is one line.
 */
record FloatTiff(int width, int height, float[] data) {
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
