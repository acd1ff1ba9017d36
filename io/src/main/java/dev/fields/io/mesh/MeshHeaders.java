package dev.fields.io.mesh;

import dev.fields.io.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the element counts a mesh file declares (OFF vertex and face counts, binary STL triangle count, PLY element
 * counts) against what its size can hold and against a limit, before an importer allocates for them. A file of
 * another format, or a header this check cannot read, is left to the importer.
 */
final class MeshHeaders {
    /** Bytes read to find a header. */
    private static final int HEAD = 1 << 16;
    private static final Pattern OFF_KEYWORD = Pattern.compile("(ST)?C?N?4?n?OFF", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,30}");
    private static final Map<String, Integer> PLY_SIZES = Map.ofEntries(
            Map.entry("char", 1), Map.entry("uchar", 1), Map.entry("int8", 1), Map.entry("uint8", 1),
            Map.entry("short", 2), Map.entry("ushort", 2), Map.entry("int16", 2), Map.entry("uint16", 2),
            Map.entry("int", 4), Map.entry("uint", 4), Map.entry("int32", 4), Map.entry("uint32", 4),
            Map.entry("float", 4), Map.entry("float32", 4), Map.entry("double", 8), Map.entry("float64", 8));

    private final String name;
    private final long size;
    private final long limit;

    private MeshHeaders(String name, long size, long limit) {
        this.name = name;
        this.size = size;
        this.limit = limit;
    }

    /** Refuses, in one line, a header that promises more elements than the file holds or than {@code limit}. */
    static void check(Path path, String name, long limit) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            head = in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new UserError(name + ": cannot read the mesh (" + e.getMessage() + ") — check the file's permissions");
        }
        MeshHeaders h = new MeshHeaders(name, size, limit);
        String lower = name.toLowerCase(Locale.ROOT);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("ply")) h.ply(text);
        else if (lower.endsWith(".stl")) h.stl(head);
        else h.off(text, lower.endsWith(".off"));
    }

    /** A count token as a number; anything past {@code Long.MAX_VALUE} saturates (a header that large is refused anyway). */
    private static long count(String token) {
        if (token.length() > 18) return Long.MAX_VALUE;
        return Long.parseLong(token);
    }

    private static long times(long a, long b) {
        if (a == 0 || b == 0) return 0;
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static long plus(long a, long b) { return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b; }

    private void limit(long n, String what) {
        if (n > limit)
            throw new UserError(name + ": the header declares " + n + " " + what + ", more than the limit of " + limit
                    + " (system property " + MeshImporter.MAX_ELEMENTS_PROPERTY + ") — simplify the mesh or raise the limit");
    }

    private UserError tooSmall(String declared, long needs) {
        return new UserError(name + ": the header declares " + declared + ", which needs "
                + (needs == Long.MAX_VALUE ? "more bytes than any file holds" : "at least " + needs + " bytes")
                + ", but the file has " + size + " — the file is truncated or its header is wrong; repair or re-export the mesh");
    }

    private static UserError noTriangles(String name, long vertices) {
        return new UserError(name + ": no triangles (" + vertices + " vertices, no faces) — give a surface mesh, not points or lines");
    }

    /** Whitespace-separated tokens of an OFF header, '#' comments skipped, with the offset just past each. */
    private static List<long[]> tokens(String text, int max) {
        List<long[]> t = new ArrayList<>();
        int i = 0, n = text.length();
        while (i < n && t.size() < max) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                int s = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '#') i++;
                t.add(new long[]{s, i});
            }
        }
        return t;
    }

    private static String token(String text, long[] t) { return text.substring((int) t[0], (int) t[1]); }

    /** OFF: [keyword] [dimension for nOFF] vertices faces edges; at least 6 bytes a vertex ("0 0 0\n"), 2 a face. */
    private void off(String text, boolean offName) {
        List<long[]> t = tokens(text, 6);
        if (t.isEmpty()) return;
        int k = 0;
        String first = token(text, t.get(0));
        if (OFF_KEYWORD.matcher(first).matches()) {
            k = 1;
            if (first.endsWith("nOFF")) k = 2;
        } else if (!offName) {
            return;
        }
        if (t.size() < k + 2) return;
        String v = token(text, t.get(k)), f = token(text, t.get(k + 1));
        if (!COUNT.matcher(v).matches() || !COUNT.matcher(f).matches()) return;
        long nv = count(v), nf = count(f);
        long body = size - t.get(k + 1)[1];
        long needs = plus(times(nv, 6), times(nf, 2)) - 1;
        if (needs > body) throw tooSmall(v + " vertices and " + f + " faces", plus(needs, t.get(k + 1)[1]));
        limit(nv, "vertices");
        limit(nf, "faces");
        if (nf == 0 && nv > 0) throw noTriangles(name, nv);
    }

    /**
     * Binary STL: 80-byte header, uint32 triangle count, 50 bytes a triangle. Told apart from ASCII STL as Assimp does
     * (binary when the 32-bit size 84 + 50 n equals the file size), so a count whose size wraps around 2^32 is refused.
     */
    private void stl(byte[] head) {
        if (size < 84 || head.length < 84) return;
        long n = Integer.toUnsignedLong(ByteBuffer.wrap(head, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        long exact = 84 + 50 * n;
        boolean binary = (exact & 0xFFFFFFFFL) == size;
        if (!binary && new String(head, 0, Math.min(head.length, 512), StandardCharsets.ISO_8859_1).stripLeading().startsWith("solid")) return;
        if (exact > size || (binary && exact != size)) throw tooSmall(n + " triangles (binary STL)", exact);
        limit(n, "triangles");
        if (n == 0) throw new UserError(name + ": no triangles (the binary STL declares 0) — give a surface mesh");
    }

    /** PLY: element counts against the smallest body they need (2 bytes a property in ASCII, the type sizes in binary). */
    private void ply(String text) {
        int end = text.indexOf("end_header");
        if (end < 0)
            throw new UserError(name + ": no end_header in the first " + (HEAD >> 10) + " KB of the PLY header — repair or re-export the mesh");
        // the body follows end_header and its line end (when the line end is missing, the count is one byte generous)
        int bodyStart = end + "end_header".length();
        if (text.startsWith("\r\n", bodyStart)) bodyStart += 2;
        else if (text.startsWith("\n", bodyStart) || text.startsWith("\r", bodyStart)) bodyStart++;
        long body = size - bodyStart;
        boolean ascii = false;
        long needs = 0, vertices = -1, faces = 0;
        String element = null;
        long elementCount = 0, elementBytes = 0;
        StringBuilder declared = new StringBuilder();
        List<String> elements = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (String line : text.substring(0, end).split("\r?\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && w[0].equals("format")) {
                ascii = w[1].equals("ascii");
                if (!java.util.Set.of("ascii", "binary_little_endian", "binary_big_endian").contains(w[1]))
                    throw new UserError(name + ": unknown PLY format '" + w[1] + "' (expected ascii, binary_little_endian or binary_big_endian)"
                            + " — repair or re-export the mesh");
            }
            if (w.length >= 3 && w[0].equals("element")) {
                needs = plus(needs, times(elementCount, elementBytes));
                if (!COUNT.matcher(w[2]).matches())
                    throw new UserError(name + ": PLY element '" + w[1] + "' has count '" + w[2] + "', expected a whole number — repair or re-export the mesh");
                element = w[1];
                elementCount = count(w[2]);
                elementBytes = 0;
                elements.add(element);
                counts.add(elementCount);
                if (element.equals("vertex")) vertices = elementCount;
                if (element.equals("face") || element.equals("tristrips")) faces += elementCount;
                declared.append(declared.length() == 0 ? "" : ", ").append(w[2]).append(' ').append(element);
            } else if (w.length >= 3 && w[0].equals("property") && element != null) {
                String type = w[1].equals("list") ? w[2] : w[1];
                Integer bytes = PLY_SIZES.get(type);
                if (bytes == null || (w[1].equals("list") && (w.length < 5 || !PLY_SIZES.containsKey(w[3]))))
                    throw new UserError(name + ": PLY property '" + line.trim() + "' has an unknown type (expected " + String.join(", ", new java.util.TreeSet<>(PLY_SIZES.keySet()))
                            + ") — repair or re-export the mesh");
                elementBytes += ascii ? 2 : bytes;
            }
        }
        needs = plus(needs, times(elementCount, elementBytes));
        if (ascii) needs = Math.max(0, needs - 1);
        if (needs > body) throw tooSmall(declared.toString(), plus(needs, bodyStart));
        for (int i = 0; i < counts.size(); i++) limit(counts.get(i), "'" + elements.get(i) + "' elements");
        if (vertices > 0 && faces == 0) throw noTriangles(name, vertices);
    }
}
