package dev.fields.io.array;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class NpyWriterTest {
    @TempDir Path dir;

    private static byte[] expectedHeader(String shapeRepr, int spaces) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeRepr + ", }" + " ".repeat(spaces) + "\n";
        byte[] d = dict.getBytes(StandardCharsets.US_ASCII);
        byte[] h = new byte[10 + d.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, h, 0, 8);
        h[8] = (byte) (d.length & 0xFF);
        h[9] = (byte) (d.length >>> 8);
        System.arraycopy(d, 0, h, 10, d.length);
        return h;
    }

    @Test void tinyVectorHasNumpysHeaderAndLittleEndianData() {
        byte[] b = NpyWriter.toBytes(new float[]{1f, -2f, 0.5f}, 3);
        byte[] header = expectedHeader("(3,)", 60); // 20 spare for growth + 40 to reach 128
        assertEquals(128 + 12, b.length);
        assertArrayEquals(header, Arrays.copyOf(b, 128));
        assertEquals(118, (b[8] & 0xFF) | (b[9] & 0xFF) << 8);
        byte[] data = {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, (byte) 0xc0, 0, 0, 0, 0x3f};
        assertArrayEquals(data, Arrays.copyOfRange(b, 128, b.length));
    }

    @Test void scalarAndHigherRankShapesUsePythonTupleSyntax() {
        assertArrayEquals(expectedHeader("()", 62), NpyWriter.header(new float[1]));
        assertArrayEquals(expectedHeader("(2, 3, 4)", 55), NpyWriter.header(new float[24], 2, 3, 4));
        assertArrayEquals(expectedHeader("(1000000, 1)", 52), NpyWriter.header(new float[1_000_000], 1_000_000, 1));
    }

    @Test void alreadyAlignedHeaderGetsAFullBlockOfPaddingAsNumpyDoes() {
        int[] shape = new int[14];
        Arrays.fill(shape, 1);
        shape[0] = 0;
        shape[1] = 100;
        byte[] h = NpyWriter.header(new float[0], shape);
        // numpy.save of zeros((0, 100) + (1,)*12): header length 182, data at byte 192
        assertEquals(192, h.length);
        assertEquals(182, (h[8] & 0xFF) | (h[9] & 0xFF) << 8);
        assertArrayEquals(expectedHeader("(0, 100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)", 84), h);
    }

    @Test void matchesNumpySaveByteForByte() throws Exception {
        byte[] golden;
        try (InputStream in = NpyWriterTest.class.getResourceAsStream("golden_2x3.npy")) {
            assertNotNull(in, "golden_2x3.npy is missing (make_golden.py writes it)");
            golden = in.readAllBytes();
        }
        float[] a = {0f, 0.5f, -1.25f, 3f, 1024f, (float) Math.PI};
        assertArrayEquals(golden, NpyWriter.toBytes(a, 2, 3));
        Path f = dir.resolve("sub/a.npy");
        NpyWriter.write(f, a, 2, 3);
        assertArrayEquals(golden, Files.readAllBytes(f));
    }

    @Test void largeArraysStreamInChunksUnchanged() throws Exception {
        float[] a = new float[3 * 40_000 + 7];
        for (int i = 0; i < a.length; i++) a[i] = i * 0.25f - 7f;
        Path f = dir.resolve("big.npy");
        NpyWriter.write(f, a, a.length);
        byte[] b = Files.readAllBytes(f);
        assertArrayEquals(NpyWriter.toBytes(a, a.length), b);
        assertEquals(128 + 4L * a.length, b.length);
        int last = 128 + 4 * (a.length - 1);
        assertEquals(a[a.length - 1], Float.intBitsToFloat((b[last] & 0xFF) | (b[last + 1] & 0xFF) << 8 | (b[last + 2] & 0xFF) << 16 | (b[last + 3] & 0xFF) << 24));
    }

    @Test void shapeThatDoesNotFitTheDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.toBytes(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.toBytes(new float[0], -1, 0));
    }
}
