package dev.fields.io.mesh;

import dev.fields.io.UserError;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads PLY (ASCII, binary little- and big-endian): {@code x, y, z} of element {@code vertex} (any numeric type),
 * polygons of element {@code face} (list {@code vertex_indices} or {@code vertex_index}, split into a fan of
 * triangles) and strips of element {@code tristrips} (list {@code vertex_indices}, -1 restarts a strip); other elements
 * and properties are read past. Read here rather than by Assimp, whose PLY importer (5.4.3) can hang on a list longer
 * than its file or leave faces that crash its later steps. The element counts were checked against the file's size
 * before ({@link MeshHeaders}); list lengths are checked against what is left of the file.
 */
final class PlyReader {
    private enum Type {
        INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4), FLOAT64(8);
        final int bytes;
        Type(int bytes) { this.bytes = bytes; }

        static Type of(String s) {
            return switch (s) {
                case "char", "int8" -> INT8;
                case "uchar", "uint8" -> UINT8;
                case "short", "int16" -> INT16;
                case "ushort", "uint16" -> UINT16;
                case "int", "int32" -> INT32;
                case "uint", "uint32" -> UINT32;
                case "float", "float32" -> FLOAT32;
                case "double", "float64" -> FLOAT64;
                default -> null;
            };
        }
    }

    /** A property: a scalar of {@code type}, or a list whose length is a {@code count} and whose items are {@code type}. */
    private record Property(String name, Type type, Type count) {}

    private record Element(String name, long n, List<Property> properties) {}

    private final String name;
    private final long size;
    private InputStream in;
    private long position;
    private boolean ascii;
    private ByteOrder order;
    private final ByteBuffer scratch = ByteBuffer.allocate(8);
    private final StringBuilder token = new StringBuilder();

    private PlyReader(String name, long size) {
        this.name = name;
        this.size = size;
    }

    /** True if the file starts with the PLY magic line. */
    static boolean handles(Path path) {
        try (InputStream s = Files.newInputStream(path)) {
            byte[] b = s.readNBytes(4);
            return b.length == 4 && b[0] == 'p' && b[1] == 'l' && b[2] == 'y' && (b[3] == '\n' || b[3] == '\r');
        } catch (IOException e) {
            return false;
        }
    }

    /** The raw mesh (not yet welded); one-line user errors for malformed content. */
    static Mesh read(Path path, String name) {
        try (InputStream s = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            PlyReader r = new PlyReader(name, Files.size(path));
            r.in = s;
            return r.read();
        } catch (EOFException e) {
            throw new UserError(name + ": the file ends inside its elements — the file is truncated; repair or re-export the mesh");
        } catch (IOException e) {
            throw new UserError(name + ": cannot read the mesh (" + e.getMessage() + ") — check the file's permissions");
        }
    }

    private UserError bad(String what) { return new UserError(name + ": " + what + " — repair or re-export the mesh"); }

    private String headerLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            position++;
            if (c == '\n') break;
            if (sb.length() > 4096) throw bad("a PLY header line longer than 4 KB");
            sb.append((char) c);
        }
        if (c < 0) throw bad("no end_header in the PLY header");
        return sb.toString().strip();
    }

    private Mesh read() throws IOException {
        headerLine(); // "ply"
        List<Element> elements = new ArrayList<>();
        for (String line = headerLine(); !line.equals("end_header"); line = headerLine()) {
            String[] w = line.split("\\s+");
            switch (w[0]) {
                case "format" -> {
                    if (w.length < 2) throw bad("PLY format line '" + line + "' names no format");
                    switch (w[1]) {
                        case "ascii" -> ascii = true;
                        case "binary_little_endian" -> order = ByteOrder.LITTLE_ENDIAN;
                        case "binary_big_endian" -> order = ByteOrder.BIG_ENDIAN;
                        default -> throw bad("unknown PLY format '" + w[1] + "'");
                    }
                }
                case "element" -> {
                    if (w.length < 3 || !w[2].matches("[0-9]{1,18}")) throw bad("PLY element line '" + line + "' has no count");
                    elements.add(new Element(w[1], Long.parseLong(w[2]), new ArrayList<>()));
                }
                case "property" -> {
                    if (elements.isEmpty()) throw bad("PLY property '" + line + "' before any element");
                    boolean list = w.length >= 2 && w[1].equals("list");
                    if (w.length < (list ? 5 : 3)) throw bad("PLY property line '" + line + "' is incomplete");
                    Type count = list ? Type.of(w[2]) : null, type = Type.of(list ? w[3] : w[1]);
                    if (type == null || (list && (count == null || count == Type.FLOAT32 || count == Type.FLOAT64)))
                        throw bad("PLY property '" + line + "' has an unknown or unusable type");
                    elements.get(elements.size() - 1).properties().add(new Property(w[list ? 4 : 2], type, count));
                }
                default -> { } // comment, obj_info
            }
        }
        if (!ascii && order == null) throw bad("the PLY header has no format line");
        scratch.order(order == null ? ByteOrder.LITTLE_ENDIAN : order);

        float[] v = null;
        IntList tri = new IntList();
        int nv = -1;
        for (Element e : elements) {
            boolean vertex = e.name().equals("vertex") && nv < 0, face = e.name().equals("face"), strips = e.name().equals("tristrips");
            int[] xyz = {-1, -1, -1};
            int list = -1;
            for (int i = 0; i < e.properties().size(); i++) {
                Property p = e.properties().get(i);
                if (vertex && p.count() == null) {
                    int axis = "xyz".indexOf(p.name().length() == 1 ? p.name().charAt(0) : '?');
                    if (axis >= 0) xyz[axis] = i;
                }
                if ((face || strips) && p.count() != null && (p.name().equals("vertex_indices") || p.name().equals("vertex_index"))) list = i;
            }
            if (vertex) {
                if (xyz[0] < 0 || xyz[1] < 0 || xyz[2] < 0) throw bad("PLY vertices have no x, y and z");
                if (e.n() > Integer.MAX_VALUE / 3) throw bad("PLY declares " + e.n() + " vertices, more than this tool holds");
                nv = (int) e.n();
                v = new float[3 * nv];
            }
            if ((face || strips) && list >= 0 && nv < 0) throw bad("PLY faces come before the vertices");
            int[] items = new int[16];
            for (long k = 0; k < e.n(); k++) {
                for (int i = 0; i < e.properties().size(); i++) {
                    Property p = e.properties().get(i);
                    if (p.count() == null) {
                        double x = number(p.type());
                        if (vertex) for (int a = 0; a < 3; a++) if (xyz[a] == i) v[3 * (int) k + a] = (float) x;
                        continue;
                    }
                    long n = (long) number(p.count());
                    if (n < 0 || n > (size - position + 1) / (ascii ? 2 : p.type().bytes))
                        throw bad("PLY " + e.name() + " " + k + " lists " + n + " items, more than the rest of the file holds");
                    if (i != list) {
                        for (long j = 0; j < n; j++) number(p.type());
                        continue;
                    }
                    if (n > items.length) items = new int[(int) Math.max(n, 2L * items.length)];
                    for (int j = 0; j < n; j++) items[j] = index(number(p.type()), e.name(), k, nv, strips);
                    if (face) for (int j = 2; j < n; j++) tri.add(items[0], items[j - 1], items[j]);
                    else strip(items, (int) n, tri);
                }
            }
        }
        if (v == null) throw new UserError(name + ": no vertices — give a surface mesh");
        return new Mesh(v, tri.toArray());
    }

    private int index(double x, String element, long k, int nv, boolean restartAllowed) {
        if (x == -1 && restartAllowed) return -1;
        if (!(x >= 0 && x < nv) || x != Math.rint(x)) throw bad("PLY " + element + " " + k + " refers to vertex " + x + " of " + nv);
        return (int) x;
    }

    /** A triangle strip: -1 restarts it; every other triangle is flipped to keep the winding. */
    private void strip(int[] items, int n, IntList tri) {
        int start = 0;
        for (int j = 0; j < n; j++) {
            if (items[j] < 0) { start = j + 1; continue; }
            if (j - start >= 2) {
                if ((j - start) % 2 == 0) tri.add(items[j - 2], items[j - 1], items[j]);
                else tri.add(items[j - 1], items[j - 2], items[j]);
            }
        }
    }

    private double number(Type t) throws IOException {
        if (ascii) return asciiNumber(t);
        scratch.clear();
        for (int i = 0; i < t.bytes; i++) {
            int c = in.read();
            if (c < 0) throw new EOFException();
            scratch.put((byte) c);
        }
        position += t.bytes;
        scratch.flip();
        return switch (t) {
            case INT8 -> scratch.get();
            case UINT8 -> scratch.get() & 0xFF;
            case INT16 -> scratch.getShort();
            case UINT16 -> scratch.getShort() & 0xFFFF;
            case INT32 -> scratch.getInt();
            case UINT32 -> Integer.toUnsignedLong(scratch.getInt());
            case FLOAT32 -> scratch.getFloat();
            case FLOAT64 -> scratch.getDouble();
        };
    }

    private double asciiNumber(Type t) throws IOException {
        token.setLength(0);
        int c;
        do { c = in.read(); position++; } while (c >= 0 && Character.isWhitespace(c));
        while (c >= 0 && !Character.isWhitespace(c)) {
            if (token.length() > 64) throw bad("a PLY value longer than 64 characters");
            token.append((char) c);
            c = in.read();
            position++;
        }
        if (token.length() == 0) throw new EOFException();
        String s = token.toString();
        try {
            if (t == Type.FLOAT32 || t == Type.FLOAT64) return Double.parseDouble(s);
            long x = Long.parseLong(s);
            return x;
        } catch (NumberFormatException e) {
            throw bad("PLY value '" + s + "' is not " + (t == Type.FLOAT32 || t == Type.FLOAT64 ? "a number" : "a whole number")
                    + " (type " + t.name().toLowerCase(Locale.ROOT) + ")");
        }
    }
}
