package dev.fields.io.mesh;

import dev.fields.io.UserError;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads ASCII OFF ({@code [ST][C][N][4][n]OFF}, then vertex, face and edge counts, one vertex and one face per line,
 * {@code #} comments anywhere). Read here rather than by Assimp, whose OFF importer (5.4.3) never returns from a file
 * with a comment before its vertices. Coordinates beyond the dimension (colours, normals, texture coordinates) and
 * face colours are ignored; polygons are split into a fan of triangles; faces of fewer than three vertices are skipped.
 * The counts were checked against the file's size before ({@link MeshHeaders}).
 */
final class OffReader {
    private static final Pattern KEYWORD = Pattern.compile("(ST)?C?N?(4)?(n)?(?i:OFF)");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final String name;
    private BufferedReader in;
    private int line;

    private OffReader(String name) { this.name = name; }

    /** True if the file is OFF: an {@code .off} name, or a first token that is an OFF keyword. */
    static boolean handles(Path path, String name) {
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".off")) return true;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            char[] head = new char[64];
            int n = r.read(head);
            if (n <= 0) return false;
            String[] t = SPACE.split(new String(head, 0, n).strip(), 2);
            return KEYWORD.matcher(t[0]).matches();
        } catch (IOException e) {
            return false;
        }
    }

    /** The raw mesh (not yet welded); one-line user errors for every malformed line. */
    static Mesh read(Path path, String name) {
        OffReader r = new OffReader(name);
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            r.in = in;
            return r.read();
        } catch (IOException e) {
            throw new UserError(name + ": cannot read the mesh (" + e.getMessage() + ") — check the file's permissions");
        }
    }

    private UserError bad(String what) {
        return new UserError(name + ": line " + line + ": " + what + " — repair or re-export the mesh");
    }

    /** The next line with content, comments removed, split into tokens; null at the end of the file. */
    private String[] next() throws IOException {
        String s;
        while ((s = in.readLine()) != null) {
            line++;
            int hash = s.indexOf('#');
            if (hash >= 0) s = s.substring(0, hash);
            s = s.strip();
            if (!s.isEmpty()) return SPACE.split(s);
        }
        return null;
    }

    private double number(String t) {
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw bad("expected a number, found '" + (t.length() > 20 ? t.substring(0, 20) + "…" : t) + "'");
        }
    }

    private int whole(String t, String what, long max) {
        if (!t.matches("[0-9]{1,10}") || Long.parseLong(t) > max) throw bad("expected " + what + " (0.." + max + "), found '" + (t.length() > 20 ? t.substring(0, 20) + "…" : t) + "'");
        return Integer.parseInt(t);
    }

    private Mesh read() throws IOException {
        String[] t = next();
        if (t == null) throw new UserError(name + ": the file is empty — give a mesh file (OBJ, PLY, STL, OFF, glTF, FBX, DAE)");
        int k = 0, dims = 3;
        boolean homogeneous = false;
        var m = KEYWORD.matcher(t[0]);
        if (m.matches()) {
            homogeneous = m.group(2) != null;
            k = 1;
            if (t.length > 1 && t[1].equalsIgnoreCase("BINARY"))
                throw new UserError(name + ": binary OFF is not supported — convert the mesh to ASCII OFF, OBJ or PLY");
            if (m.group(3) != null) {
                if (k >= t.length) { t = next(); k = 0; }
                if (t == null) throw bad("the file ends before the dimension");
                dims = whole(t[k++], "a dimension", 3);
                if (dims < 1) throw bad("dimension 0");
            }
        }
        int[] counts = new int[2];
        for (int c = 0; c < 2; c++) {
            if (k >= t.length) {
                t = next();
                k = 0;
                if (t == null) throw bad("the file ends before the vertex and face counts");
            }
            counts[c] = whole(t[k++], c == 0 ? "a vertex count" : "a face count", Integer.MAX_VALUE / 3);
        }
        int nv = counts[0], nf = counts[1];
        if (nv == 0) throw new UserError(name + ": no vertices (the header declares 0) — give a surface mesh");
        float[] v = new float[3 * nv];
        int perVertex = dims + (homogeneous ? 1 : 0);
        // the edge count may share the counts' line; vertices start on the next line
        for (int i = 0; i < nv; i++) {
            String[] p = next();
            if (p == null) throw bad("the header declares " + nv + " vertices, the file has " + i);
            if (p.length < perVertex) throw bad("vertex " + i + " has " + p.length + " values, expected " + perVertex);
            double w = homogeneous ? number(p[dims]) : 1;
            for (int d = 0; d < dims; d++) v[3 * i + d] = (float) (number(p[d]) / w);
        }
        IntList tri = new IntList();
        for (int f = 0; f < nf; f++) {
            String[] p = next();
            if (p == null) throw bad("the header declares " + nf + " faces, the file has " + f);
            int n = whole(p[0], "a face's vertex count", Integer.MAX_VALUE);
            if (p.length - 1 < n) throw bad("face " + f + " declares " + n + " vertices but lists " + (p.length - 1));
            if (n < 3) continue;
            int first = index(p[1], f, nv), prev = index(p[2], f, nv);
            for (int j = 3; j <= n; j++) {
                int cur = index(p[j], f, nv);
                tri.add(first, prev, cur);
                prev = cur;
            }
        }
        return new Mesh(v, tri.toArray());
    }

    private int index(String t, int face, int nv) {
        if (!t.matches("[0-9]{1,10}") || Long.parseLong(t) >= nv) throw bad("face " + face + " refers to vertex '" + t + "' of " + nv);
        return Integer.parseInt(t);
    }
}
