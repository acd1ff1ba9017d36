package dev.fields.io.mesh;

import dev.fields.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Writes meshes as OBJ (text) and PLY (binary little-endian), atomically. */
public final class MeshWriter {
    private MeshWriter() {}

    public static void writeObj(Path path, Mesh m, String comment) { writeObj(path, m, null, comment); }

    /** OBJ with per-vertex unit normals ({@code vn}, xyz interleaved like the vertices) when {@code normals} is not null. */
    public static void writeObj(Path path, Mesh m, float[] normals, String comment) {
        checkNormals(m, normals);
        AtomicFiles.write(path, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            if (comment != null) for (String line : comment.split("\n")) w.write("# " + line + "\n");
            float[] v = m.vertices();
            for (int i = 0; i < v.length; i += 3) w.write(String.format(Locale.ROOT, "v %.7g %.7g %.7g%n", v[i], v[i + 1], v[i + 2]));
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
    public static void writePly(Path path, Mesh m, float[] normals) {
        checkNormals(m, normals);
        AtomicFiles.write(path, out -> {
            String header = "ply\nformat binary_little_endian 1.0\ncomment written by fields\nelement vertex " + m.vertexCount()
                    + "\nproperty float x\nproperty float y\nproperty float z\n"
                    + (normals == null ? "" : "property float nx\nproperty float ny\nproperty float nz\n")
                    + "element face " + m.triangleCount() + "\nproperty list uchar int vertex_indices\nend_header\n";
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            float[] v = m.vertices();
            ByteBuffer vb = ByteBuffer.allocate(4 * (normals == null ? v.length : 2 * v.length)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < v.length; i += 3) {
                vb.putFloat(v[i]).putFloat(v[i + 1]).putFloat(v[i + 2]);
                if (normals != null) vb.putFloat(normals[i]).putFloat(normals[i + 1]).putFloat(normals[i + 2]);
            }
            out.write(vb.array());
            ByteBuffer fb = ByteBuffer.allocate(13 * m.triangleCount()).order(ByteOrder.LITTLE_ENDIAN);
            int[] t = m.triangles();
            for (int i = 0; i < t.length; i += 3) fb.put((byte) 3).putInt(t[i]).putInt(t[i + 1]).putInt(t[i + 2]);
            out.write(fb.array());
        });
    }

    private static void checkNormals(Mesh m, float[] normals) {
        if (normals != null && normals.length != m.vertices().length)
            throw new IllegalArgumentException("one normal per vertex: " + normals.length / 3 + " normals for " + m.vertexCount() + " vertices");
    }
}
