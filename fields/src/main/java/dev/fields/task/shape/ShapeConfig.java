package dev.fields.task.shape;

import dev.fields.fit.TaskConfig;
import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.SamplePool;

/**
 * What a shape fit reads, how it samples and how it is scored.
 *
 * @param source the mesh (anything Assimp reads)
 * @param field SDF (L1 on the signed distance) or OCCUPANCY (BCE on inside labels)
 * @param batch labelled points per step
 * @param pool points of each kind (surface, near A, near B, uniform) labelled once and drawn from every step
 * @param mix fractions of each kind per batch and the two near-surface noise scales (field units); occupancy fields
 *            draw no surface points (they have no label), their share goes to uniform points
 * @param eikonal weight of the eikonal term (|grad f| - 1)^2 at the gradient points off the surface (SDF only; 0 = off)
 * @param normal weight of the normal term |grad f - n|^2 at the gradient points on the surface (SDF only; 0 = off)
 * @param gradientPoints batch points per step that carry a gradient term (each costs three extra field evaluations);
 *                       more than the batch means every point
 * @param clamp clamp the SDF loss at this distance (0 = none)
 * @param meshRes marching-cubes resolution of the exported mesh
 * @param meshFaces face budget of the exported mesh, reached by quadric-error simplification (0 = keep every face)
 * @param inside inside test for ground truth: winding numbers (robust to holes) or ray parity
 * @param metricPoints points of each IoU
 * @param chamferSamples surface samples per mesh for Chamfer-L1, F-score and normal consistency
 */
public record ShapeConfig(String source, ShapeTask.Mode field, int batch, int pool, SamplePool.Mix mix, double eikonal,
                          double normal, int gradientPoints,
                          double clamp, int meshRes, int meshFaces, GroundTruth.InsideTest inside, int metricPoints, int chamferSamples)
        implements TaskConfig {
    public ShapeConfig {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("task.source must name a mesh file");
        if (field == null) throw new IllegalArgumentException("task.field must be SDF or OCCUPANCY");
        if (mix == null) throw new IllegalArgumentException("task.mix is missing");
        if (inside == null) throw new IllegalArgumentException("task.inside must be WINDING or PARITY");
        positive("batch", batch);
        positive("pool", pool);
        positive("metricPoints", metricPoints);
        positive("chamferSamples", chamferSamples);
        if (meshRes < 8 || meshRes > 2048) throw new IllegalArgumentException("task.meshRes must be in 8..2048, got " + meshRes);
        if (meshFaces != 0 && meshFaces < 4) throw new IllegalArgumentException("task.meshFaces must be 0 (no simplification) or at least 4 (a closed mesh), got " + meshFaces);
        if (eikonal < 0 || normal < 0 || clamp < 0) throw new IllegalArgumentException("task.eikonal, task.normal and task.clamp must be >= 0");
        if (gradientPoints < 0) throw new IllegalArgumentException("task.gradientPoints must be >= 0, got " + gradientPoints);
        if ((eikonal > 0 || normal > 0) && gradientPoints == 0)
            throw new IllegalArgumentException("task.eikonal and task.normal need task.gradientPoints >= 1 (points per step that carry them)");
        double[] f = {mix.surface(), mix.nearA(), mix.nearB(), mix.uniform()};
        double sum = 0;
        for (double v : f) {
            if (v < 0) throw new IllegalArgumentException("task.mix fractions must be >= 0, got " + mix);
            sum += v;
        }
        if (!(sum > 0)) throw new IllegalArgumentException("task.mix fractions must not all be 0");
    }

    private static void positive(String name, int v) {
        if (v < 1) throw new IllegalArgumentException("task." + name + " must be >= 1, got " + v);
    }

    /** Occupancy fields move the surface share to uniform points (surface points have no inside label). */
    @Override public ShapeConfig resolved() {
        if (field != ShapeTask.Mode.OCCUPANCY || mix.surface() == 0) return this;
        SamplePool.Mix m = new SamplePool.Mix(0, mix.nearA(), mix.nearB(), mix.uniform() + mix.surface(), mix.sigmaA(), mix.sigmaB());
        return new ShapeConfig(source, field, batch, pool, m, eikonal, normal, gradientPoints, clamp, meshRes, meshFaces, inside, metricPoints, chamferSamples);
    }

    /** The same protocol with other gradient-term weights. */
    public ShapeConfig withGradientTerms(double eik, double nrm, int points) {
        return new ShapeConfig(source, field, batch, pool, mix, eik, nrm, points, clamp, meshRes, meshFaces, inside, metricPoints, chamferSamples);
    }

    public ShapeConfig withMesh(int res, int faces) {
        return new ShapeConfig(source, field, batch, pool, mix, eikonal, normal, gradientPoints, clamp, res, faces, inside, metricPoints, chamferSamples);
    }

    public ShapeConfig withPool(int size) {
        return new ShapeConfig(source, field, batch, size, mix, eikonal, normal, gradientPoints, clamp, meshRes, meshFaces, inside, metricPoints, chamferSamples);
    }

    public ShapeConfig withMetricPoints(int n) {
        return new ShapeConfig(source, field, batch, pool, mix, eikonal, normal, gradientPoints, clamp, meshRes, meshFaces, inside, n, chamferSamples);
    }

    public ShapeConfig withSource(String s) {
        return new ShapeConfig(s, field, batch, pool, mix, eikonal, normal, gradientPoints, clamp, meshRes, meshFaces, inside, metricPoints, chamferSamples);
    }
}
