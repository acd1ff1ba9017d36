package dev.fields.io.image;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ImagesTest {
    @TempDir Path dir;

    @Test void readsSixteenBitGreyExactly() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setSample(1, 1, 0, 65535);
        img.getRaster().setSample(2, 0, 0, 32768);
        Path p = dir.resolve("g16.png");
        ImageIO.write(img, "png", p.toFile());
        FloatImage f = Images.read(p);
        assertEquals(1, f.channels());
        assertEquals(3, f.width());
        assertEquals(1.0f, f.get(1, 1, 0), 1e-7);
        assertEquals(32768 / 65535.0, f.get(2, 0, 0), 1e-6);
    }

    @Test void readsRgbAndJpegAndNonSquare() throws Exception {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(4, 2, 0xff8040);
        Path p = dir.resolve("c.png");
        ImageIO.write(img, "png", p.toFile());
        FloatImage f = Images.read(p);
        assertEquals(3, f.channels());
        assertEquals(5, f.width());
        assertEquals(3, f.height());
        assertEquals(1.0f, f.get(4, 2, 0));
        assertEquals(0x80 / 255f, f.get(4, 2, 1), 1e-6);
        assertEquals(0x40 / 255f, f.get(4, 2, 2), 1e-6);
        Path j = dir.resolve("c.jpg");
        BufferedImage big = new BufferedImage(16, 8, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) big.setRGB(x, y, 0xc81e1e);
        ImageIO.write(big, "jpg", j.toFile());
        FloatImage fj = Images.read(j);
        assertEquals(3, fj.channels());
        assertEquals(0xc8 / 255f, fj.get(8, 4, 0), 0.03);
        assertEquals(0x1e / 255f, fj.get(8, 4, 2), 0.03);
    }

    @Test void badImagesGetOneLine() throws Exception {
        Path empty = dir.resolve("empty.png");
        Files.write(empty, new byte[0]);
        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "hello");
        for (Path p : new Path[]{empty, junk, dir.resolve("missing.png"), dir}) {
            UserError e = assertThrows(UserError.class, () -> Images.read(p));
            assertFalse(e.getMessage().contains("\n"));
            assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
        }
    }

    @Test void pngRoundTripAndProtocolGrids() {
        FloatImage im = FloatImage.blank(6, 4, 1);
        for (int i = 0; i < im.data().length; i++) im.data()[i] = i / 23f;
        Path p = dir.resolve("r.png");
        Images.writePng(p, im);
        FloatImage back = Images.read(p);
        for (int i = 0; i < im.data().length; i++) assertEquals(im.data()[i], back.data()[i], 0.5 / 255 + 1e-6);
        FloatImage train = im.subsample(0, 2), test = im.subsample(1, 2);
        assertEquals(3, train.width());
        assertEquals(2, test.height());
        assertEquals(im.get(2, 2, 0), train.get(1, 1, 0));
        assertEquals(im.get(3, 1, 0), test.get(1, 0, 0));
        FloatImage sq = im.centerCropSquare(512);
        assertEquals(4, sq.width());
        assertEquals(im.get(1, 0, 0), sq.get(0, 0, 0));
        FloatImage half = im.resize(3, 2);
        assertEquals((im.get(0, 0, 0) + im.get(1, 0, 0) + im.get(0, 1, 0) + im.get(1, 1, 0)) / 4, half.get(0, 0, 0), 1e-6);
    }
}
