package dev.fields.geometry;

import dev.fields.io.mesh.Icosphere;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.mesh.MeshImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** BVH distances, winding numbers, parity, marching cubes and metrics against analytic spheres and real meshes. */
class GeometryTest {
    static final Mesh SPHERE = Icosphere.of(1.0, 4); // 5120 triangles, max chord sag ~ 1.2e-3

    @Test void closestDistanceAndWindingMatchTheSphere() {
        TriangleBvh bvh = new TriangleBvh(SPHERE);
        TriangleBvh.Scratch s = new TriangleBvh.Scratch();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            double x = 4 * r.nextDouble() - 2, y = 4 * r.nextDouble() - 2, z = 4 * r.nextDouble() - 2;
            double rad = Math.sqrt(x * x + y * y + z * z);
            assertEquals(Math.abs(rad - 1), bvh.distance(x, y, z, s), 2.5e-3, "distance at radius " + rad);
            double cp = Math.sqrt(s.point[0] * s.point[0] + s.point[1] * s.point[1] + s.point[2] * s.point[2]);
            assertEquals(1, cp, 2.5e-3, "closest point lies on the sphere");
            if (Math.abs(rad - 1) > 0.02) {
                double w = bvh.winding(x, y, z, s);
                assertEquals(rad < 1 ? 1 : 0, bvh.windingExact(x, y, z), 1e-9, "exact winding at radius " + rad);
                // first-order dipoles with beta = 2: within a few percent, far inside the 0.5 label threshold
                assertEquals(bvh.windingExact(x, y, z), w, 0.05, "fast winding at radius " + rad);
                assertEquals(rad < 1, (bvh.rayHits(x, y, z, s) & 1) == 1, "parity at radius " + rad);
            }
        }
    }

    @Test void windingLabelsSurviveHolesAwayFromThem() {
        Mesh cow = MeshImporter.load(Path.of("../scenes/cow.off"));
        double[] b = cow.bounds();
        double diag = Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
        // open the mesh: remove every triangle whose first vertex lies in two small balls
        float[] v = cow.vertices();
        double[][] holes = {{v[0], v[1], v[2]}, {v[3 * 1500], v[3 * 1500 + 1], v[3 * 1500 + 2]}};
        double hr = 0.06 * diag;
        Mesh open = cow.withoutTriangles(t -> {
            int a = 3 * cow.triangles()[3 * t];
            for (double[] h : holes) if (Math.pow(v[a] - h[0], 2) + Math.pow(v[a + 1] - h[1], 2) + Math.pow(v[a + 2] - h[2], 2) < hr * hr) return true;
            return false;
        });
        int removed = cow.triangleCount() - open.triangleCount();
        assertTrue(removed > 20, "holes cut: " + removed);
        GroundTruth closed = new GroundTruth(cow, GroundTruth.InsideTest.WINDING), holed = new GroundTruth(open, GroundTruth.InsideTest.WINDING);
        int n = 20000;
        float[] p = new float[3 * n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) for (int c = 0; c < 3; c++) p[3 * i + c] = (float) (b[c] + (b[c + 3] - b[c]) * (1.2 * r.nextDouble() - 0.1));
        float[] a = new float[n], c = new float[n];
        closed.query(p, n, null, a);
        holed.query(p, n, null, c);
        int far = 0, agree = 0, inside = 0;
        for (int i = 0; i < n; i++) {
            boolean nearHole = false;
            for (double[] h : holes) nearHole |= Math.sqrt(Math.pow(p[3 * i] - h[0], 2) + Math.pow(p[3 * i + 1] - h[1], 2) + Math.pow(p[3 * i + 2] - h[2], 2)) < 2 * hr;
            if (nearHole) continue;
            far++;
            if (a[i] == c[i]) agree++;
            if (a[i] > 0.5f) inside++;
        }
        assertTrue(inside > 200, "some points are inside the cow: " + inside);
        assertTrue(agree >= 0.99 * far, agree + " of " + far + " agree away from the holes");
        // ray parity is what breaks on open meshes; on the closed one it agrees with winding numbers
        float[] par = new float[n];
        new GroundTruth(cow, GroundTruth.InsideTest.PARITY).query(p, n, null, par);
        int same = 0;
        for (int i = 0; i < n; i++) if (par[i] == a[i]) same++;
        assertTrue(same >= 0.99 * n, "parity vs winding on the closed cow: " + same);
    }

    @Test void marchingCubesOfASphereSdf() {
        double rad = 0.6;
        MarchingCubes.ScalarField sdf = (xyz, count, out) -> {
            for (int i = 0; i < count; i++) out[i] = (float) (Math.sqrt(xyz[3 * i] * xyz[3 * i] + xyz[3 * i + 1] * xyz[3 * i + 1] + xyz[3 * i + 2] * xyz[3 * i + 2]) - rad);
        };
        int res = 64;
        Mesh dense = MarchingCubes.extract(sdf, res, new double[]{-1, -1, -1}, new double[]{1, 1, 1}, 0);
        Mesh sparse = MarchingCubes.extract(sdf, res, new double[]{-1, -1, -1}, new double[]{1, 1, 1}, 0, 4);
        for (Mesh m : new Mesh[]{dense, sparse}) {
            float[] v = m.vertices();
            for (int i = 0; i < v.length; i += 3)
                assertEquals(rad, Math.sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]), 2.0 / res * 0.1);
            assertEquals(4 * Math.PI * rad * rad, m.area(), 0.02 * 4 * Math.PI * rad * rad);
            assertEquals(4.0 / 3 * Math.PI * rad * rad * rad, Spheres.volume(m), 0.02 * 4.0 / 3 * Math.PI * rad * rad * rad, "outward orientation, closed");
        }
        assertEquals(dense.triangleCount(), sparse.triangleCount(), "sparse evaluation finds the same surface");
        assertArrayEquals(dense.triangles(), sparse.triangles());
    }

    @Test void chamferAndFscoreOnAnalyticSpheres() {
        ShapeMetrics.Comparison same = ShapeMetrics.compare(SPHERE, SPHERE, 20000, 0.01, 1);
        assertEquals(0, same.chamferL1(), 2e-3);
        assertEquals(1.0, same.fscore(), 1e-9);
        assertEquals(1.0, same.normalConsistency(), 1e-3);
        ShapeMetrics.Comparison bigger = ShapeMetrics.compare(Icosphere.of(1.05, 4), SPHERE, 20000, 0.01, 1);
        assertEquals(0.05, bigger.chamferL1(), 3e-3);
        assertEquals(0.0, bigger.fscore(), 1e-9);
        assertEquals(1.0 / 3, ShapeMetrics.iou(new float[]{1, 1, 0, 0}, new float[]{1, 0, 1, 0}), 1e-12);
    }
}
