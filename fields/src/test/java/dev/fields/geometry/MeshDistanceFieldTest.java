package dev.fields.geometry;

import dev.fields.io.mesh.Icosphere;
import dev.fields.io.mesh.Mesh;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshDistanceFieldTest {
    @Test void boundedDistanceIsTheDistanceOrTheLimit() {
        Mesh m = Icosphere.of(0.6, 2);
        TriangleBvh bvh = new TriangleBvh(m);
        TriangleBvh.Scratch s = new TriangleBvh.Scratch();
        SplittableRandom r = new SplittableRandom(3);
        int capped = 0;
        for (int i = 0; i < 2000; i++) {
            double x = r.nextDouble(-1, 1), y = r.nextDouble(-1, 1), z = r.nextDouble(-1, 1), limit = r.nextDouble(0.01, 0.3);
            double d = bvh.distance(x, y, z, s), b = bvh.distanceWithin(x, y, z, limit, s);
            assertEquals(Math.min(d, limit), b, 1e-12, "at " + x + ", " + y + ", " + z);
            if (d >= limit) { capped++; assertEquals(-1, s.triangle); }
        }
        assertTrue(capped > 100 && capped < 1900, "both cases are exercised: " + capped);
    }

    @Test void truncatedDistanceExtractsTheSameMeshAsTheFullDistance() {
        GroundTruth gt = new GroundTruth(Icosphere.of(0.7, 3), GroundTruth.InsideTest.WINDING);
        MarchingCubes.ScalarField full = (xyz, n, out) -> gt.query(xyz, n, out, null);
        for (int res : new int[]{20, 64}) { // dense, and sparse (coarse pass) above 64
            MeshDistanceField band = MeshDistanceField.forResolution(gt, res);
            IsoMesh a = IsoMesh.extract(band, res, 0), b = IsoMesh.extract(full, res, 0);
            assertTrue(a.mesh().triangleCount() > 100);
            assertArrayEquals(b.mesh().vertices(), a.mesh().vertices(), "vertices at " + res);
            assertArrayEquals(b.mesh().triangles(), a.mesh().triangles(), "triangles at " + res);
            assertArrayEquals(b.normals(), a.normals(), "normals at " + res);
            float[] p = {0.95f, 0.95f, 0.95f, 0, 0, 0}, v = new float[2];
            band.evaluate(p, 2, v);
            assertEquals(band.band(), v[0], 1e-6, "far outside: +band");
            assertEquals(-band.band(), v[1], 1e-6, "deep inside: -band");
        }
    }
}
