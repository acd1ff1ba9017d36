package dev.fields.io.ct;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import dev.fields.io.UserError;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

/** A single-page, single-channel 32- or 64-bit float TIFF read with TwelveMonkeys' TIFF plugin, row 0 first. */
record FloatTiff(int width, int height, float[] data) {
    static FloatTiff read(Path path) {
        ImageReader reader = new TIFFImageReaderSpi().createReaderInstance(null);
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) throw new UserError("cannot open " + path + " — check that the file is readable");
            reader.setInput(in, false, true);
            int pages = reader.getNumImages(true);
            if (pages != 1) throw new UserError("TIFF " + path + " has " + pages + " pages — give a single 2-D image (one page)");
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
            throw new UserError("cannot decode TIFF " + path + " (" + firstLine(e) + ") — give an uncompressed or deflate-compressed float32 TIFF", e);
        } finally {
            reader.dispose();
        }
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(e.getClass().getSimpleName());
    }
}
