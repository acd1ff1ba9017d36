package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarchingCubesTest {
    static final double[] LO = {-1, -1, -1}, HI = {1, 1, 1};

    static MarchingCubes.ScalarField sphere(double r) {
        return (xyz, count, out) -> {
            for (int i = 0; i < count; i++)
                out[i] = (float) (Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1] + xyz[3 * i + 2] * xyz[3 * i + 2]) - r);
        };
    }

    static MarchingCubes.ScalarField torus(double major, double minor) {
        return (xyz, count, out) -> {
            for (int i = 0; i < count; i++) {
                double q = Math.hypot(xyz[3 * i], xyz[3 * i + 1]) - major;
                out[i] = (float) (Math.hypot(q, xyz[3 * i + 2]) - minor);
            }
        };
    }

    /** Exact distance to an axis-aligned cube of half side h. */
    static MarchingCubes.ScalarField cube(double h) {
        return (xyz, count, out) -> {
            for (int i = 0; i < count; i++) {
                double qx = Math.abs(xyz[3 * i]) - h, qy = Math.abs(xyz[3 * i + 1]) - h, qz = Math.abs(xyz[3 * i + 2]) - h;
                double ox = Math.max(qx, 0), oy = Math.max(qy, 0), oz = Math.max(qz, 0);
                out[i] = (float) (Math.sqrt(ox * ox + oy * oy + oz * oz) + Math.min(Math.max(qx, Math.max(qy, qz)), 0));
            }
        };
    }

    /** 0.5 minus a sum of a few Gaussian blobs: lumpy surfaces that merge and split, with many ambiguous faces. */
    static MarchingCubes.ScalarField blobs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = 3 + r.nextInt(5);
        double[] c = new double[4 * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < 3; j++) c[4 * i + j] = r.nextDouble(-0.5, 0.5);
            c[4 * i + 3] = r.nextDouble(0.12, 0.35);
        }
        return (xyz, count, out) -> {
            for (int i = 0; i < count; i++) {
                double s = 0;
                for (int b = 0; b < k; b++) {
                    double dx = xyz[3 * i] - c[4 * b], dy = xyz[3 * i + 1] - c[4 * b + 1], dz = xyz[3 * i + 2] - c[4 * b + 2];
                    s += Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * c[4 * b + 3] * c[4 * b + 3]));
                }
                double box = Math.max(Math.abs(xyz[3 * i]), Math.max(Math.abs(xyz[3 * i + 1]), Math.abs(xyz[3 * i + 2]))) - 0.85;
                out[i] = (float) Math.max(0.5 - s, box); // cut by a box inside the grid, so the surface stays closed
            }
        };
    }

    static void assertClosedManifold(MeshCheck c, String what) {
        assertTrue(c.watertight(), what + " is watertight: " + c);
        assertTrue(c.manifold(), what + " is manifold: " + c);
        assertEquals(0, c.zeroArea(), what + " has no zero-area triangles: " + c);
    }

    @Test void sphereIsAClosedGenusZeroManifoldOnTheSphere() {
        double rad = 0.63;
        for (int res : new int[]{32, 64}) {
            Mesh m = MarchingCubes.extract(sphere(rad), res, LO, HI, 0);
            MeshCheck c = MeshCheck.of(m);
            assertClosedManifold(c, "sphere at " + res);
            assertEquals(2, c.euler(), "genus 0: " + c);
            assertEquals(c.vertices(), m.vertexCount(), "every vertex is used");
            java.util.Set<java.util.List<Float>> distinct = new java.util.HashSet<>();
            for (int i = 0; i < m.vertexCount(); i++) distinct.add(java.util.List.of(m.vertices()[3 * i], m.vertices()[3 * i + 1], m.vertices()[3 * i + 2]));
            assertEquals(m.vertexCount(), distinct.size(), "vertices are shared, never duplicated");
            float[] v = m.vertices();
            double worst = 0;
            for (int i = 0; i < v.length; i += 3) worst = Math.max(worst, Math.abs(Math.sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]) - rad));
            assertTrue(worst < 0.05 * 2.0 / res, "vertices within 5% of a cell of the radius: " + worst * res / 2 + " cells");
            assertEquals(0, c.slivers(), "no triangle with an angle under 1°: " + c);
            assertEquals(4.0 / 3 * Math.PI * rad * rad * rad, Spheres.volume(m), 0.02 * 4.0 / 3 * Math.PI * rad * rad * rad, "outward orientation");
        }
    }

    @Test void torusHasEulerCharacteristicZero() {
        for (int res : new int[]{32, 64}) {
            MeshCheck c = MeshCheck.of(MarchingCubes.extract(torus(0.55, 0.22), res, LO, HI, 0));
            assertClosedManifold(c, "torus at " + res);
            assertEquals(0, c.euler(), "genus 1: " + c);
            assertEquals(0, c.slivers(), "no triangle with an angle under 1°: " + c);
        }
    }

    @Test void lumpyFieldsStayClosedManifoldsOverManySeeds() {
        int ambiguousSeen = 0;
        for (long seed = 0; seed < 60; seed++) {
            int res = 12 + (int) (seed % 5) * 5;
            Mesh m = MarchingCubes.extract(blobs(seed), res, LO, HI, 0);
            MeshCheck c = MeshCheck.of(m);
            assertClosedManifold(c, "blobs seed " + seed + " at " + res);
            assertEquals(0, c.euler() % 2, "closed orientable surfaces have even Euler characteristic: " + c);
            if (m.triangleCount() > 0) ambiguousSeen++;
        }
        assertTrue(ambiguousSeen > 50, "most seeds produce a surface: " + ambiguousSeen);
    }

    @Test void whiteNoiseOnTheGridStaysAClosedManifold() {
        // independent random values at every grid point (positive on the box's skin): ambiguous faces everywhere
        int res = 14;
        for (long seed = 0; seed < 20; seed++) {
            long s0 = seed;
            MarchingCubes.ScalarField noise = (xyz, count, out) -> {
                for (int i = 0; i < count; i++) {
                    long ix = Math.round((xyz[3 * i] + 1) * res / 2), iy = Math.round((xyz[3 * i + 1] + 1) * res / 2), iz = Math.round((xyz[3 * i + 2] + 1) * res / 2);
                    boolean skin = ix == 0 || iy == 0 || iz == 0 || ix == res || iy == res || iz == res;
                    out[i] = skin ? 1f : (float) new SplittableRandom(((s0 * 31 + ix) * 31 + iy) * 31 + iz).nextDouble(-1, 1);
                }
            };
            MeshCheck c = MeshCheck.of(MarchingCubes.extract(noise, res, LO, HI, 0));
            assertClosedManifold(c, "noise seed " + seed);
            assertTrue(c.triangles() > 1000, c.toString());
        }
    }

    @Test void aSurfaceLeavingTheBoxIsClosedByIt() {
        // a sphere of radius 1.2 about a box corner: most of it lies outside [-1, 1]^3
        MarchingCubes.ScalarField big = (xyz, count, out) -> {
            for (int i = 0; i < count; i++) out[i] = (float) (Math.sqrt(Math.pow(xyz[3 * i] - 1, 2) + Math.pow(xyz[3 * i + 1] - 1, 2) + Math.pow(xyz[3 * i + 2] - 1, 2)) - 1.2);
        };
        for (int coarse : new int[]{1, 4}) {
            MeshCheck c = MeshCheck.of(MarchingCubes.extract(big, 32, LO, HI, 0, coarse));
            assertClosedManifold(c, "cut sphere, coarse " + coarse);
            assertEquals(2, c.euler());
        }
    }

    @Test void sparseEvaluationFindsTheSameSurface() {
        Mesh dense = MarchingCubes.extract(sphere(0.6), 64, LO, HI, 0);
        Mesh sparse = MarchingCubes.extract(sphere(0.6), 64, LO, HI, 0, 4);
        assertEquals(dense.triangleCount(), sparse.triangleCount());
        org.junit.jupiter.api.Assertions.assertArrayEquals(dense.triangles(), sparse.triangles());
    }
}
