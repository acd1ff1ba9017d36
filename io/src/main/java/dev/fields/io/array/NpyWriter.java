package dev.fields.io.array;

import dev.fields.io.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes float32 arrays as NumPy {@code .npy} files, format version 1.0: the magic {@code \x93NUMPY}, version bytes
 * 1 0, a little-endian uint16 header length, an ASCII header dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (..), }} padded with spaces and ended by a newline so the
 * data starts at a multiple of 64 bytes, then the values in C order, little-endian. The header is byte for byte what
 * {@code numpy.save} writes for the same array, including the spare spaces NumPy reserves for growing the first axis.
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGN = 64;
    // NumPy leaves room for the first axis to grow to this many digits (numpy.lib.format.GROWTH_AXIS_MAX_DIGITS)
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private NpyWriter() {}

    /** Writes {@code data} (C order) with the given shape to {@code target} atomically; an empty shape is a scalar. */
    public static void write(Path target, float[] data, int... shape) {
        byte[] header = header(data, shape);
        AtomicFiles.write(target, out -> writeTo(out, header, data));
    }

    /** The whole file's bytes for {@code data} (C order) with the given shape. */
    public static byte[] toBytes(float[] data, int... shape) {
        byte[] header = header(data, shape);
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 4 * data.length);
        try {
            writeTo(out, header, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Magic, version, header length and padded header dict: everything before the data. */
    static byte[] header(float[] data, int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ").append(shapeRepr(shape)).append(", }");
        if (shape.length > 0) dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        dict.append(" ".repeat(ALIGN - unpadded % ALIGN)).append('\n'); // as NumPy: a full 64 when already aligned
        int len = dict.length();
        if (len > 0xFFFF) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs a header longer than format 1.0 allows");
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + len).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) len).put(dict.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Python's repr of the shape tuple: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    private static String shapeRepr(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) s.append(i > 0 ? ", " : "").append(shape[i]);
        return s.append(')').toString();
    }

    private static void writeTo(OutputStream out, byte[] header, float[] data) throws IOException {
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; ) {
            int m = Math.min(chunk.capacity() / 4, data.length - i);
            chunk.clear();
            chunk.asFloatBuffer().put(data, i, m);
            out.write(chunk.array(), 0, 4 * m);
            i += m;
        }
    }
}
