package dev.fields.io.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Figures as PNG files: size, where the series' colours land, reference lines, log axes, thinning. */
class FigureTest {
    private static final Color RED = new Color(0xd62728), BLUE = new Color(0x1f77b4), GREEN = new Color(0x2ca02c);
    @TempDir Path dir;

    private static double[] ramp(int n, double a, double b) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = a + (b - a) * i / (n - 1);
        return v;
    }

    private static boolean near(int rgb, Color c) {
        int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
        return Math.abs(r - c.getRed()) + Math.abs(g - c.getGreen()) + Math.abs(b - c.getBlue()) <= 40;
    }

    private static int count(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) if (near(img.getRGB(x, y), c)) n++;
        return n;
    }

    @Test void testsRunHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire sets java.awt.headless=true, as bin/fields does");
    }

    @Test void twoSeriesAndAReferenceLineLandInTheirColours() throws Exception {
        double[] x = ramp(200, 0, 1000);
        Panel p = Panel.of("PSNR over steps").withAxes("step", "PSNR (dB)")
                .with(new Series("rising", x, ramp(200, 10, 30), RED))
                .with(new Series("falling", x, ramp(200, 30, 10), BLUE))
                .withReference(new ReferenceLine("FBP 20.0 dB", 20.0, GREEN));
        Path png = dir.resolve("sub/curves.png");
        Figure.of(640, 400, p).write(png);

        try (Stream<Path> s = Files.list(png.getParent())) {
            assertEquals(List.of(png.getFileName().toString()), s.map(f -> f.getFileName().toString()).toList(), "no temp file left");
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        assertEquals(Figure.BACKGROUND.getRGB(), img.getRGB(1, 1), "corner is background");
        assertTrue(count(img, RED) > 300, "red diagonal: " + count(img, RED));
        assertTrue(count(img, BLUE) > 300, "blue diagonal: " + count(img, BLUE));
        assertEquals(0, count(img, new Color(0xff00ff)), "no colour that was not asked for");

        // the reference line is horizontal: one band of rows holds dashes across most of the plot's width
        int bestRow = -1, bestCount = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            int n = 0;
            for (int xx = 0; xx < img.getWidth(); xx++) if (near(img.getRGB(xx, y), GREEN)) n++;
            if (n > bestCount) { bestCount = n; bestRow = y; }
        }
        assertTrue(bestCount > 640 / 5, "dashed line across the plot, best row has " + bestCount + " green pixels");
        int minX = Integer.MAX_VALUE, maxX = -1;
        for (int xx = 0; xx < img.getWidth(); xx++)
            if (near(img.getRGB(xx, bestRow), GREEN)) { minX = Math.min(minX, xx); maxX = Math.max(maxX, xx); }
        assertTrue(maxX - minX > 640 * 0.6, "spans the x range: " + minX + ".." + maxX);
        // y = 20 is the middle of the 10..30 range: the line lies between the first and last thirds of the image
        assertTrue(bestRow > 400 / 4 && bestRow < 400 * 3 / 4, "row " + bestRow);
    }

    @Test void panelsStackAndLogAxesSkipWhatTheyCannotShow() throws Exception {
        double[] x = ramp(50, 1, 50);
        double[] loss = new double[50];
        for (int i = 0; i < 50; i++) loss[i] = Math.pow(10, -i / 10.0);
        loss[3] = 0;
        loss[7] = Double.NaN;
        Panel top = Panel.of("loss").withAxes("step", "loss").withLogY(true).with(new Series("loss", x, loss, BLUE))
                .withReference("zero", 0.0);
        Panel bottom = Panel.of("metrics").with(new Series("psnr", x, ramp(50, 5, 25), RED));
        BufferedImage img = Figure.of(300, 401, top, bottom).render();
        assertEquals(300, img.getWidth());
        assertEquals(401, img.getHeight());
        int blueTop = 0, blueBottom = 0, redTop = 0, redBottom = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int xx = 0; xx < img.getWidth(); xx++) {
                int rgb = img.getRGB(xx, y);
                boolean upper = y < 200;
                if (near(rgb, BLUE)) { if (upper) blueTop++; else blueBottom++; }
                if (near(rgb, RED)) { if (upper) redTop++; else redBottom++; }
            }
        assertTrue(blueTop > 100 && blueBottom == 0, "loss in the top panel only: " + blueTop + " / " + blueBottom);
        assertTrue(redBottom > 100 && redTop == 0, "psnr in the bottom panel only: " + redTop + " / " + redBottom);
    }

    @Test void seriesWithoutColourTakeThePalette() {
        double[] x = ramp(100, 0, 1);
        BufferedImage img = Figure.of(400, 300, Panel.of("").with("a", x, ramp(100, 0, 1)).with("b", x, ramp(100, 1, 0))).render();
        assertTrue(count(img, Figure.PALETTE.get(0)) > 150);
        assertTrue(count(img, Figure.PALETTE.get(1)) > 150);
    }

    @Test void duplicateNamesAndMismatchedLengthsAreRejected() {
        double[] x = ramp(3, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> new Series("s", x, new double[2]));
        Panel p = Panel.of("p").with("s", x, x).withReference("s", 0.5);
        assertThrows(IllegalArgumentException.class, () -> Figure.of(200, 100, p).render());
    }

    @Test void thinKeepsFirstAndLastAndBoundsTheCount() {
        assertArrayEquals(new int[0], Series.thin(0, 10));
        assertArrayEquals(new int[]{0, 1, 2}, Series.thin(3, 10));
        int[] t = Series.thin(10_001, 200);
        assertEquals(0, t[0]);
        assertEquals(10_000, t[t.length - 1]);
        assertTrue(t.length <= 202, "length " + t.length);
        assertTrue(t.length >= 200, "length " + t.length);
        for (int i = 1; i < t.length; i++) assertTrue(t[i] > t[i - 1]);
        Series s = new Series("s", ramp(1000, 0, 1), ramp(1000, 0, 2)).thinned(10);
        assertEquals(11, s.size());
        assertEquals(2.0, s.y()[s.size() - 1], 0);
    }
}
