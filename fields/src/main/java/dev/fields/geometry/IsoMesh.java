package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

/**
 * The mesh a user takes away from a field on the box [-1, 1]³: its zero level set by {@link MarchingCubes} (sparse
 * above 64³), optionally simplified to a face budget by {@link QuadricSimplifier}, with unit normals from the field's
 * gradient at the final vertices ({@link FieldNormals}, step a quarter of a grid cell).
 *
 * @param extractedTriangles triangles before simplification
 */
public record IsoMesh(Mesh mesh, float[] normals, int extractedTriangles, double extractSeconds, double simplifySeconds, double normalSeconds) {
    /**
     * @param f the field, negative inside
     * @param res grid cells per axis
     * @param faces face budget, 0 = keep every face
     */
    public static IsoMesh extract(MarchingCubes.ScalarField f, int res, int faces) {
        long t0 = System.nanoTime();
        Mesh full = surface(f, res);
        return finish(f, full, res, faces, (System.nanoTime() - t0) / 1e9);
    }

    /** The full marching-cubes surface of {@code f} on [-1, 1]³ at {@code res} cells per axis (sparse above 64³). */
    public static Mesh surface(MarchingCubes.ScalarField f, int res) {
        return surface(f, new double[]{-1, -1, -1}, new double[]{1, 1, 1}, res);
    }

    /** The full marching-cubes surface of {@code f} on the box [lo, hi] at {@code res} cells per axis (sparse above 64³). */
    public static Mesh surface(MarchingCubes.ScalarField f, double[] lo, double[] hi, int res) {
        return MarchingCubes.extract(f, res, lo, hi, 0.0, res >= 64 ? 4 : 1);
    }

    /**
     * {@code full} (a {@link #surface} of {@code f} at {@code res}) simplified to {@code faces} (0 = keep every face),
     * with normals from {@code f}; {@code extractSeconds} is recorded as given, so one extraction can serve many budgets.
     */
    public static IsoMesh finish(MarchingCubes.ScalarField f, Mesh full, int res, int faces, double extractSeconds) {
        return finish(f, full, new double[]{-1, -1, -1}, new double[]{1, 1, 1}, res, faces, extractSeconds);
    }

    /** As {@link #finish(MarchingCubes.ScalarField, Mesh, int, int, double)} for a surface of the box [lo, hi]. */
    public static IsoMesh finish(MarchingCubes.ScalarField f, Mesh full, double[] lo, double[] hi, int res, int faces, double extractSeconds) {
        double cell = 0;
        for (int c = 0; c < 3; c++) cell = Math.max(cell, (hi[c] - lo[c]) / res);
        long t1 = System.nanoTime();
        Mesh m = faces > 0 ? QuadricSimplifier.simplify(full, faces) : full;
        long t2 = System.nanoTime();
        float[] n = FieldNormals.of(f, m.vertices(), 0.25 * cell);
        long t3 = System.nanoTime();
        return new IsoMesh(m, n, full.triangleCount(), extractSeconds, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }
}
