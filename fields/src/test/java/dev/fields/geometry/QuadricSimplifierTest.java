package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;
import org.junit.jupiter.api.Test;

import static dev.fields.geometry.MarchingCubesTest.HI;
import static dev.fields.geometry.MarchingCubesTest.LO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuadricSimplifierTest {
    @Test void sphereKeepsItsShapeAndTopologyAtAFewHundredFaces() {
        double r = 0.63;
        Mesh full = MarchingCubes.extract(MarchingCubesTest.sphere(r), 64, LO, HI, 0);
        for (int target : new int[]{2000, 300}) {
            Mesh m = QuadricSimplifier.simplify(full, target);
            MeshCheck c = MeshCheck.of(m);
            assertTrue(m.triangleCount() <= target && m.triangleCount() >= target - 4, m.triangleCount() + " faces for " + target);
            MarchingCubesTest.assertClosedManifold(c, "sphere at " + target + " faces");
            assertEquals(2, c.euler(), "still genus 0: " + c);
            double[] d = distancesToSphere(m, r);
            // a chord of a triangle about sqrt(4·area/(F·√3)) across sags by about its circumradius² / 2r inside
            double edge = Math.sqrt(4 * 4 * Math.PI * r * r / target / Math.sqrt(3)), sag = edge * edge / 3 / (2 * r);
            assertTrue(d[0] < 3 * sag, "Hausdorff " + d[0] + " vs sagitta " + sag + " at " + target);
            assertTrue(d[1] < sag, "mean distance " + d[1] + " vs sagitta " + sag + " at " + target);
            assertEquals(4.0 / 3 * Math.PI * r * r * r, Spheres.volume(m), 0.03 * 4.0 / 3 * Math.PI * r * r * r, "outward, not folded");
        }
    }

    @Test void cubeKeepsItsCorners() {
        double h = 0.52; // off the grid, so marching cubes itself cuts each corner by about half a cell
        Mesh full = MarchingCubes.extract(MarchingCubesTest.cube(h), 32, LO, HI, 0);
        for (int target : new int[]{50, 24, 12}) {
            Mesh m = QuadricSimplifier.simplify(full, target);
            MeshCheck c = MeshCheck.of(m);
            MarchingCubesTest.assertClosedManifold(c, "cube at " + target + " faces");
            assertEquals(2, c.euler());
            assertTrue(m.triangleCount() <= target + 4, m.triangleCount() + " faces for " + target);
            float[] v = m.vertices();
            for (int corner = 0; corner < 8; corner++) {
                double cx = (corner & 1) == 0 ? -h : h, cy = (corner & 2) == 0 ? -h : h, cz = (corner & 4) == 0 ? -h : h, best = 1e9;
                for (int i = 0; i < v.length; i += 3) best = Math.min(best, Math.sqrt(Math.pow(v[i] - cx, 2) + Math.pow(v[i + 1] - cy, 2) + Math.pow(v[i + 2] - cz, 2)));
                assertTrue(best < 0.04, "corner " + corner + " kept within 0.04 (2/3 of a cell) at " + target + " faces: " + best);
            }
        }
    }

    @Test void meshesAlreadySmallEnoughAreReturnedAsTheyAre() {
        Mesh full = MarchingCubes.extract(MarchingCubesTest.sphere(0.5), 16, LO, HI, 0);
        assertTrue(QuadricSimplifier.simplify(full, full.triangleCount()) == full);
    }

    @Test void normalsFromTheFieldAreRadialOnASphere() {
        Mesh m = QuadricSimplifier.simplify(MarchingCubes.extract(MarchingCubesTest.sphere(0.63), 32, LO, HI, 0), 500);
        float[] v = m.vertices(), n = FieldNormals.of(MarchingCubesTest.sphere(0.63), v, 1e-3);
        for (int i = 0; i < v.length; i += 3) {
            double l = Math.sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]);
            assertEquals(1, (v[i] * n[i] + v[i + 1] * n[i + 1] + v[i + 2] * n[i + 2]) / l, 1e-4);
        }
    }

    /** Largest and mean distance to the sphere over vertices, edge midpoints and face centroids. */
    static double[] distancesToSphere(Mesh m, double r) {
        float[] v = m.vertices();
        int[] t = m.triangles();
        double max = 0, sum = 0;
        int count = 0;
        double[][] bary = {{1, 0, 0}, {0.5, 0.5, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
        for (int f = 0; f < m.triangleCount(); f++)
            for (double[] w : bary) {
                double x = 0, y = 0, z = 0;
                for (int k = 0; k < 3; k++) { int i = 3 * t[3 * f + k]; x += w[k] * v[i]; y += w[k] * v[i + 1]; z += w[k] * v[i + 2]; }
                double d = Math.abs(Math.sqrt(x * x + y * y + z * z) - r);
                max = Math.max(max, d);
                sum += d;
                count++;
            }
        return new double[]{max, sum / count};
    }
}
