package dev.fields.task.shape;

import dev.fields.eval.BlobField;
import dev.fields.fit.Artifact;
import dev.fields.fit.Evaluation;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitProblem;
import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.IsoMesh;
import dev.fields.geometry.MeshCheck;
import dev.fields.geometry.MeshPreview;
import dev.fields.geometry.Normalization;
import dev.fields.geometry.SamplePool;
import dev.fields.geometry.ShapeMetrics;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.Images;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.mesh.MeshImporter;
import dev.fields.io.mesh.MeshWriter;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.Output;
import dev.fields.train.Task;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A shape fit: the mesh imported and normalized into [-1, 1]³, a ground-truth sample pool, and everything evaluated
 * from the saved blob: IoU on uniform and near-surface points, a marching-cubes mesh in the mesh's own coordinates
 * (OBJ + PLY, normals from the field's gradient, optionally simplified to a face budget; its {@link MeshCheck}
 * numbers), Chamfer-L1 / F-score / normal consistency against the input, the Lipschitz estimate a sphere tracer needs,
 * and a preview picture.
 */
public final class ShapeProblem implements FitProblem {
    private final ShapeConfig c;
    private final long seed, t0 = System.nanoTime();
    private final String name;
    private final Mesh world, fm;
    private final Normalization norm;
    private final GroundTruth gt;
    private final SamplePool pool;
    private final FieldSpec spec;
    private final boolean sdf;
    private final float[] evalX, evalIn;

    public ShapeProblem(FitConfig config, PrintStream log) {
        this.c = (ShapeConfig) config.task();
        this.seed = config.training().seed();
        this.name = c.name();
        this.world = MeshImporter.load(Path.of(c.source()));
        this.norm = Normalization.fit(world, 0.1);
        this.fm = norm.toField(world);
        this.gt = new GroundTruth(fm, c.inside());
        if (log != null) log.printf(Locale.ROOT, "fit-shape %s: %,d vertices, %,d triangles; labelling %,d pool points...%n",
                c.source(), world.vertexCount(), world.triangleCount(), 4L * c.pool());
        this.pool = new SamplePool(fm, gt, c.pool(), c.mix(), seed);
        this.sdf = c.field() == ShapeTask.Mode.SDF;
        this.spec = new FieldSpec(3, config.encoding(), config.network(),
                List.of(sdf ? new Output(Channel.SDF, 1, Head.IDENTITY) : new Output(Channel.OCCUPANCY, 1, Head.SIGMOID)), norm.frame(), 0);
        // held-out uniform points for the IoU shown while training
        int ne = 16384;
        evalX = new float[3 * ne];
        evalIn = new float[ne];
        SamplePool.uniform(ne, new SplittableRandom(seed + 99), evalX);
        gt.query(evalX, ne, null, evalIn);
    }

    @Override public String task() { return "shape"; }

    @Override public FieldSpec spec() { return spec; }

    @Override public Task<?> newTask() {
        ShapeTask.Sampler sampler = new ShapeTask.Sampler() {
            @Override public void draw(int n, SplittableRandom rng, float[] xyz, float[] s, float[] in, float[] nrm) { pool.draw(n, rng, xyz, s, in, nrm); }
        };
        int ne = evalIn.length;
        return new ShapeTask(c.field(), sampler, c.batch(), c.clamp(), new ShapeTask.GradientTerms(c.eikonal(), c.normal(), c.gradientPoints()),
                n -> Map.of("iou", ShapeMetrics.iou(inside(n.predict(evalX, ne), sdf), evalIn)));
    }

    @Override public String describe(long parameters, int steps) {
        return String.format(Locale.ROOT, "training %s field: %,d parameters, %d steps of %,d points", sdf ? "SDF" : "occupancy", parameters, steps, c.batch());
    }

    /** The live blob carries its own Lipschitz estimate, so the viewer sphere-traces it safely. */
    @Override public FieldBlob live(FieldBlob b) {
        if (!sdf) return b;
        return new FieldBlob(b.kind(), b.spec().withLipschitz(LipschitzEstimate.of(new BlobField(b), seed)), b.tensors(), b.provenance());
    }

    @Override public Evaluation evaluate(FieldBlob saved, PrintStream log) {
        BlobField field = new BlobField(saved);
        LipschitzEstimate.Band lb = sdf ? LipschitzEstimate.measure(field, LipschitzEstimate.points(seed), seed) : null;
        double band = sdf ? lb.gradient() : Double.NaN, secant = sdf ? lb.secant() : Double.NaN;
        double estimate = sdf ? lb.estimate() : Double.NaN, lip = sdf ? lb.bound() : 0;
        if (log != null) log.println("evaluating the saved field: IoU, marching cubes at " + c.meshRes() + "^3, Chamfer...");
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        ShapeEvaluationSets es = evaluationSets();
        int np = es.points();
        m.put("iou_uniform", ShapeMetrics.iou(inside(field.evaluate(es.uniformXyz(), np), sdf), es.uniformInside()));
        m.put("iou_near_surface", ShapeMetrics.iou(inside(field.evaluate(es.nearXyz(), np), sdf), es.nearInside()));
        if (sdf) {
            GradientAlignment ga = GradientAlignment.of(field, es.surfaceXyz(), es.surfaceNormals(), es.surfacePoints());
            m.put("gradient_normal_angle_mean_deg", ga.meanDegrees());
            m.put("gradient_normal_angle_p95_deg", ga.p95Degrees());
            m.put("gradient_norm_on_surface", ga.meanNorm());
        }
        IsoMesh iso = IsoMesh.extract((xyz, count, out) -> {
            float[] v = field.evaluate(xyz, count);
            for (int i = 0; i < count; i++) out[i] = sdf ? v[i] : 0.5f - v[i];
        }, c.meshRes(), c.meshFaces());
        Mesh mc = iso.mesh();
        m.put("marching_cubes_seconds", iso.extractSeconds());
        if (c.meshFaces() > 0) {
            m.put("mesh_extracted_triangles", (double) iso.extractedTriangles());
            m.put("mesh_simplify_seconds", iso.simplifySeconds());
        }
        m.put("mesh_normals_seconds", iso.normalSeconds());
        Mesh mcWorld = norm.toWorld(mc);
        double[] b = world.bounds();
        double diag = Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
        ShapeMetrics.Comparison cmp = ShapeMetrics.compare(mcWorld, world, c.chamferSamples(), 0.01 * diag, seed);
        m.put("chamfer_l1", cmp.chamferL1());
        m.put("chamfer_l1_over_diagonal", cmp.chamferL1() / diag);
        m.put("fscore_1pct", cmp.fscore());
        m.put("normal_consistency", cmp.normalConsistency());
        MeshCheck check = MeshCheck.of(mcWorld);
        m.putAll(check.asMetrics("mesh_"));
        if (!Double.isNaN(estimate)) m.put("lipschitz_estimate", estimate);
        if (lip > 0) m.put("tracer_lipschitz_bound", lip);
        if (!Double.isNaN(band)) m.put("gradient_norm_p999_band", band);
        if (!Double.isNaN(secant)) m.put("step_secant_p999_band", secant);
        m.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
        if (log != null)
            log.printf(Locale.ROOT, "done in %.1f s: IoU uniform %.4f, near-surface %.4f, Chamfer-L1 %.3g (%.2e of the diagonal), F@1%% %.3f, normals %.3f%n",
                    m.get("wall_seconds"), m.get("iou_uniform"), m.get("iou_near_surface"), cmp.chamferL1(), cmp.chamferL1() / diag, cmp.fscore(), cmp.normalConsistency());
        if (log != null && sdf)
            log.printf(Locale.ROOT, "distance field: Lipschitz estimate %.2f (the tracer steps with %.2f), |grad f| on the surface %.3f, angle to the mesh normal %.1f deg mean, %.1f deg 95th percentile%n",
                    estimate, lip, m.get("gradient_norm_on_surface"), m.get("gradient_normal_angle_mean_deg"), m.get("gradient_normal_angle_p95_deg"));
        if (log != null) log.println("mesh: " + check);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("vertices", world.vertexCount());
        details.put("triangles", world.triangleCount());
        details.put("diagonal", diag);
        String res = c.meshRes() + "^3" + (c.meshFaces() > 0 ? ", simplified to " + mc.triangleCount() + " faces by quadric error metrics" : "");
        float[] normals = iso.normals();
        List<Artifact> files = List.of(
                new Artifact("_mesh.obj", "marching cubes at " + res, p -> MeshWriter.writeObj(p, mcWorld, normals,
                        "marching cubes of " + name + ".field at " + res + ", in the input mesh's coordinates; normals from the field's gradient")),
                new Artifact("_mesh.ply", "marching cubes at " + res, p -> MeshWriter.writePly(p, mcWorld, normals)),
                new Artifact("_preview.png", "preview of the mesh", p -> Images.writePng(p, MeshPreview.render(mcWorld, 512, 30, 20))));
        return new Evaluation(saved.spec().withLipschitz(lip), m, details, files);
    }

    /** The sample pool training draws from (its points, distances and normals). */
    public SamplePool pool() { return pool; }

    /** The held-out points {@link #evaluate} scores the saved field on, drawn afresh from the fit's seed. */
    public ShapeEvaluationSets evaluationSets() { return ShapeEvaluationSets.draw(fm, gt, c.metricPoints(), sdf, seed); }

    static float[] inside(float[] values, boolean sdf) {
        float[] in = new float[values.length];
        for (int i = 0; i < values.length; i++) in[i] = (sdf ? values[i] < 0 : values[i] > 0.5f) ? 1f : 0f;
        return in;
    }
}
