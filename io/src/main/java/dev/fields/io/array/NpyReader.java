package dev.fields.io.array;

import dev.fields.io.UserError;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) into a row-major float array and its shape.
 *
 * <p>Element types: {@code f4} and {@code f8} in either byte order ({@code <} or {@code >}; doubles are rounded to
 * the nearest float once), and the integers {@code i1 u1 i2 u2 i4 u4 i8 u8} converted to float. Fortran-order files
 * are reordered, so {@link Array#data()} is always C order (last index fastest). Everything else — a bad magic
 * string, a truncated or unparseable header, a shape whose byte count differs from the file's, complex, half-precision,
 * boolean, structured or object (pickled) arrays, a shape too large for one Java array — is a one-line
 * {@link UserError} naming the file and the fix. Sizes are checked in {@code long} before anything is allocated.
 */
public final class NpyReader {
    /** numpy's own loader refuses headers above 10,000 bytes by default; this leaves room and bounds allocation. */
    static final int MAX_HEADER = 1 << 20;
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {}

    /** An n-dimensional array: {@code data} in C order, {@code data.length} = the product of {@code shape}. */
    public record Array(int[] shape, float[] data) {
        public Array {
            shape = shape.clone();
            long n = 1;
            for (int d : shape) {
                if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
                n *= d;
            }
            if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }

        @Override public int[] shape() { return shape.clone(); }

        public int dims() { return shape.length; }

        public int dim(int axis) { return shape[axis]; }

        /** Shape as numpy prints it, e.g. {@code (3, 4)} or {@code (5,)}. */
        public String shapeText() { return NpyReader.shapeText(shape); }
    }

    /** Reads a {@code .npy} file; every problem with the file is a {@link UserError}. */
    public static Array read(Path path) {
        if (!Files.exists(path)) throw new UserError("file not found: " + path + " — check the path");
        if (Files.isDirectory(path)) throw new UserError(path + " is a directory — give a .npy file");
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return read(path.toString(), Files.size(path), in);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + " (" + e.getMessage() + ") — check that the file is readable", e);
        }
    }

    /** Reads {@code .npy} bytes held in memory; {@code name} is what error messages call them. */
    public static Array read(String name, byte[] bytes) {
        try {
            return read(name, bytes.length, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Array read(String name, long size, InputStream in) throws IOException {
        byte[] prefix = new byte[8];
        if (size < 10 || !readFully(in, prefix)) throw bad(name, "file of " + size + " bytes is too short for a .npy header");
        for (int i = 0; i < MAGIC.length; i++)
            if (prefix[i] != MAGIC[i]) throw bad(name, "it does not start with the .npy magic string \\x93NUMPY (not a NumPy file)");
        int major = prefix[6] & 0xFF, minor = prefix[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0)
            throw bad(name, "format version " + major + "." + minor + " is not one of 1.0, 2.0, 3.0");
        byte[] len = new byte[major == 1 ? 2 : 4];
        if (!readFully(in, len)) throw bad(name, "the header length is cut off (truncated file)");
        long headerLength = major == 1 ? (len[0] & 0xFFL) | (len[1] & 0xFFL) << 8
                : ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        long dataOffset = 8 + len.length + headerLength;
        if (dataOffset > size)
            throw bad(name, "the header claims " + headerLength + " bytes but the file has only " + (size - 8 - len.length) + " after it (truncated file)");
        if (headerLength > MAX_HEADER) throw bad(name, "header of " + headerLength + " bytes is implausibly large");
        byte[] headerBytes = new byte[(int) headerLength];
        if (!readFully(in, headerBytes)) throw bad(name, "the header is cut off (truncated file)");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(name, header);

        long count = 1;
        for (long d : h.shape) {
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw bad(name, "shape " + shapeText(h.shape) + " has more elements than a long can count");
            }
        }
        long need;
        try {
            need = Math.multiplyExact(count, (long) h.type.size);
        } catch (ArithmeticException e) {
            throw bad(name, "shape " + shapeText(h.shape) + " needs more bytes than a long can count");
        }
        long have = size - dataOffset;
        if (need != have)
            throw bad(name, "shape " + shapeText(h.shape) + " of " + h.descr + " needs " + need + " data bytes but the file holds " + have
                    + (need > have ? " (truncated file, or a wrong shape in the header)" : " (extra bytes after the array, or a wrong shape in the header)"));
        if (count > MAX_ELEMENTS)
            throw bad(name, "shape " + shapeText(h.shape) + " has " + count + " elements, more than one Java array holds (" + MAX_ELEMENTS + ")");

        int[] shape = new int[h.shape.length];
        for (int i = 0; i < shape.length; i++) {
            // only an empty array gets here with such a dimension: the element count is 0
            if (h.shape[i] > Integer.MAX_VALUE)
                throw bad(name, "shape " + shapeText(h.shape) + " has a dimension above " + Integer.MAX_VALUE + ", more than a Java array holds");
            shape[i] = (int) h.shape[i];
        }
        float[] data = new float[(int) count];
        Order order = h.fortran && shape.length > 1 ? new Order(shape) : null;
        ByteBuffer buf = ByteBuffer.allocate(Math.max(h.type.size, (1 << 16) / h.type.size * h.type.size)).order(h.order);
        long done = 0;
        while (done < count) {
            int chunk = (int) Math.min(buf.capacity() / h.type.size, count - done);
            buf.clear().limit(chunk * h.type.size);
            if (!readFully(in, buf.array(), buf.limit())) throw bad(name, "the data ends early (truncated file)");
            for (int k = 0; k < chunk; k++) {
                float v = h.type.get(buf);
                if (order == null) data[(int) (done + k)] = v;
                else data[order.next()] = v;
            }
            done += chunk;
        }
        return new Array(shape, data);
    }

    /** Walks a Fortran-order array in file order (first index fastest) and yields each element's C-order index. */
    private static final class Order {
        private final int[] shape, index;
        private final long[] cStride;
        private long c;
        private boolean started;

        Order(int[] shape) {
            this.shape = shape;
            index = new int[shape.length];
            cStride = new long[shape.length];
            long s = 1;
            for (int d = shape.length - 1; d >= 0; d--) { cStride[d] = s; s *= shape[d]; }
        }

        int next() {
            if (!started) { started = true; return 0; }
            for (int d = 0; d < shape.length; d++) {
                if (++index[d] < shape[d]) { c += cStride[d]; break; }
                c -= (long) (shape[d] - 1) * cStride[d];
                index[d] = 0;
            }
            return (int) c;
        }
    }

    /** The element types read, with their byte sizes and conversion to float. */
    private enum Type {
        F4(4) { float get(ByteBuffer b) { return b.getFloat(); } },
        F8(8) { float get(ByteBuffer b) { return (float) b.getDouble(); } },
        I1(1) { float get(ByteBuffer b) { return b.get(); } },
        U1(1) { float get(ByteBuffer b) { return b.get() & 0xFF; } },
        I2(2) { float get(ByteBuffer b) { return b.getShort(); } },
        U2(2) { float get(ByteBuffer b) { return b.getShort() & 0xFFFF; } },
        I4(4) { float get(ByteBuffer b) { return b.getInt(); } },
        U4(4) { float get(ByteBuffer b) { return b.getInt() & 0xFFFFFFFFL; } },
        I8(8) { float get(ByteBuffer b) { return b.getLong(); } },
        U8(8) { float get(ByteBuffer b) { long v = b.getLong(); return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1)); } };

        final int size;

        Type(int size) { this.size = size; }

        abstract float get(ByteBuffer b);
    }

    private record Header(String descr, Type type, ByteOrder order, boolean fortran, long[] shape) {
        static Header parse(String name, String text) {
            Object parsed;
            try {
                parsed = new PyLiteral(text).parseWhole();
            } catch (IllegalArgumentException e) {
                throw bad(name, "its header is not a Python dict literal (" + e.getMessage() + ")");
            }
            if (!(parsed instanceof Map<?, ?> dict))
                throw bad(name, "its header is not a dict but " + PyLiteral.kind(parsed));
            if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape")))
                throw bad(name, "its header has keys " + dict.keySet() + ", expected exactly descr, fortran_order and shape");
            Object descr = dict.get("descr"), fortran = dict.get("fortran_order"), shape = dict.get("shape");
            if (!(fortran instanceof Boolean f)) throw bad(name, "fortran_order is " + PyLiteral.kind(fortran) + ", expected True or False");
            if (!(shape instanceof PyLiteral.Tuple t)) throw bad(name, "shape is " + PyLiteral.kind(shape) + ", expected a tuple of integers");
            long[] dims = new long[t.items().size()];
            for (int i = 0; i < dims.length; i++) {
                if (!(t.items().get(i) instanceof Long d) || d < 0)
                    throw bad(name, "shape " + t + " must hold non-negative integers");
                dims[i] = d;
            }
            if (!(descr instanceof String s))
                throw bad(name, "its dtype is a structured (record) type, which is not supported", "save a plain float32 or float64 array");
            return dtype(name, s, f, dims);
        }

        private static Header dtype(String name, String s, boolean fortran, long[] shape) {
            String fix = "save the array as float32 or float64 (numpy: np.save(path, a.astype(np.float32)))";
            if (s.length() < 2) throw bad(name, "dtype '" + s + "' is not a NumPy type string", fix);
            char endian = s.charAt(0);
            Type type = switch (s.substring(1)) {
                case "f4" -> Type.F4;
                case "f8" -> Type.F8;
                case "i1" -> Type.I1;
                case "u1" -> Type.U1;
                case "i2" -> Type.I2;
                case "u2" -> Type.U2;
                case "i4" -> Type.I4;
                case "u4" -> Type.U4;
                case "i8" -> Type.I8;
                case "u8" -> Type.U8;
                default -> throw bad(name, "dtype '" + s + "' (" + describe(s.substring(1)) + ") is not supported", fix);
            };
            ByteOrder order;
            if (endian == '<') order = ByteOrder.LITTLE_ENDIAN;
            else if (endian == '>') order = ByteOrder.BIG_ENDIAN;
            else if (endian == '|' && type.size == 1) order = ByteOrder.LITTLE_ENDIAN;
            else throw bad(name, "dtype '" + s + "' has byte order '" + endian + "', expected '<' or '>'", fix);
            return new Header(s, type, order, fortran, shape);
        }

        private static String describe(String code) {
            if (code.isEmpty()) return "empty";
            return switch (code.charAt(0)) {
                case 'c' -> "complex";
                case 'f' -> "float of " + code.substring(1) + " bytes";
                case 'b' -> "boolean";
                case 'O' -> "Python objects";
                case 'U', 'S', 'a' -> "text";
                case 'M', 'm' -> "dates or times";
                case 'V' -> "raw bytes";
                default -> "unknown";
            };
        }
    }

    static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) b.append(i == 0 ? "" : ", ").append(shape[i]);
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static String shapeText(int[] shape) { return shapeText(Arrays.stream(shape).asLongStream().toArray()); }

    private static UserError bad(String name, String problem) { return bad(name, problem, "re-save it with numpy.save"); }

    private static UserError bad(String name, String problem, String fix) {
        return new UserError("cannot read " + name + " as a .npy array: " + problem.replaceAll("\\p{Cntrl}", "?") + " — " + fix);
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException { return readFully(in, b, b.length); }

    private static boolean readFully(InputStream in, byte[] b, int n) throws IOException {
        try {
            int off = 0;
            while (off < n) {
                int r = in.read(b, off, n - off);
                if (r < 0) return false;
                off += r;
            }
            return true;
        } catch (EOFException e) {
            return false;
        }
    }

    /** The subset of Python literal syntax that .npy headers use: dict, tuple, list, str, int, True/False/None. */
    static final class PyLiteral {
        record Tuple(List<Object> items) {
            @Override public String toString() {
                StringBuilder b = new StringBuilder("(");
                for (int i = 0; i < items.size(); i++) b.append(i == 0 ? "" : ", ").append(items.get(i));
                return b.append(items.size() == 1 ? ",)" : ")").toString();
            }
        }

        private static final Object NONE = new Object() { @Override public String toString() { return "None"; } };
        private static final int MAX_DEPTH = 32;
        private final String s;
        private int pos, depth;

        PyLiteral(String s) { this.s = s; }

        Object parseWhole() {
            Object v = value();
            skipSpace();
            if (pos != s.length()) throw error("unexpected text after the dict");
            return v;
        }

        static String kind(Object v) {
            if (v == null) return "missing";
            if (v instanceof String str) return "the string '" + str + "'";
            if (v instanceof Map) return "a dict";
            if (v instanceof Tuple t) return "the tuple " + t;
            if (v instanceof List) return "a list";
            return String.valueOf(v);
        }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) throw error("unexpected end");
            if (++depth > MAX_DEPTH) throw error("nested too deeply");
            try {
                char c = s.charAt(pos);
                if (c == '{') return dict();
                if (c == '(') return sequence('(', ')');
                if (c == '[') return sequence('[', ']');
                if (c == '\'' || c == '"') return string();
                if (c == '-' || c == '+' || Character.isDigit(c)) return integer();
                if (s.startsWith("True", pos)) { pos += 4; return Boolean.TRUE; }
                if (s.startsWith("False", pos)) { pos += 5; return Boolean.FALSE; }
                if (s.startsWith("None", pos)) { pos += 4; return NONE; }
                throw error("unexpected character '" + printable(c) + "'");
            } finally {
                depth--;
            }
        }

        private Map<Object, Object> dict() {
            pos++;
            Map<Object, Object> m = new java.util.LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek('}')) { pos++; return m; }
                Object k = value();
                if (!(k instanceof String)) throw error("a dict key is not a string");
                skipSpace();
                expect(':');
                Object v = value();
                if (m.put(k, v) != null) throw error("key '" + k + "' appears twice");
                skipSpace();
                if (peek(',')) pos++;
                else if (!peek('}')) throw error("expected ',' or '}'");
            }
        }

        private Object sequence(char open, char close) {
            pos++;
            List<Object> items = new java.util.ArrayList<>();
            boolean comma = false;
            while (true) {
                skipSpace();
                if (peek(close)) {
                    pos++;
                    if (open == '(' && items.size() == 1 && !comma) return items.get(0);
                    return open == '(' ? new Tuple(List.copyOf(items)) : items;
                }
                items.add(value());
                skipSpace();
                comma = peek(',');
                if (comma) pos++;
                else if (!peek(close)) throw error("expected ',' or '" + close + "'");
            }
        }

        private String string() {
            char q = s.charAt(pos++);
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == q) return b.toString();
                if (c == '\\') {
                    if (pos >= s.length()) break;
                    b.append(s.charAt(pos++));
                } else b.append(c);
            }
            throw error("unterminated string");
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-' || s.charAt(pos) == '+') pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            if (pos < s.length() && s.charAt(pos) == 'L') pos++;
            String digits = s.substring(start, s.charAt(pos - 1) == 'L' ? pos - 1 : pos);
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("'" + digits + "' is not an integer that fits in 64 bits");
            }
        }

        private void skipSpace() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        private boolean peek(char c) { return pos < s.length() && s.charAt(pos) == c; }

        private void expect(char c) {
            if (!peek(c)) throw error("expected '" + c + "'");
            pos++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }

        private static String printable(char c) { return c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c); }
    }
}
