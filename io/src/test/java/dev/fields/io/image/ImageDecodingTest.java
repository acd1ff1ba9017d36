package dev.fields.io.image;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImageDecodingTest {
    @TempDir Path dir;

    /** The size bound admits the most compressible real image: a flat one, near deflate's 1032:1. */
    @Test void aFlatImageNearDeflatesLimitIsRead() throws Exception {
        Path p = dir.resolve("flat.png");
        ImageIO.write(new BufferedImage(2000, 2000, BufferedImage.TYPE_BYTE_GRAY), "png", p.toFile());
        long ratio = 2000L * 2000 / Files.size(p);
        assertTrue(ratio > 300, "compressed " + ratio + ":1");
        BufferedImage img = ImageDecoding.read(p, "PNG " + p, "give a PNG");
        assertEquals(2000, img.getWidth());
        assertEquals(2000, Images.read(p).height());
    }

    @Test void sizesTheFileCannotHoldAreOneLine() {
        UserError e = assertThrows(UserError.class, () -> ImageDecoding.checkSize("PNG a.png", 5, 16777219, 2, 1, 94, ImageDecoding.MAX_EXPANSION, "fix it"));
        assertEquals("cannot decode PNG a.png: its header says 5 × 16777219 pixels (167772190 bytes), more than a file of 94 bytes can hold"
                + " (a corrupt header) — fix it", e.getMessage());
        e = assertThrows(UserError.class, () -> ImageDecoding.checkSize("PNG a.png", 65536, 65536, 1, 1, 1L << 40, ImageDecoding.MAX_EXPANSION, "fix it"));
        assertTrue(e.getMessage().contains("more than one image can hold"), e.getMessage());
        assertThrows(UserError.class, () -> ImageDecoding.checkSize("TIFF a.tif", 0, 9, 4, 1, 1000, 1, "fix it"));
        ImageDecoding.checkSize("TIFF a.tif", 10, 10, 4, 1, 400, 1, "fix it"); // exactly what an uncompressed file holds
        assertThrows(UserError.class, () -> ImageDecoding.checkSize("TIFF a.tif", 10, 10, 4, 1, 399, 1, "fix it"));
    }
}
