package dev.fields.io.mesh;

import dev.fields.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes meshes as OBJ (text) and PLY (binary little-endian), atomically, with optional per-vertex unit normals and
 * colours (RGB in [0, 1], three per vertex like the vertices): PLY stores colours as {@code uchar red green blue}
 * (round(255 c)), OBJ as the common {@code v x y z r g b} extension (floats in [0, 1], read by MeshLab, Blender and
 * Open3D; readers that do not know it ignore the extra numbers).
 */
public final class MeshWriter {
    private MeshWriter() {}

    public static void writeObj(Path path, Mesh m, String comment) { writeObj(path, m, null, comment); }

    /** OBJ with per-vertex unit normals ({@code vn}, xyz interleaved like the vertices) when {@code normals} is not null. */
    public static void writeObj(Path path, Mesh m, float[] normals, String comment) { writeObj(path, m, normals, null, comment); }

    /** OBJ with normals and colours where they are not null ({@code v x y z r g b} for colours). */
    public static void writeObj(Path path, Mesh m, float[] normals, float[] colours, String comment) {
        checkNormals(m, normals);
        checkColours(m, colours);
        AtomicFiles.write(path, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            if (comment != null) for (String line : comment.split("\n")) w.write("# " + line + "\n");
            float[] v = m.vertices();
            for (int i = 0; i < v.length; i += 3)
                w.write(colours == null ? String.format(Locale.ROOT, "v %.7g %.7g %.7g%n", v[i], v[i + 1], v[i + 2])
                        : String.format(Locale.ROOT, "v %.7g %.7g %.7g %.4f %.4f %.4f%n", v[i], v[i + 1], v[i + 2], unit(colours[i]), unit(colours[i + 1]), unit(colours[i + 2])));
            if (normals != null)
                for (int i = 0; i < normals.length; i += 3) w.write(String.format(Locale.ROOT, "vn %.4f %.4f %.4f%n", normals[i], normals[i + 1], normals[i + 2]));
            int[] t = m.triangles();
            for (int i = 0; i < t.length; i += 3) {
                if (normals == null) w.write("f " + (t[i] + 1) + " " + (t[i + 1] + 1) + " " + (t[i + 2] + 1) + "\n");
                else w.write("f " + (t[i] + 1) + "//" + (t[i] + 1) + " " + (t[i + 1] + 1) + "//" + (t[i + 1] + 1) + " " + (t[i + 2] + 1) + "//" + (t[i + 2] + 1) + "\n");
            }
            w.flush();
        });
    }

    public static void writePly(Path path, Mesh m) { writePly(path, m, null); }

    /** Binary PLY with per-vertex normals ({@code nx ny nz}) when {@code normals} is not null. */
    public static void writePly(Path path, Mesh m, float[] normals) { writePly(path, m, normals, null); }

    /** Binary PLY with normals ({@code nx ny nz}) and colours ({@code red green blue}, uchar) where they are not null. */
    public static void writePly(Path path, Mesh m, float[] normals, float[] colours) {
        checkNormals(m, normals);
        checkColours(m, colours);
        AtomicFiles.write(path, out -> {
            String header = "ply\nformat binary_little_endian 1.0\ncomment written by fields\nelement vertex " + m.vertexCount()
                    + "\nproperty float x\nproperty float y\nproperty float z\n"
                    + (normals == null ? "" : "property float nx\nproperty float ny\nproperty float nz\n")
                    + (colours == null ? "" : "property uchar red\nproperty uchar green\nproperty uchar blue\n")
                    + "element face " + m.triangleCount() + "\nproperty list uchar int vertex_indices\nend_header\n";
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            float[] v = m.vertices();
            ByteBuffer vb = ByteBuffer.allocate(4 * (normals == null ? v.length : 2 * v.length) + (colours == null ? 0 : v.length)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i += 3) {
                vb.putFloat(v[i]).putFloat(v[i + 1]).putFloat(v[i + 2]);
                if (normals != null) vb.putFloat(normals[i]).putFloat(normals[i + 1]).putFloat(normals[i + 2]);
                if (colours != null) for (int c = 0; c < 3; c++) vb.put((byte) Math.round(255 * unit(colours[i + c])));
            }
            out.write(vb.array());
            ByteBuffer fb = ByteBuffer.allocate(13 * m.triangleCount()).order(ByteOrder.LITTLE_ENDIAN);
            int[] t = m.triangles();
            for (int i = 0; i < t.length; i += 3) fb.put((byte) 3).putInt(t[i]).putInt(t[i + 1]).putInt(t[i + 2]);
            out.write(fb.array());
        });
    }

    private static double unit(float c) { return Float.isNaN(c) ? 0 : Math.min(Math.max(c, 0f), 1f); }

    private static void checkColours(Mesh m, float[] colours) {
        if (colours != null && colours.length != m.vertices().length)
            throw new IllegalArgumentException("one colour per vertex: " + colours.length / 3 + " colours for " + m.vertexCount() + " vertices");
    }

    private static void checkNormals(Mesh m, float[] normals) {
        if (normals != null && normals.length != m.vertices().length)
            throw new IllegalArgumentException("one normal per vertex: " + normals.length / 3 + " normals for " + m.vertexCount() + " vertices");
    }
}
