package dev.fields.io.fuzz;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Well-formed inputs the fuzzer starts from: small blobs of every encoding and kind, and a cube in every mesh format. */
final class Seeds {
    private Seeds() {}

    static byte[] blob(EncodingSpec enc, NetworkSpec net, int inputDim, Output out) {
        FieldSpec spec = new FieldSpec(inputDim, enc, net, List.of(out), Frame.box(inputDim, -1, 1), 1.5);
        Random r = new Random(inputDim * 31L + net.hidden().get(0));
        Map<String, Tensor> t = new LinkedHashMap<>();
        spec.expectedTensors().forEach((k, s) -> {
            int n = 1;
            for (int d : s) n *= d;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
            t.put(k, new Tensor(s, v));
        });
        return BlobFormat.toBytes(FieldBlob.field(spec, t, new Provenance("fuzz", 1, 10, Map.of("psnr", 20.0), "0.1.0",
                "2026-01-01T00:00:00Z", Map.of("training", Map.of("lr", 0.01)))));
    }

    /** Two tensors in this order: Map.of's order changes from one JVM to the next, and with it every mutation of the seed. */
    private static Map<String, Tensor> tensors(String a, Tensor ta, String b, Tensor tb) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(a, ta);
        m.put(b, tb);
        return m;
    }

    static List<byte[]> blobs() {
        byte[] field = blob(new EncodingSpec.GaussianFourier(4, 10), NetworkSpec.relu(Parameterization.RWF, 6, 6), 3,
                new Output(Channel.SDF, 1, Head.IDENTITY));
        byte[] positional = blob(new EncodingSpec.Positional(2, true), NetworkSpec.relu(Parameterization.PLAIN, 5), 2,
                new Output(Channel.RGB, 3, Head.SIGMOID));
        byte[] modified = blob(new EncodingSpec.Identity(), new NetworkSpec(NetworkSpec.Type.MODIFIED, List.of(4, 4), Activation.TANH,
                Parameterization.ADAPTIVE, 30, 1, 1, 0.1), 3, new Output(Channel.OCCUPANCY, 1, Head.SIGMOID));
        FieldSpec s = BlobFormat.fromBytes(field, "seed").spec();
        byte[] checkpoint = BlobFormat.toBytes(new FieldBlob(FieldBlob.KIND_CHECKPOINT, s,
                tensors("params", Tensor.of(new float[]{1, 2, 3, 4}, 4), "adam.m", Tensor.of(new float[]{0, 0, 0, 0}, 4)),
                new Provenance("checkpoint", 1, 5, Map.of(), "0.1.0", "2026-01-01T00:00:00Z", Map.of())));
        return List.of(field, positional, modified, checkpoint);
    }

    /** A cube (8 vertices, 6 quads or 12 triangles) as the file name's format. */
    static Map<String, byte[]> meshes() {
        float[][] v = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
        int[][] q = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
        int[][] tri = new int[12][];
        for (int i = 0; i < 6; i++) {
            tri[2 * i] = new int[]{q[i][0], q[i][1], q[i][2]};
            tri[2 * i + 1] = new int[]{q[i][0], q[i][2], q[i][3]};
        }
        Map<String, byte[]> m = new LinkedHashMap<>();
        StringBuilder off = new StringBuilder("OFF\n# cube\n8 6 0\n"), obj = new StringBuilder("# cube\n"), ply = new StringBuilder(
                "ply\nformat ascii 1.0\ncomment cube\nelement vertex 8\nproperty float x\nproperty float y\nproperty float z\n"
                        + "element face 6\nproperty list uchar int vertex_indices\nend_header\n");
        for (float[] p : v) {
            off.append(p[0]).append(' ').append(p[1]).append(' ').append(p[2]).append('\n');
            obj.append("v ").append(p[0]).append(' ').append(p[1]).append(' ').append(p[2]).append('\n');
            ply.append(p[0]).append(' ').append(p[1]).append(' ').append(p[2]).append('\n');
        }
        for (int[] f : q) {
            off.append("4 ").append(f[0]).append(' ').append(f[1]).append(' ').append(f[2]).append(' ').append(f[3]).append('\n');
            obj.append("f ").append(f[0] + 1).append(' ').append(f[1] + 1).append(' ').append(f[2] + 1).append(' ').append(f[3] + 1).append('\n');
            ply.append("4 ").append(f[0]).append(' ').append(f[1]).append(' ').append(f[2]).append(' ').append(f[3]).append('\n');
        }
        StringBuilder stl = new StringBuilder("solid cube\n");
        for (int[] t : tri) {
            stl.append(" facet normal 0 0 0\n  outer loop\n");
            for (int i : t) stl.append("   vertex ").append(v[i][0]).append(' ').append(v[i][1]).append(' ').append(v[i][2]).append('\n');
            stl.append("  endloop\n endfacet\n");
        }
        stl.append("endsolid cube\n");
        m.put("cube.off", off.toString().getBytes(StandardCharsets.US_ASCII));
        m.put("cube.obj", obj.toString().getBytes(StandardCharsets.US_ASCII));
        m.put("cube.ply", ply.toString().getBytes(StandardCharsets.US_ASCII));
        m.put("cube-ascii.stl", stl.toString().getBytes(StandardCharsets.US_ASCII));
        m.put("cube-binary.ply", binaryPly(v, tri));
        m.put("cube-binary.stl", binaryStl(v, tri));
        return m;
    }

    private static byte[] binaryPly(float[][] v, int[][] tri) {
        byte[] h = ("ply\nformat binary_little_endian 1.0\nelement vertex " + v.length + "\nproperty float x\nproperty float y\nproperty float z\n"
                + "element face " + tri.length + "\nproperty list uchar int vertex_indices\nend_header\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(h.length + 12 * v.length + 13 * tri.length).order(ByteOrder.LITTLE_ENDIAN).put(h);
        for (float[] p : v) b.putFloat(p[0]).putFloat(p[1]).putFloat(p[2]);
        for (int[] t : tri) b.put((byte) 3).putInt(t[0]).putInt(t[1]).putInt(t[2]);
        return b.array();
    }

    private static byte[] binaryStl(float[][] v, int[][] tri) {
        ByteBuffer b = ByteBuffer.allocate(84 + 50 * tri.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("binary cube".getBytes(StandardCharsets.US_ASCII)).position(80);
        b.putInt(tri.length);
        for (int[] t : tri) {
            b.putFloat(0).putFloat(0).putFloat(0);
            for (int i : t) b.putFloat(v[i][0]).putFloat(v[i][1]).putFloat(v[i][2]);
            b.putShort((short) 0);
        }
        return b.array();
    }
}
