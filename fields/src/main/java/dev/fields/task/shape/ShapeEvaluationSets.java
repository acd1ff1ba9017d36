package dev.fields.task.shape;

import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.SamplePool;
import dev.fields.geometry.SurfaceOrientation;
import dev.fields.geometry.SurfaceSampler;
import dev.fields.io.mesh.Mesh;
import dev.fields.math.Gaussian;

import java.util.SplittableRandom;

/**
 * The held-out points a shape fit is scored on (field units, xyz interleaved): uniform box points with inside labels
 * (IoU uniform); surface points plus N(0, 0.02²) noise with inside labels (IoU near the surface); surface points with
 * outward normals (angle between ∇f and the normal; empty for occupancy fields); and the box points of the Lipschitz
 * estimate. All drawn from the fit's seed, so a run and anything that replays its evaluation see the same points.
 */
public record ShapeEvaluationSets(float[] uniformXyz, float[] uniformInside, float[] nearXyz, float[] nearInside,
                                  float[] surfaceXyz, float[] surfaceNormals, float[] lipschitzXyz) {
    /** Most surface points of the angle set. */
    static final int MAX_SURFACE = 65536;

    /**
     * Draws the sets for a fit with {@code seed}: {@code points} per IoU set, {@code min(points, 65536)} surface points
     * when {@code withSurface} (SDF fields), {@link LipschitzEstimate#POINTS} Lipschitz points.
     */
    public static ShapeEvaluationSets draw(Mesh fieldMesh, GroundTruth gt, int points, boolean withSurface, long seed) {
        SplittableRandom mr = new SplittableRandom(seed + 7);
        float[] ux = new float[3 * points], uIn = new float[points];
        SamplePool.uniform(points, mr, ux);
        gt.query(ux, points, null, uIn);
        float[] nx = new float[3 * points], nIn = new float[points];
        new SurfaceSampler(fieldMesh).sample(points, mr, nx, null);
        // near-surface: N(0, (0.01 of the box side)^2) noise, as in the Fourier-features occupancy protocol
        for (int i = 0; i < nx.length; i++) nx[i] += (float) (0.02 * Gaussian.next(mr));
        gt.query(nx, points, null, nIn);
        int na = withSurface ? Math.min(points, MAX_SURFACE) : 0;
        float[] ax = new float[3 * na], an = new float[3 * na];
        if (na > 0) {
            new SurfaceSampler(fieldMesh).sample(na, mr, ax, an);
            SurfaceOrientation.orientOutward(ax, an, na, gt);
        }
        return new ShapeEvaluationSets(ux, uIn, nx, nIn, ax, an, LipschitzEstimate.points(seed));
    }

    public int points() { return uniformInside.length; }

    public int surfacePoints() { return surfaceXyz.length / 3; }
}
