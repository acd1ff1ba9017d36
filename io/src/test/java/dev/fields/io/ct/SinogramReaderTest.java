package dev.fields.io.ct;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Golden files from make_sinogram_golden.py: v[r, c] = 0.25 (10 r + c) − 1.5, 3 rows × 5 columns. */
class SinogramReaderTest {
    @TempDir Path dir;

    static Path golden(String name) {
        try {
            return Path.of(SinogramReaderTest.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    private static float v(int r, int c) { return (float) (0.25 * (10 * r + c) - 1.5); }

    private static void assertGolden(Sinogram s) {
        assertEquals(3, s.views());
        assertEquals(5, s.detectors());
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 5; c++) assertEquals(v(r, c), s.get(r, c), 0f, "(" + r + ", " + c + ")");
    }

    @Test void npyAndEveryFloatTiff() {
        for (String f : new String[]{"sino_f4.npy", "sino_f4.tif", "sino_f4_be.tif", "sino_f4_deflate.tif", "sino_f8.tif"})
            assertGolden(SinogramReader.read(golden(f), false, null));
    }

    @Test void transposedFilesAreDetectorsByViews() {
        Sinogram s = SinogramReader.read(golden("sino_f4.tif"), true, null);
        assertEquals(5, s.views());
        assertEquals(3, s.detectors());
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 5; c++) assertEquals(v(r, c), s.get(c, r), 0f);
    }

    @Test void sixteenBitPngTimesScale() {
        Sinogram s = SinogramReader.read(golden("sino_16.png"), false, 2.5);
        assertEquals(3, s.views());
        assertEquals(5, s.detectors());
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 5; c++) assertEquals((float) ((1000 * (10 * r + c) + 7) / 65535.0 * 2.5), s.get(r, c), 0f);
        UserError e = assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_16.png"), false, null));
        assertOneLine(e, "png_scale");
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_16.png"), false, -1.0)), "png_scale");
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_8.png"), false, 1.0)), "8-bit");
    }

    @Test void nonFiniteValuesNameTheirPlace() {
        UserError nan = assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_nan.npy"), false, null));
        assertOneLine(nan, "NaN at row 1, column 3 (view 1, detector 3)");
        UserError inf = assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_inf.npy"), true, null));
        assertOneLine(inf, "-Infinity at row 2, column 0 (view 0, detector 2)");
    }

    @Test void wrongKindsOfFileAreRefused() throws Exception {
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_u16.tif"), false, null)), "16-bit integer");
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_pages.tif"), false, null)), "2 pages");
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(golden("sino_3d.npy"), false, null)), "(1, 3, 5)");
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(Path.of("../scenes/ct/MR_small.dcm"), false, null)), "DICOM image");
        Path text = dir.resolve("sino.npy");
        Files.writeString(text, "0 1 2\n3 4 5\n");
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(text, false, null)), "neither");
        Path cut = dir.resolve("cut.tif");
        byte[] tif = Files.readAllBytes(golden("sino_f4.tif"));
        Files.write(cut, java.util.Arrays.copyOf(tif, 40));
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(cut, false, null)), "cut.tif");
        assertOneLine(assertThrows(UserError.class, () -> SinogramReader.read(dir.resolve("none.npy"), false, null)), "not found");
    }

    static void assertOneLine(UserError e, String mentions) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertTrue(e.getMessage().contains(" — "), "names a fix: " + e.getMessage());
    }
}
