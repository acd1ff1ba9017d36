package dev.fields.bench;

import dev.fields.fit.FitConfig;
import dev.fields.fit.FitJson;
import dev.fields.geometry.SamplePool;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.io.array.NpyWriter;
import dev.fields.task.shape.ShapeConfig;
import dev.fields.task.shape.ShapeEvaluationSets;
import dev.fields.task.shape.ShapeProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fields bench shape-pool}: the points a fit-shape run (preset {@code shape}) trains and is scored on, as float32
 * {@code .npy} files, so that another implementation of the protocol trains on the very same points. The pool comes
 * from the trainer's own {@link SamplePool} and the held-out sets from {@link ShapeProblem#evaluationSets()}, for the
 * given seed; all in field units (the mesh normalized into [-1, 1]³).
 *
 * <p>Files: {@code pool_<kind>_xyz.npy} (N×3) and {@code pool_<kind>_sdf.npy} (N) for each kind of
 * {@link SamplePool#KINDS}, {@code pool_surface_normals.npy} (N×3, outward, unit); {@code eval_uniform_xyz} (M×3) and
 * {@code eval_uniform_inside} (M, 0/1) for the uniform IoU; {@code eval_near_xyz} / {@code eval_near_inside} for the
 * near-surface IoU; {@code eval_surface_xyz} / {@code eval_surface_normals} (min(M, 65536)×3) for the gradient-normal
 * angle; {@code eval_lipschitz_xyz} (65536×3) for the Lipschitz estimate; {@code shape-pool.json} with the fit's
 * configuration and the file list.
 */
@Command(name = "shape-pool", mixinStandardHelpOptions = true,
        description = {"Write the fit-shape sample pool and evaluation points as .npy files (for the PyTorch reference",
                "bench/reference/shape_sdf.py): pool per kind with signed distances and surface normals, IoU, angle and",
                "Lipschitz points."})
public final class ShapePoolDump implements Callable<Integer> {
    @Option(names = "--mesh", defaultValue = "scenes/bunny.obj", description = "Mesh to sample. Default: ${DEFAULT-VALUE}.") Path mesh;
    @Option(names = "--out", required = true, description = "Folder for the .npy files (created).") Path out;
    @Option(names = "--pool", description = "Points per kind (default: the preset's).") Integer pool;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the fit whose points these are. Default: ${DEFAULT-VALUE}.") long seed;

    @Override public Integer call() {
        FitConfig base = BenchConfigs.preset("shape");
        ShapeConfig st = ((ShapeConfig) base.task()).withSource(mesh.toString());
        if (pool != null) {
            if (pool < 1) throw new UserError("--pool must be at least 1, got " + pool);
            st = st.withPool(pool);
        }
        write(base.withTask(st).withTraining(base.training().withSeed(seed)), out, System.out);
        return 0;
    }

    /** Writes the pool and evaluation points of the shape fit {@code config} into {@code dir}. */
    public static void write(FitConfig config, Path dir, PrintStream log) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create " + dir + " (" + e.getMessage() + ") — give a writable --out folder", e);
        }
        ShapeProblem problem = new ShapeProblem(config, log);
        SamplePool pool = problem.pool();
        int n = pool.size();
        Map<String, Object> files = new LinkedHashMap<>();
        for (int k = 0; k < SamplePool.KINDS.size(); k++) {
            String kind = SamplePool.KINDS.get(k);
            files.put("pool_" + kind + "_xyz", npy(dir, "pool_" + kind + "_xyz", pool.points(k), n, 3));
            files.put("pool_" + kind + "_sdf", npy(dir, "pool_" + kind + "_sdf", pool.distances(k), n));
        }
        files.put("pool_surface_normals", npy(dir, "pool_surface_normals", pool.surfaceNormals(), n, 3));
        if (log != null) log.println("drawing the evaluation points...");
        ShapeEvaluationSets es = problem.evaluationSets();
        int m = es.points(), s = es.surfacePoints();
        files.put("eval_uniform_xyz", npy(dir, "eval_uniform_xyz", es.uniformXyz(), m, 3));
        files.put("eval_uniform_inside", npy(dir, "eval_uniform_inside", es.uniformInside(), m));
        files.put("eval_near_xyz", npy(dir, "eval_near_xyz", es.nearXyz(), m, 3));
        files.put("eval_near_inside", npy(dir, "eval_near_inside", es.nearInside(), m));
        files.put("eval_surface_xyz", npy(dir, "eval_surface_xyz", es.surfaceXyz(), s, 3));
        files.put("eval_surface_normals", npy(dir, "eval_surface_normals", es.surfaceNormals(), s, 3));
        files.put("eval_lipschitz_xyz", npy(dir, "eval_lipschitz_xyz", es.lipschitzXyz(), es.lipschitzXyz().length / 3, 3));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("config", FitJson.toMap(config.resolved()));
        meta.put("kinds", SamplePool.KINDS);
        meta.put("files", files);
        try {
            AtomicFiles.writeString(dir.resolve("shape-pool.json"), FitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (log != null)
            log.printf(Locale.ROOT, "wrote %s: %,d pool points per kind, %,d IoU points per set, %,d surface and %,d Lipschitz points%n",
                    dir, n, m, s, es.lipschitzXyz().length / 3);
    }

    /** Writes {@code name}.npy with the given shape; returns the shape for the file list. */
    private static int[] npy(Path dir, String name, float[] data, int... shape) {
        NpyWriter.write(dir.resolve(name + ".npy"), data, shape);
        return shape;
    }
}
