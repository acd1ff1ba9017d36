package dev.fields.io.ct;

import dev.fields.io.UserError;
import ij.io.FileInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DicomLayoutTest {
    @TempDir Path dir;
    static final Path MR = Path.of("../scenes/ct/MR_small.dcm");

    /** Where MR_small's pixel data element starts (found by its tag and VR, not hard-coded). */
    static int pixelElement(byte[] b) {
        for (int i = 132; i + 6 <= b.length; i++)
            if (b[i] == (byte) 0xE0 && b[i + 1] == 0x7F && b[i + 2] == 0x10 && b[i + 3] == 0 && b[i + 4] == 'O' && b[i + 5] == 'W') return i;
        throw new AssertionError("no pixel data element");
    }

    /** An explicit-VR little-endian element with a 16-bit length. */
    static byte[] element(int group, int elem, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(8 + v.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) group).putShort((short) elem)
                .put(vr.getBytes(StandardCharsets.ISO_8859_1)).putShort((short) v.length).put(v).array();
    }

    private Path withBeforePixels(String name, byte[]... elements) throws Exception {
        byte[] b = Files.readAllBytes(MR);
        int at = pixelElement(b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        for (byte[] e : elements) out.write(e);
        out.write(b, at, b.length - at);
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static void assertOneLine(UserError e, String fragment) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** The walk ends where ImageJ ends: at the pixel data element's value, with ImageJ's pixel type and size. */
    @Test void theWalkFindsWhatImageJFinds() throws Exception {
        byte[] b = Files.readAllBytes(MR);
        DicomLayout.Image mr = DicomLayout.of(MR);
        assertEquals(64, mr.width());
        assertEquals(64, mr.height());
        assertEquals(FileInfo.GRAY16_SIGNED, mr.fileType());
        assertEquals(pixelElement(b) + 12, mr.offset());
        assertEquals(64 * 64 * 2, mr.pixelBytes());
        assertEquals(1, mr.slope());
        assertEquals(0, mr.intercept());
        DicomLayout.Image ct = DicomLayout.of(SinogramReaderTest.golden("CT_small.dcm"));
        assertEquals(128, ct.width());
        assertEquals(128 * 128 * 2, ct.pixelBytes());
        assertTrue(ct.offset() + ct.pixelBytes() <= Files.size(SinogramReaderTest.golden("CT_small.dcm")));
    }

    /**
     * A rescale slope other than 1 is applied (ImageJ headless cannot: it prints "Unrecognized command" and leaves the
     * stored values), and nothing is printed.
     */
    @Test void aRescaleSlopeIsAppliedSilently() throws Exception {
        Slice plain = Slices.read(MR);
        Path scaled = withBeforePixels("scaled.dcm", element(0x0028, 0x1052, "DS", "-5.5 "), element(0x0028, 0x1053, "DS", "2 "));
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Slice s;
        try {
            System.setOut(new PrintStream(printed, true));
            System.setErr(new PrintStream(printed, true));
            s = Slices.read(scaled);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", printed.toString());
        for (int i = 0; i < plain.data().length; i++) assertEquals(2 * plain.data()[i] - 5.5f, s.data()[i], 0f, "pixel " + i);
        assertEquals(plain.pixelSize(), s.pixelSize());
        Path words = withBeforePixels("words.dcm", element(0x0028, 0x1053, "DS", "MR"));
        assertOneLine(assertThrows(UserError.class, () -> Slices.read(words)), "Rescale Slope is \"MR\", not a finite number");
    }

    @Test void lengthsAndSizesThatTheFileCannotHoldAreOneLine() throws Exception {
        byte[] b = Files.readAllBytes(MR);
        // a text element claiming 2^31 - 1 bytes (ImageJ allocates that much before it finds the file too short)
        byte[] huge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0009).putShort((short) 0x0010)
                .put("UT".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 0).putInt(Integer.MAX_VALUE).array();
        Path p1 = withBeforePixels("huge.dcm", huge);
        assertOneLine(assertThrows(UserError.class, () -> Slices.read(p1)), "claims 2147483647 bytes but only");
        // a palette of negative length (ImageJ: NegativeArraySizeException)
        byte[] negative = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x0028).putShort((short) 0x1201)
                .put("OW".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 0).putInt(-16).array();
        Path p2 = withBeforePixels("negative.dcm", negative);
        assertOneLine(assertThrows(UserError.class, () -> Slices.read(p2)), "(0028,1201) at byte");
        // more rows than the file holds pixels for
        Path p3 = dir.resolve("rows.dcm");
        byte[] rows = b.clone();
        for (int i = 132; i + 10 <= rows.length; i++)
            if (rows[i] == 0x28 && rows[i + 1] == 0 && rows[i + 2] == 0x10 && rows[i + 3] == 0 && rows[i + 4] == 'U' && rows[i + 5] == 'S') {
                rows[i + 8] = (byte) 0xFF;
                rows[i + 9] = (byte) 0xFF;
                break;
            }
        Files.write(p3, rows);
        assertOneLine(assertThrows(UserError.class, () -> Slices.read(p3)), "64 × 65535 pixels of 16 bits need 8388480 bytes");
        // frames, a compressed transfer syntax, a file cut before its pixels
        Path p4 = withBeforePixels("frames.dcm", element(0x0028, 0x0008, "IS", "40"));
        assertOneLine(assertThrows(UserError.class, () -> Slices.read(p4)), "64 × 64 pixels × 40 frames of 16 bits need");
        Path p5 = dir.resolve("cut.dcm");
        Files.write(p5, java.util.Arrays.copyOf(b, pixelElement(b) + 5));
        assertOneLine(assertThrows(UserError.class, () -> Slices.read(p5)), "before any pixel data (truncated file)");
        String syntax = new String(b, StandardCharsets.ISO_8859_1).replace("1.2.840.10008.1.2.1\0", "1.2.840.10008.1.2.5\0");
        Path p6 = dir.resolve("rle.dcm");
        Files.write(p6, syntax.getBytes(StandardCharsets.ISO_8859_1));
        assertOneLine(assertThrows(UserError.class, () -> Slices.read(p6)), "is compressed, which ImageJ does not decode");
    }

    /** A read that does not finish within the limit, or that throws anything, is one line; the caller is not kept waiting. */
    @Test void imageJIsFencedByATimeLimit() throws Exception {
        long t0 = System.nanoTime();
        UserError e = assertThrows(UserError.class, () -> ImageJDicom.fenced(MR, () -> { Thread.sleep(60_000); return 1; }, 200));
        assertOneLine(e, "ImageJ did not finish reading DICOM");
        assertTrue(System.nanoTime() - t0 < 5e9, "answered after " + (System.nanoTime() - t0) / 1e9 + " s");
        assertOneLine(assertThrows(UserError.class, () -> ImageJDicom.fenced(MR, () -> new byte[-8], 5000)),
                "ImageJ failed reading DICOM ../scenes/ct/MR_small.dcm (NegativeArraySizeException: -8)");
        assertOneLine(assertThrows(UserError.class, () -> ImageJDicom.fenced(MR, () -> { throw new OutOfMemoryError("Java heap space"); }, 5000)),
                "(OutOfMemoryError: Java heap space)");
        DicomLayout.Image layout = DicomLayout.of(MR);
        assertEquals(64, ImageJDicom.read(MR, layout, ImageJDicom.limitMillis(Files.size(MR))).width());
    }
}
