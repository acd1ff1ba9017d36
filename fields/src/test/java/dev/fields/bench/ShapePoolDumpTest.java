package dev.fields.bench;

import dev.fields.fit.FitConfig;
import dev.fields.io.array.NpyReader;
import dev.fields.io.mesh.Icosphere;
import dev.fields.io.mesh.MeshWriter;
import dev.fields.task.shape.ShapeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape-pool dump on a sphere: normalized into the box it has radius 0.9 about the origin, so every file can be
 * checked against the analytic distance |p| − 0.9, the analytic inside test and the radial normal.
 */
class ShapePoolDumpTest {
    static final double R = 0.9;

    @Test void dumpsThePoolAndEvaluationSetsOfASphere(@TempDir Path tmp) throws Exception {
        Path obj = tmp.resolve("ball.obj");
        MeshWriter.writeObj(obj, Icosphere.of(3.0, 4), "test sphere"); // world radius 3: the dump works in field units
        FitConfig base = BenchConfigs.preset("shape");
        ShapeConfig st = ((ShapeConfig) base.task()).withSource(obj.toString()).withPool(3000).withMetricPoints(5000);
        Path out = tmp.resolve("dump");
        ShapePoolDump.write(base.withTask(st).withTraining(base.training().withSeed(3)), out, null);

        // the mesh's chords sit inside the sphere by up to r (1 - cos(edge angle / 2)): about 1e-3 at 4 subdivisions
        double facet = 2e-3;
        NpyReader.Array sx = read(out, "pool_surface_xyz", 3000, 3), sn = read(out, "pool_surface_normals", 3000, 3);
        float[] ss = read(out, "pool_surface_sdf", 3000).data();
        for (int i = 0; i < 3000; i++) {
            double r = norm(sx.data(), i);
            assertEquals(R, r, facet, "surface point on the sphere");
            assertEquals(1.0, norm(sn.data(), i), 1e-5, "unit normal");
            assertTrue(dot(sx.data(), sn.data(), i) / r > 0.99, "normal outward and radial");
            assertEquals(0f, ss[i]);
        }
        double[] sigma = {0, 0.01, 0.08, Double.NaN};
        String[] kinds = {"near_a", "near_b", "uniform"};
        for (int k = 0; k < 3; k++) {
            float[] x = read(out, "pool_" + kinds[k] + "_xyz", 3000, 3).data(), d = read(out, "pool_" + kinds[k] + "_sdf", 3000).data();
            double spread = 0;
            for (int i = 0; i < 3000; i++) {
                for (int c = 0; c < 3; c++) assertTrue(Math.abs(x[3 * i + c]) <= 1f, "inside the box");
                assertEquals(norm(x, i) - R, d[i], facet, "signed distance of " + kinds[k]);
                spread += d[i] * d[i];
            }
            double rms = Math.sqrt(spread / 3000);
            // near kinds: |noise| projected on the radius has the noise's scale; uniform points fill the box
            if (k < 2) assertEquals(sigma[k + 1], rms, 0.25 * sigma[k + 1], "rms distance of " + kinds[k]);
            else assertEquals(0.284, rms, 0.02, "uniform points fill the box (rms of |p| - 0.9 over the cube: 0.284)");
        }

        float[] ux = read(out, "eval_uniform_xyz", 5000, 3).data(), ui = read(out, "eval_uniform_inside", 5000).data();
        float[] nx = read(out, "eval_near_xyz", 5000, 3).data(), ni = read(out, "eval_near_inside", 5000).data();
        int insideCount = 0;
        for (int i = 0; i < 5000; i++) {
            for (int c = 0; c < 3; c++) assertTrue(Math.abs(ux[3 * i + c]) <= 1f);
            if (Math.abs(norm(ux, i) - R) > facet) assertEquals(norm(ux, i) < R ? 1f : 0f, ui[i], "uniform inside label");
            if (Math.abs(norm(nx, i) - R) > facet) assertEquals(norm(nx, i) < R ? 1f : 0f, ni[i], "near inside label");
            assertEquals(R, norm(nx, i), 0.15, "near points within a few sigma of the surface");
            insideCount += (int) ui[i];
        }
        // the ball fills 4/3 pi 0.9^3 / 8 = 38% of the box
        assertEquals(4.0 / 3 * Math.PI * R * R * R / 8, insideCount / 5000.0, 0.03);
        float[] ax = read(out, "eval_surface_xyz", 5000, 3).data(), an = read(out, "eval_surface_normals", 5000, 3).data();
        for (int i = 0; i < 5000; i++) {
            assertEquals(R, norm(ax, i), facet);
            assertEquals(1.0, norm(an, i), 1e-5);
            assertTrue(dot(ax, an, i) / norm(ax, i) > 0.99, "angle-set normal outward");
        }
        float[] lx = read(out, "eval_lipschitz_xyz", 65536, 3).data();
        double mean = 0;
        for (float v : lx) { assertTrue(Math.abs(v) <= 1f); mean += v; }
        assertEquals(0, mean / lx.length, 0.01);

        String meta = Files.readString(out.resolve("shape-pool.json"));
        assertTrue(meta.contains("\"pool\" : 3000") && meta.contains("\"seed\" : 3") && meta.contains("\"sigmaB\" : 0.08"), meta);
    }

    @Test void theSameSeedGivesTheSamePoints(@TempDir Path tmp) throws Exception {
        Path obj = tmp.resolve("ball.obj");
        MeshWriter.writeObj(obj, Icosphere.of(1.0, 2), "test sphere");
        FitConfig base = BenchConfigs.preset("shape");
        ShapeConfig st = ((ShapeConfig) base.task()).withSource(obj.toString()).withPool(500).withMetricPoints(600);
        for (long seed : new long[]{0, 0, 1}) ShapePoolDump.write(base.withTask(st).withTraining(base.training().withSeed(seed)), tmp.resolve("s" + seed + "-" + System.nanoTime()), null);
        Path[] dirs = Files.list(tmp).filter(Files::isDirectory).sorted().toArray(Path[]::new);
        float[] a = read(dirs[0], "pool_near_b_xyz", 500, 3).data(), b = read(dirs[1], "pool_near_b_xyz", 500, 3).data(), c = read(dirs[2], "pool_near_b_xyz", 500, 3).data();
        assertArrayEquals(a, b);
        assertTrue(a[0] != c[0] || a[1] != c[1], "another seed, other points");
        assertArrayEquals(read(dirs[0], "eval_lipschitz_xyz", 65536, 3).data(), read(dirs[1], "eval_lipschitz_xyz", 65536, 3).data());
    }

    private static NpyReader.Array read(Path dir, String name, int... shape) {
        NpyReader.Array a = NpyReader.read(dir.resolve(name + ".npy"));
        assertArrayEquals(shape, a.shape(), name + " shape");
        return a;
    }

    private static double norm(float[] v, int i) {
        return Math.sqrt((double) v[3 * i] * v[3 * i] + (double) v[3 * i + 1] * v[3 * i + 1] + (double) v[3 * i + 2] * v[3 * i + 2]);
    }

    private static double dot(float[] a, float[] b, int i) {
        return (double) a[3 * i] * b[3 * i] + (double) a[3 * i + 1] * b[3 * i + 1] + (double) a[3 * i + 2] * b[3 * i + 2];
    }
}
