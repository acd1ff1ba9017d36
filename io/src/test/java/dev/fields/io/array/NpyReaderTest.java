package dev.fields.io.array;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Golden files written by numpy (make_npy_golden.py beside them): a[i, j] = 0.5 (10 i + j) − 3 unless said otherwise. */
class NpyReaderTest {
    @TempDir Path dir;

    static Path golden(String name) {
        try {
            return Path.of(NpyReaderTest.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    static byte[] bytes(String name) throws Exception { return Files.readAllBytes(golden(name)); }

    private static double base(int i, int j) { return 0.5 * (10 * i + j) - 3; }

    private static void assertBase(NpyReader.Array a, double plus) {
        assertArrayEquals(new int[]{3, 4}, a.shape());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                assertEquals((float) (base(i, j) + plus), a.data()[i * 4 + j], 0f, "element (" + i + ", " + j + ")");
    }

    @Test void littleEndianFloatsInCOrder() {
        assertBase(NpyReader.read(golden("f4_c.npy")), 0);
        assertBase(NpyReader.read(golden("f8_c.npy")), 1 / 3.0);
    }

    @Test void bigEndianFloatsElementByElement() {
        assertBase(NpyReader.read(golden("f4_be.npy")), 0);
        assertBase(NpyReader.read(golden("f8_be.npy")), 1 / 3.0);
        assertBase(NpyReader.read(golden("f4_be_fortran.npy")), 0);
    }

    @Test void fortranOrderIsReorderedIntoCOrder() {
        assertBase(NpyReader.read(golden("f4_fortran.npy")), 0);
        NpyReader.Array a = NpyReader.read(golden("f8_fortran_3d.npy"));
        assertArrayEquals(new int[]{2, 3, 4}, a.shape());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    assertEquals(100 * i + 10 * j + k, a.data()[(i * 3 + j) * 4 + k], 0f, "element (" + i + ", " + j + ", " + k + ")");
    }

    @Test void headerVersionsTwoAndThree() {
        assertBase(NpyReader.read(golden("f4_v2.npy")), 0);
        assertBase(NpyReader.read(golden("f4_v3.npy")), 0);
    }

    @Test void integersBecomeFloats() {
        NpyReader.Array i2 = NpyReader.read(golden("i2.npy"));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++) assertEquals((short) (base(i, j) * 2000), i2.data()[i * 4 + j], 0f);
        assertArrayEquals(new float[]{0, 1, 65535, 32768, 40000, 7}, NpyReader.read(golden("u2.npy")).data());
        assertArrayEquals(new float[]{-2147483648f, -1, 0, 1, 2147483647f, 123456789f}, NpyReader.read(golden("i4.npy")).data());
        NpyReader.Array u1 = NpyReader.read(golden("u1.npy"));
        assertArrayEquals(new int[]{2, 3}, u1.shape());
        assertArrayEquals(new float[]{0, 1, 255, 128, 64, 7}, u1.data());
    }

    @Test void oneDimensionalScalarAndEmpty() {
        NpyReader.Array v = NpyReader.read(golden("f4_1d.npy"));
        assertArrayEquals(new int[]{5}, v.shape());
        assertEquals("(5,)", v.shapeText());
        assertArrayEquals(new float[]{0, 1.5f, 3, 4.5f, 6}, v.data());
        NpyReader.Array s = NpyReader.read(golden("f4_scalar.npy"));
        assertEquals(0, s.dims());
        assertArrayEquals(new float[]{2.5f}, s.data());
        NpyReader.Array e = NpyReader.read(golden("f4_empty.npy"));
        assertArrayEquals(new int[]{0, 3}, e.shape());
        assertEquals(0, e.data().length);
    }

    @Test void unsupportedTypesAreRefusedNamingTheType() {
        String[][] cases = {{"c8.npy", "complex"}, {"f2.npy", "float of 2 bytes"}, {"struct.npy", "structured"},
                {"object.npy", "Python objects"}, {"bool.npy", "boolean"}};
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> NpyReader.read(golden(c[0])), c[0]);
            assertOneLine(e, c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().contains("float32"), e.getMessage());
        }
    }

    @Test void malformedFilesAreOneLineUserErrors() throws Exception {
        byte[] good = bytes("f4_c.npy");
        int dataOffset = 10 + ((good[8] & 0xFF) | (good[9] & 0xFF) << 8);
        String header = new String(good, 10, dataOffset - 10, StandardCharsets.ISO_8859_1);

        byte[] magic = good.clone();
        magic[1] = 'X';
        refused("magic", magic, "magic");
        refused("tiny", java.util.Arrays.copyOf(good, 7), "too short");
        refused("cut header", java.util.Arrays.copyOf(good, 40), "truncated");
        refused("cut data", java.util.Arrays.copyOf(good, good.length - 3), "truncated");
        byte[] extra = java.util.Arrays.copyOf(good, good.length + 4);
        refused("extra data", extra, "extra bytes");
        byte[] version = good.clone();
        version[6] = 4;
        refused("version", version, "version 4.0");
        refused("not a dict", withHeader(good, header.replace("{", "[")), "not a Python dict");
        refused("garbage", withHeader(good, header.replace("'shape'", "shape")), "not a Python dict");
        refused("no shape", withHeader(good, header.replace("'shape'", "'shapf'")), "expected exactly");
        refused("bad fortran", withHeader(good, header.replace("False", "0    ")), "fortran_order");
        refused("wrong shape", withHeader(good, header.replace("(3, 4)", "(4, 4)")), "needs 64 data bytes but the file holds 48");
        refused("negative", withHeader(good, header.replace("(3, 4)", "(-3, 4)")), "non-negative");
        refused("overflow", withHeader(good, header.replace("(3, 4)", "(99999999999, 99999999999)")), "more elements than a long");
        refused("huge", withHeader(good, header.replace("(3, 4)", "(3000000000, 1)")), "needs 12000000000 data bytes");
        refused("native order", withHeader(good, header.replace("<f4", "=f4")), "byte order '='");
        refused("huge header length", headerLength(good, 0xFFFF), "truncated");
    }

    @Test void largeShapesAreCheckedBeforeAllocating() {
        // 2^31 elements of u1 with the bytes present would still be refused for not fitting one Java array; here the
        // byte count check comes first and nothing near that size is allocated.
        byte[] header = npyHeader("{'descr': '|u1', 'fortran_order': False, 'shape': (65536, 65536), }");
        UserError e = assertThrows(UserError.class, () -> NpyReader.read("big.npy", header));
        assertTrue(e.getMessage().contains("needs 4294967296 data bytes but the file holds 0"), e.getMessage());
    }

    @Test void missingFileAndDirectory() {
        assertOneLine(assertThrows(UserError.class, () -> NpyReader.read(dir.resolve("nope.npy"))), "nope.npy");
        assertOneLine(assertThrows(UserError.class, () -> NpyReader.read(dir)), dir.getFileName().toString());
    }

    static byte[] npyHeader(String dict) {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length];
        System.arraycopy(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)}, 0, out, 0, 10);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    private static byte[] withHeader(byte[] good, String header) {
        assertEquals(header.length(), header.getBytes(StandardCharsets.ISO_8859_1).length);
        int dataOffset = 10 + ((good[8] & 0xFF) | (good[9] & 0xFF) << 8);
        byte[] h = npyHeader(header.strip());
        byte[] out = java.util.Arrays.copyOf(h, h.length + good.length - dataOffset);
        System.arraycopy(good, dataOffset, out, h.length, good.length - dataOffset);
        return out;
    }

    private static byte[] headerLength(byte[] good, int len) {
        byte[] b = good.clone();
        b[8] = (byte) len;
        b[9] = (byte) (len >> 8);
        return b;
    }

    private static void refused(String name, byte[] bytes, String expected) {
        UserError e = assertThrows(UserError.class, () -> NpyReader.read(name + ".npy", bytes), name);
        assertOneLine(e, name + ".npy");
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    static void assertOneLine(UserError e, String mentions) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), e.getMessage());
        assertTrue(e.getMessage().contains(" — "), "names a fix: " + e.getMessage());
    }
}
