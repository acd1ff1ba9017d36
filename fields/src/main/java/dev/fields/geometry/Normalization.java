package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;
import dev.fields.io.spec.Frame;

/**
 * Maps a mesh into the training box [-1, 1]³ (with a margin): {@code field = (world - offset) / scale}, and back
 * {@code world = field * scale + offset}; recorded in the blob's {@link Frame}.
 */
public record Normalization(double scale, double[] offset) {
    /** Centres the bounding box and scales its longest side to {@code 2 (1 - margin)}. */
    public static Normalization fit(Mesh mesh, double margin) {
        double[] b = mesh.bounds();
        double ext = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        double s = ext > 0 ? ext / 2 / (1 - margin) : 1;
        return new Normalization(s, new double[]{(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2});
    }

    public Mesh toField(Mesh world) {
        return world.transformed(1 / scale, new double[]{-offset[0] / scale, -offset[1] / scale, -offset[2] / scale});
    }

    public Mesh toWorld(Mesh field) { return field.transformed(scale, offset); }

    public Frame frame() { return new Frame(new double[]{-1, -1, -1}, new double[]{1, 1, 1}, scale, offset.clone(), new int[0]); }
}
