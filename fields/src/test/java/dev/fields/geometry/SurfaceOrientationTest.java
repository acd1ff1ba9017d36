package dev.fields.geometry;

import dev.fields.io.mesh.Icosphere;
import dev.fields.io.mesh.Mesh;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Surface normals end up outward on a sphere wound outward, wound inward, and wound half one way and half the other. */
class SurfaceOrientationTest {
    private static Mesh rewound(Mesh m, boolean all) {
        int[] t = m.triangles().clone();
        for (int i = 0; i < t.length; i += 3)
            if (all || (i / 3) % 2 == 0) { int s = t[i + 1]; t[i + 1] = t[i + 2]; t[i + 2] = s; }
        return new Mesh(m.vertices(), t);
    }

    /** Mean of n·x/|x| over the samples: 1 for outward normals on a sphere about the origin. */
    private static double outwardness(Mesh m) {
        int n = 2000;
        float[] x = new float[3 * n], nrm = new float[3 * n];
        new SurfaceSampler(m).sample(n, new SplittableRandom(2), x, nrm);
        double flipped = SurfaceOrientation.orientOutward(x, nrm, n, new GroundTruth(m, GroundTruth.InsideTest.WINDING));
        assertTrue(flipped >= 0 && flipped <= 1);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double l = Math.sqrt(x[3 * i] * x[3 * i] + x[3 * i + 1] * x[3 * i + 1] + x[3 * i + 2] * x[3 * i + 2]);
            s += (nrm[3 * i] * x[3 * i] + nrm[3 * i + 1] * x[3 * i + 1] + nrm[3 * i + 2] * x[3 * i + 2]) / l;
        }
        return s / n;
    }

    @Test void normalsPointOutwardWhateverTheWinding() {
        Mesh sphere = Icosphere.of(0.6, 3);
        assertTrue(Spheres.volume(sphere) > 0, "the fixture is wound outward");
        assertEquals(1, outwardness(sphere), 0.02);
        assertEquals(1, outwardness(rewound(sphere, true)), 0.02);
        assertEquals(1, outwardness(rewound(sphere, false)), 0.02);
    }
}
