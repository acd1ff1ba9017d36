package dev.fields.task.shape;

import dev.fields.eval.BlobField;
import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.MarchingCubes;
import dev.fields.geometry.MeshPreview;
import dev.fields.geometry.Normalization;
import dev.fields.geometry.SamplePool;
import dev.fields.geometry.ShapeMetrics;
import dev.fields.geometry.SurfaceSampler;
import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.Images;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.mesh.MeshImporter;
import dev.fields.io.mesh.MeshWriter;
import dev.fields.io.spec.*;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Adam;
import dev.fields.task.FitOutputs;
import dev.fields.train.TrainConfig;
import dev.fields.train.TrainResult;
import dev.fields.train.Trainer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A shape fit end to end: mesh import and normalization, ground truth sample pool, training, blob, and everything
 * evaluated from the saved blob: IoU on uniform and near-surface points, a marching-cubes mesh in the mesh's own
 * coordinates (OBJ + PLY), Chamfer-L1 / F-score / normal consistency against the input, and a preview picture.
 */
public final class ShapeFit {
    private ShapeFit() {}

    /** Everything a shape fit needs, resolved. */
    public record Config(Path source, ShapeTask.Mode mode, EncodingSpec encoding, NetworkSpec network, int steps, double lr,
                         double lrDecay, int lrDecaySteps, long seed, int batch, int poolSize, SamplePool.Mix mix,
                         double eikonal, double clamp, int meshRes, GroundTruth.InsideTest inside, int evalEvery,
                         int checkpointEvery, boolean resume, boolean quiet, Path out, int metricPoints, int chamferSamples) {}

    /** Outcome: blob path, metrics computed from the saved blob, training record. */
    public record Result(Path blob, Map<String, Double> metrics, TrainResult training) {}

    public static Result fit(Config c, PrintStream log) {
        long t0 = System.nanoTime();
        Mesh world = MeshImporter.load(c.source());
        String name = FitOutputs.stem(c.source());
        Normalization norm = Normalization.fit(world, 0.1);
        Mesh fm = norm.toField(world);
        GroundTruth gt = new GroundTruth(fm, c.inside());
        Path dir = c.out();
        Path ckpt = dir.resolve(name + ".ckpt");
        if (c.resume() && !Files.exists(ckpt))
            throw new UserError("--resume: no checkpoint " + ckpt + " (run without --resume first, or give the same --out)");
        if (!c.quiet()) log.printf(Locale.ROOT, "fit-shape %s: %,d vertices, %,d triangles; labelling %,d pool points...%n",
                c.source(), world.vertexCount(), world.triangleCount(), 4L * c.poolSize());
        SamplePool pool = new SamplePool(fm, gt, c.poolSize(), c.mix(), c.seed());
        boolean sdf = c.mode() == ShapeTask.Mode.SDF;
        FieldSpec spec = new FieldSpec(3, c.encoding(), c.network(),
                List.of(sdf ? new Output(Channel.SDF, 1, Head.IDENTITY) : new Output(Channel.OCCUPANCY, 1, Head.SIGMOID)), norm.frame(), 0);
        FieldNetwork net = new FieldNetwork(spec, c.seed());
        // held-out uniform points for the IoU shown while training
        int ne = 16384;
        float[] evalX = new float[3 * ne], evalIn = new float[ne];
        SamplePool.uniform(ne, new SplittableRandom(c.seed() + 99), evalX);
        gt.query(evalX, ne, null, evalIn);
        ShapeTask.Sampler sampler = new ShapeTask.Sampler() {
            @Override public void draw(int n, SplittableRandom rng, float[] xyz, float[] s, float[] in) { pool.draw(n, rng, xyz, s, in); }
            @Override public void uniform(int n, SplittableRandom rng, float[] xyz) { SamplePool.uniform(n, rng, xyz); }
        };
        ShapeTask task = new ShapeTask(c.mode(), sampler, c.batch(), c.clamp(), c.eikonal(), c.batch() / 8,
                n -> Map.of("iou", ShapeMetrics.iou(inside(n.predict(evalX, ne), sdf), evalIn)));
        if (!c.quiet()) log.printf(Locale.ROOT, "training %s field: %,d parameters, %d steps of %,d points%n",
                sdf ? "SDF" : "occupancy", net.parameterCount(), c.steps(), c.batch());
        TrainConfig tc = new TrainConfig(c.steps(), c.seed(), c.evalEvery(), c.checkpointEvery(),
                c.checkpointEvery() > 0 || c.resume() ? ckpt : null, c.resume(), c.quiet());
        Map<String, Object> config = config(c);
        // the blob is republished at every checkpoint (with its own Lipschitz estimate), so 'fields view' follows the run
        Trainer.Snapshot live = (step, n) -> {
            FieldBlob b = n.export(FitOutputs.provenance("shape", c.seed(), step, Map.of(), config));
            double l = sdf ? LipschitzEstimate.of(new BlobField(b), c.seed()) : 0;
            BlobFormat.write(dir.resolve(name + ".field"), new FieldBlob(b.kind(), b.spec().withLipschitz(l), b.tensors(), b.provenance()));
        };
        TrainResult tr = Trainer.run(net, task, new Adam(c.lr(), c.lrDecay(), c.lrDecaySteps()), tc, log, live);

        FieldBlob saved = FitOutputs.roundTrip(net.export(FitOutputs.provenance("shape", c.seed(), tr.steps(), Map.of(), config)), name + ".field");
        BlobField field = new BlobField(saved);
        double lip = sdf ? LipschitzEstimate.of(field, c.seed()) : 0;
        if (!c.quiet()) log.println("evaluating the saved field: IoU, marching cubes at " + c.meshRes() + "^3, Chamfer...");
        Map<String, Double> m = new LinkedHashMap<>();
        int np = c.metricPoints();
        SplittableRandom mr = new SplittableRandom(c.seed() + 7);
        float[] ux = new float[3 * np], uIn = new float[np];
        SamplePool.uniform(np, mr, ux);
        gt.query(ux, np, null, uIn);
        m.put("iou_uniform", ShapeMetrics.iou(inside(field.evaluate(ux, np), sdf), uIn));
        float[] nx = new float[3 * np], nIn = new float[np];
        new SurfaceSampler(fm).sample(np, mr, nx, null);
        // near-surface: N(0, (0.01 of the box side)^2) noise, as in the Fourier-features occupancy protocol
        for (int i = 0; i < nx.length; i++) nx[i] += (float) (0.02 * dev.fields.math.Gaussian.next(mr));
        gt.query(nx, np, null, nIn);
        m.put("iou_near_surface", ShapeMetrics.iou(inside(field.evaluate(nx, np), sdf), nIn));
        long tm = System.nanoTime();
        Mesh mc = MarchingCubes.extract((xyz, count, out) -> {
            float[] v = field.evaluate(xyz, count);
            for (int i = 0; i < count; i++) out[i] = sdf ? v[i] : 0.5f - v[i];
        }, c.meshRes(), new double[]{-1, -1, -1}, new double[]{1, 1, 1}, 0.0, c.meshRes() >= 64 ? 4 : 1);
        m.put("marching_cubes_seconds", (System.nanoTime() - tm) / 1e9);
        Mesh mcWorld = norm.toWorld(mc);
        double[] b = world.bounds();
        double diag = Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
        ShapeMetrics.Comparison cmp = ShapeMetrics.compare(mcWorld, world, c.chamferSamples(), 0.01 * diag, c.seed());
        m.put("chamfer_l1", cmp.chamferL1());
        m.put("chamfer_l1_over_diagonal", cmp.chamferL1() / diag);
        m.put("fscore_1pct", cmp.fscore());
        m.put("normal_consistency", cmp.normalConsistency());
        m.put("mesh_triangles", (double) mc.triangleCount());
        if (lip > 0) m.put("lipschitz_estimate", lip);
        m.put("wall_seconds", (System.nanoTime() - t0) / 1e9);

        FieldBlob finalBlob = new FieldBlob(saved.kind(), saved.spec().withLipschitz(lip), saved.tensors(),
                FitOutputs.provenance("shape", c.seed(), tr.steps(), m, config));
        Path blobPath = dir.resolve(name + ".field");
        MeshWriter.writeObj(dir.resolve(name + "_mesh.obj"), mcWorld, "marching cubes of " + name + ".field at " + c.meshRes() + "^3, in the input mesh's coordinates");
        MeshWriter.writePly(dir.resolve(name + "_mesh.ply"), mcWorld);
        Images.writePng(dir.resolve(name + "_preview.png"), MeshPreview.render(mcWorld, 512, 30, 20));
        FitOutputs.writePlot(dir.resolve(name + "_curves.png"), name, tr);
        BlobFormat.write(blobPath, finalBlob);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("task", "shape");
        top.put("source", c.source().toString());
        top.put("mesh", Map.of("vertices", world.vertexCount(), "triangles", world.triangleCount(), "diagonal", diag));
        top.putAll(m);
        top.put("config", config);
        FitOutputs.writeMetrics(dir, top, tr);
        if (!c.quiet()) {
            log.printf(Locale.ROOT, "done in %.1f s: IoU uniform %.4f, near-surface %.4f, Chamfer-L1 %.3g (%.2e of the diagonal), F@1%% %.3f, normals %.3f%n",
                    m.get("wall_seconds"), m.get("iou_uniform"), m.get("iou_near_surface"), cmp.chamferL1(), cmp.chamferL1() / diag, cmp.fscore(), cmp.normalConsistency());
            log.printf("wrote %s, %s_mesh.obj/.ply, %s_preview.png, %s_curves.png, metrics.json%n", blobPath, dir.resolve(name), dir.resolve(name), dir.resolve(name));
        }
        return new Result(blobPath, m, tr);
    }

    static float[] inside(float[] values, boolean sdf) {
        float[] in = new float[values.length];
        for (int i = 0; i < values.length; i++) in[i] = (sdf ? values[i] < 0 : values[i] > 0.5f) ? 1f : 0f;
        return in;
    }

    private static Map<String, Object> config(Config c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", c.mode().name().toLowerCase(Locale.ROOT));
        FitOutputs.putTraining(m, c.encoding(), c.network(), c.steps(), c.lr(), c.lrDecay(), c.lrDecaySteps(), c.seed());
        m.put("batch", c.batch());
        m.put("pool_per_kind", c.poolSize());
        m.put("mix", c.mix());
        m.put("eikonal", c.eikonal());
        m.put("clamp", c.clamp());
        m.put("mesh_res", c.meshRes());
        m.put("inside_test", c.inside().name().toLowerCase(Locale.ROOT));
        return m;
    }
}
