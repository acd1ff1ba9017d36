package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.util.SplittableRandom;

/**
 * A precomputed pool of labelled points in field units (box [-1, 1]³): exact surface points (distance 0),
 * near-surface points with Gaussian noise at two scales, and uniform points; each with its signed distance and inside
 * label, and the surface points with their outward normal. Training draws fresh batches from it every step in the
 * configured mix.
 */
public final class SamplePool {
    /** Fractions of each kind in a batch (normalized) and the two noise scales (field units). */
    public record Mix(double surface, double nearA, double nearB, double uniform, double sigmaA, double sigmaB) {
        public static Mix defaults() { return new Mix(0.25, 0.25, 0.25, 0.25, 0.01, 0.08); }
    }

    private final float[][] xyz = new float[4][], sdf = new float[4][], inside = new float[4][];
    private final float[] surfaceNormals;
    private final double[] cum = new double[4];

    /** Builds a pool of {@code size} points per kind from a mesh already in field units. */
    public SamplePool(Mesh fieldMesh, GroundTruth gt, int size, Mix mix, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SurfaceSampler ss = new SurfaceSampler(fieldMesh);
        double[] sig = {0, mix.sigmaA(), mix.sigmaB()};
        surfaceNormals = new float[3 * size];
        for (int k = 0; k < 4; k++) {
            float[] p = new float[3 * size];
            if (k < 3) {
                ss.sample(size, rng, p, k == 0 ? surfaceNormals : null);
                if (k > 0) for (int i = 0; i < p.length; i++) p[i] = clamp(p[i] + (float) (sig[k] * dev.fields.math.Gaussian.next(rng)));
            } else {
                for (int i = 0; i < p.length; i++) p[i] = (float) (2 * rng.nextDouble() - 1);
            }
            xyz[k] = p;
            sdf[k] = new float[size];
            inside[k] = new float[size];
            if (k == 0) java.util.Arrays.fill(inside[k], 0.5f); // on the surface: neither
            else gt.query(p, size, sdf[k], inside[k]);
        }
        SurfaceOrientation.orientOutward(xyz[0], surfaceNormals, size, gt);
        double[] w = {mix.surface(), mix.nearA(), mix.nearB(), mix.uniform()};
        double tot = w[0] + w[1] + w[2] + w[3];
        if (!(tot > 0)) throw new IllegalArgumentException("sample mix needs a positive fraction, got " + java.util.Arrays.toString(w));
        double acc = 0;
        for (int k = 0; k < 4; k++) { acc += w[k] / tot; cum[k] = acc; }
    }

    private static float clamp(float v) { return Math.max(-1f, Math.min(1f, v)); }

    /**
     * Draws n labelled points into caller-owned arrays; {@code outNormals} (3n, may be null) receives the outward
     * normal of each surface point and NaN for every other point.
     */
    public void draw(int n, SplittableRandom rng, float[] out, float[] outSdf, float[] outInside, float[] outNormals) {
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = u < cum[0] ? 0 : u < cum[1] ? 1 : u < cum[2] ? 2 : 3;
            int j = rng.nextInt(sdf[k].length);
            System.arraycopy(xyz[k], 3 * j, out, 3 * i, 3);
            outSdf[i] = sdf[k][j];
            outInside[i] = inside[k][j];
            if (outNormals != null) {
                if (k == 0) System.arraycopy(surfaceNormals, 3 * j, outNormals, 3 * i, 3);
                else java.util.Arrays.fill(outNormals, 3 * i, 3 * i + 3, Float.NaN);
            }
        }
    }

    /** Names of the four kinds, in the order of {@link #points(int)}: surface, near-surface at sigmaA and sigmaB, uniform. */
    public static final java.util.List<String> KINDS = java.util.List.of("surface", "near_a", "near_b", "uniform");

    /** Points per kind. */
    public int size() { return sdf[0].length; }

    /** A copy of the pool's points of one kind (index into {@link #KINDS}), xyz interleaved. */
    public float[] points(int kind) { return xyz[kind].clone(); }

    /** A copy of the signed distances of one kind (0 for the surface kind). */
    public float[] distances(int kind) { return sdf[kind].clone(); }

    /** A copy of the surface points' outward unit normals, xyz interleaved, in the order of {@code points(0)}. */
    public float[] surfaceNormals() { return surfaceNormals.clone(); }

    /** Uniform points in the box (no labels). */
    public static void uniform(int n, SplittableRandom rng, float[] out) {
        for (int i = 0; i < 3 * n; i++) out[i] = (float) (2 * rng.nextDouble() - 1);
    }

    /** Fraction of surface points in a batch (occupancy training skips them: their label is undefined). */
    public double surfaceFraction() { return cum[0]; }
}
