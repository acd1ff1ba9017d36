package dev.fields.bench;

import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.Normalization;
import dev.fields.geometry.SamplePool;
import dev.fields.geometry.SurfaceSampler;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.mesh.MeshImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code fields bench ground-truth}: signed distance + inside label for many points (half uniform, half near the surface). */
@Command(name = "ground-truth", mixinStandardHelpOptions = true,
        description = "Time BVH build and signed distance + inside labels (winding numbers) for N points on a mesh.")
public final class GroundTruthBench implements Callable<Integer> {
    @Option(names = "--mesh", defaultValue = "scenes/bunny.obj") Path mesh;
    @Option(names = "--points", defaultValue = "1000000") int points;
    @Option(names = "--inside", defaultValue = "WINDING") GroundTruth.InsideTest inside;

    @Override public Integer call() {
        Mesh world = MeshImporter.load(mesh);
        Mesh m = Normalization.fit(world, 0.1).toField(world);
        long t0 = System.nanoTime();
        GroundTruth gt = new GroundTruth(m, inside);
        double build = (System.nanoTime() - t0) / 1e9;
        SplittableRandom r = new SplittableRandom(1);
        float[] p = new float[3 * points];
        int half = points / 2;
        SamplePool.uniform(half, r, p);
        float[] near = new float[3 * (points - half)];
        new SurfaceSampler(m).sample(points - half, r, near, null);
        for (int i = 0; i < near.length; i++) near[i] += (float) (0.02 * (r.nextDouble() - 0.5));
        System.arraycopy(near, 0, p, 3 * half, near.length);
        float[] sdf = new float[points], in = new float[points];
        gt.query(p, Math.min(points, 20000), sdf, in); // warm-up
        long t1 = System.nanoTime();
        gt.query(p, points, sdf, in);
        double q = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "mesh %s: %,d triangles; BVH + winding data built in %.2f s%n", mesh, m.triangleCount(), build);
        System.out.printf(Locale.ROOT, "%,d points (half uniform, half near-surface): signed distance + %s inside label in %.2f s = %,.0f points/s on %d cores%n",
                points, inside.name().toLowerCase(Locale.ROOT), q, points / q, Runtime.getRuntime().availableProcessors());
        return 0;
    }
}
