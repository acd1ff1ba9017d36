package dev.fields.io.ct;

import dev.fields.io.array.NpyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Our float32 TIFF writer: bit-exact through TwelveMonkeys' reader, and byte-identical to the files tifffile checked. */
class FloatTiffTest {
    @TempDir Path dir;

    /** Awkward values: signed zeros, a subnormal, the extremes, and random values of every magnitude. */
    private static float[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-30, 30)));
        float[] special = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 1f};
        System.arraycopy(special, 0, v, 0, Math.min(n, special.length));
        return v;
    }

    private static void assertBitExact(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++)
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "value " + i + ": " + expected[i] + " vs " + actual[i]);
    }

    @Test void roundTripsBitExactThroughTwelveMonkeys() {
        // 300 × 250: 54 rows per 64 KiB strip, 5 strips, the last one of 34 rows; 1 × 1 and a single row as edge cases
        for (int[] wh : new int[][]{{300, 250}, {1, 1}, {17, 1}, {1, 40}, {64, 64}}) {
            int w = wh[0], h = wh[1];
            float[] v = values(w * h, w * 31L + h);
            Path p = dir.resolve("t" + w + "x" + h + ".tiff");
            FloatTiff.write(p, v, w, h);
            FloatTiff back = FloatTiff.read(p);
            assertEquals(w, back.width());
            assertEquals(h, back.height());
            assertBitExact(v, back.data());
        }
        try (var s = Files.list(dir)) {
            assertEquals(5, s.count(), "only the five files, no temporaries");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test void sliceAndSinogramReadersTakeIt() {
        float[] v = values(6 * 4, 9);
        Path p = dir.resolve("s.tif");
        FloatTiff.write(p, v, 6, 4);
        Slice s = Slices.read(p);
        assertEquals(6, s.width());
        assertEquals(4, s.height());
        assertBitExact(v, s.data());
        Sinogram g = SinogramReader.read(p, false, null);
        assertEquals(4, g.views());
        assertEquals(6, g.detectors());
        assertEquals(v[2 * 6 + 5], g.get(2, 5));
    }

    /** ImageJ (the DICOM reader's library) opens it as a 32-bit image with the same values. */
    @Test void imageJReadsItToo() {
        float[] v = values(9 * 4, 5);
        Path p = dir.resolve("ij.tiff");
        FloatTiff.write(p, v, 9, 4);
        ij.ImagePlus im = new ij.io.Opener().openImage(p.toString());
        assertNotNull(im, "ImageJ opens the file");
        assertEquals(32, im.getBitDepth());
        assertEquals(9, im.getWidth());
        assertEquals(4, im.getHeight());
        float[] px = (float[]) im.getProcessor().getPixels();
        assertBitExact(v, px);
    }

    @Test void stripsCoverTheImage() {
        float[] v = values(7 * 5, 3);
        for (int rows = 1; rows <= 5; rows++) {
            Path p = dir.resolve("r" + rows + ".tif");
            dev.fields.io.AtomicFiles.writeBytes(p, FloatTiff.toBytes(v, 7, 5, rows));
            assertBitExact(v, FloatTiff.read(p).data());
        }
        assertThrows(IllegalArgumentException.class, () -> FloatTiff.toBytes(v, 7, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> FloatTiff.toBytes(v, 6, 5));
    }

    private static float formula(int r, int c) { return (float) (0.25 * (10 * r + c) - 1.5); }

    /**
     * make_tiff_golden.py read these two files with tifffile (one page, float32, 5 × 7, uncompressed, 1 and 3 strips)
     * and saved what it decoded: the writer must still produce exactly those bytes, and tifffile's values must be ours.
     */
    @Test void tifffileReadsWhatWeWrite() throws Exception {
        float[] v = new float[5 * 7];
        for (int r = 0; r < 5; r++) for (int c = 0; c < 7; c++) v[r * 7 + c] = formula(r, c);
        String[] names = {"float_written", "float_written_strips"};
        byte[][] ours = {FloatTiff.toBytes(v, 7, 5), FloatTiff.toBytes(v, 7, 5, 2)};
        StringBuilder stale = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (java.util.Arrays.equals(Files.readAllBytes(SinogramReaderTest.golden(names[i] + ".tif")), ours[i])) continue;
            Path fresh = Path.of("target", names[i] + ".tif").toAbsolutePath();
            Files.write(fresh, ours[i]);
            stale.append(' ').append(fresh);
        }
        if (!stale.isEmpty())
            fail("the writer's bytes differ from the golden files; copy" + stale + " into io/src/test/resources/dev/fields/io/ct/"
                    + " and run make_tiff_golden.py there to check them with tifffile");
        for (String name : names) {
            NpyReader.Array a = NpyReader.read(SinogramReaderTest.golden(name + "_tifffile.npy"));
            assertArrayEquals(new int[]{5, 7}, a.shape());
            assertBitExact(v, a.data());
        }
    }
}
