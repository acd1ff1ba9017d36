package dev.fields.io.ct;

import dev.fields.io.UserError;
import dev.fields.io.array.NpyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SlicesTest {
    @TempDir Path dir;

    /** ImageJ's calibrated DICOM pixels equal pydicom's pixel_array × slope + intercept (make_dicom_golden.py) exactly. */
    @Test void dicomThroughImageJEqualsPydicom() {
        Slice mr = Slices.read(Path.of("../scenes/ct/MR_small.dcm"));
        assertPixels(NpyReader.read(SinogramReaderTest.golden("mr_small_pixels.npy")), mr);
        assertEquals(0.3125, mr.pixelSize(), 1e-12);
        assertEquals("mm", mr.lengthUnit());
        Slice ct = Slices.read(SinogramReaderTest.golden("CT_small.dcm"));
        assertPixels(NpyReader.read(SinogramReaderTest.golden("ct_small_pixels.npy")), ct);
        assertEquals(0.661468, ct.pixelSize(), 1e-9);
        assertTrue(ct.get(0, 0) < -500, "Hounsfield units: air around the body, got " + ct.get(0, 0));
    }

    private static void assertPixels(NpyReader.Array expected, Slice s) {
        assertArrayEquals(new int[]{s.height(), s.width()}, expected.shape());
        for (int i = 0; i < expected.data().length; i++)
            assertEquals(expected.data()[i], s.data()[i], 0f, "pixel (" + i / s.width() + ", " + i % s.width() + ")");
    }

    @Test void pngTiffAndNpySlices() {
        Slice png = Slices.read(SinogramReaderTest.golden("sino_16.png"));
        assertEquals(5, png.width());
        assertEquals(3, png.height());
        assertEquals(13007 / 65535f, png.get(3, 1), 1e-7);
        assertTrue(Double.isNaN(png.pixelSize()));
        Slice tif = Slices.read(SinogramReaderTest.golden("sino_f4_be.tif"));
        assertEquals(0.25f * 13 - 1.5f, tif.get(3, 1));
        Slice npy = Slices.read(SinogramReaderTest.golden("sino_f4.npy"));
        assertArrayEquals(tif.data(), npy.data());
        assertEquals(5, npy.width());
    }

    @Test void badSlicesAreOneLine() throws Exception {
        Path junk = dir.resolve("junk.dcm");
        Files.writeString(junk, "not a dicom file");
        SinogramReaderTest.assertOneLine(assertThrows(UserError.class, () -> Slices.read(junk)), "cannot read DICOM");
        Path text = dir.resolve("slice.txt");
        Files.writeString(text, "1 2 3");
        SinogramReaderTest.assertOneLine(assertThrows(UserError.class, () -> Slices.read(text)), "neither PNG");
        SinogramReaderTest.assertOneLine(assertThrows(UserError.class, () -> Slices.read(SinogramReaderTest.golden("sino_nan.npy"))), "NaN at row 1, column 3");
        SinogramReaderTest.assertOneLine(assertThrows(UserError.class, () -> Slices.read(SinogramReaderTest.golden("sino_3d.npy"))), "(1, 3, 5)");
        SinogramReaderTest.assertOneLine(assertThrows(UserError.class, () -> Slices.read(dir.resolve("none.png"))), "not found");
    }
}
