package dev.fields.io.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The pixel ↔ field-coordinate mapping: the training grid exactly, centre-aligned resampling, the shader's affine form. */
class PixelGridTest {
    @Test void sourcePixelsAreTheFourierFeaturesGrid() {
        for (int n : new int[]{1, 7, 30, 512, 1023}) {
            for (int i = 0; i < n; i++) {
                float u = PixelGrid.coordinate(i, n);
                // linspace(0, 1, n + 1)[:-1] in float32, computed as the trainer always has
                assertEquals(Float.floatToIntBits(i / (float) n), Float.floatToIntBits(u), "pixel " + i + " of " + n);
                assertEquals((double) i / n, u, 1e-7);
                assertEquals(i, PixelGrid.index(u, n), 1e-4);
            }
            assertEquals(0f, PixelGrid.coordinate(0, n));
            assertTrue(PixelGrid.coordinate(n - 1, n) < 1f, "the grid stays inside [0, 1)");
        }
    }

    @Test void resamplingAtTheSourceResolutionIsTheTrainingCoordinate() {
        PixelGrid g = new PixelGrid(40, 30);
        for (int c = 0; c < 40; c++) assertEquals(Float.floatToIntBits(PixelGrid.coordinate(c, 40)), Float.floatToIntBits(g.u(c, 40)));
        for (int r = 0; r < 30; r++) assertEquals(Float.floatToIntBits(PixelGrid.coordinate(r, 30)), Float.floatToIntBits(g.v(r, 30)));
    }

    @Test void resamplingIsCentreAligned() {
        int n = 10;
        // twice the resolution: output pixels 2i and 2i+1 sit a quarter source pixel either side of source pixel i
        for (int i = 0; i < n; i++) {
            assertEquals(i - 0.25, PixelGrid.index(PixelGrid.resampled(2 * i, n, 2 * n), n), 1e-5);
            assertEquals(i + 0.25, PixelGrid.index(PixelGrid.resampled(2 * i + 1, n, 2 * n), n), 1e-5);
        }
        // half the resolution: output pixel j sits between source pixels 2j and 2j+1
        for (int j = 0; j < n / 2; j++) assertEquals(2 * j + 0.5, PixelGrid.index(PixelGrid.resampled(j, n, n / 2), n), 1e-5);
        // any resolution: the samples are centred on the source grid's centre, index (n - 1) / 2, with spacing n / r
        for (int r : new int[]{3, 7, 13, 25, 64}) {
            double sum = 0;
            for (int j = 0; j < r; j++) {
                double idx = PixelGrid.index(PixelGrid.resampled(j, n, r), n);
                sum += idx;
                if (j > 0) assertEquals((double) n / r, idx - PixelGrid.index(PixelGrid.resampled(j - 1, n, r), n), 1e-5);
                assertEquals(j, PixelGrid.outputPixel(PixelGrid.resampled(j, n, r), n, r), 1e-4, "inverse at " + j + " of " + r);
            }
            assertEquals((n - 1) / 2.0, sum / r, 1e-5, "centre at r = " + r);
        }
    }

    @Test void fragmentAffineAgreesWithThePixelMappingRowsFlipped() {
        PixelGrid g = new PixelGrid(40, 30);
        for (int[] out : new int[][]{{40, 30}, {80, 60}, {25, 17}}) {
            int w = out[0], h = out[1];
            double[] a = g.fragmentAffine(w, h);
            for (int row = 0; row < h; row++)
                for (int col = 0; col < w; col++) {
                    double cx = col + 0.5, cy = (h - 1 - row) + 0.5; // gl_FragCoord: rows from the bottom
                    assertEquals(g.u(col, w), cx * a[0] + a[2], 1e-6, "u at " + col + " of " + w);
                    assertEquals(g.v(row, h), cy * a[1] + a[3], 1e-6, "v at " + row + " of " + h);
                }
        }
    }

    @Test void yUpFlipsRowsForBothDrawers() {
        PixelGrid g = new PixelGrid(40, 30);
        assertFalse(FieldKind.IMAGE_2D.yUp());
        assertTrue(FieldKind.ATTENUATION_SLICE.yUp());
        for (int[] out : new int[][]{{40, 30}, {25, 17}}) {
            int w = out[0], h = out[1];
            double[] a = g.fragmentAffine(w, h, true);
            for (int row = 0; row < h; row++) {
                assertEquals(1 - g.v(row, h), g.v(row, h, true), 1e-7);
                double cy = (h - 1 - row) + 0.5;
                assertEquals(g.v(row, h, true), cy * a[1] + a[3], 1e-6, "v at " + row + " of " + h);
            }
            assertTrue(g.v(0, h, true) > g.v(h - 1, h, true), "row 0 is the high y");
            assertArrayEquals(g.fragmentAffine(w, h), g.fragmentAffine(w, h, false));
        }
    }

    @Test void framesWithoutASourceResolutionUseTheOutputGrid() {
        assertEquals(new PixelGrid(40, 30), PixelGrid.of(Frame.box(2, 0, 1).withResolution(40, 30), 100, 90));
        assertEquals(new PixelGrid(100, 90), PixelGrid.of(Frame.box(2, 0, 1), 100, 90));
        assertEquals(-1.0 + 2 * 0.25, PixelGrid.toBox(0.25, -1, 1));
        assertEquals(0.25, PixelGrid.fromBox(PixelGrid.toBox(0.25, -1, 3), -1, 3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new PixelGrid(0, 4));
    }
}
