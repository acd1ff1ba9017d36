package dev.fields.io.scene;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The bundled scene (scenes/bunny-scene, made by make-scene from the bunny) loads and holds what its README says. */
class BundledSceneTest {
    static final Path SCENE = Path.of("../scenes/bunny-scene");

    @Test void theBunnySceneLoads() {
        Scene s = SceneReader.read(SCENE);
        System.out.println(s.describe());
        assertEquals("blender", s.layout());
        assertEquals(100, s.train().size());
        assertEquals(16, s.test().size());
        assertEquals(16, s.val().size());
        assertEquals(100, s.width());
        assertEquals(100, s.height());
        assertEquals(0.6911112070083618, s.train().get(0).intrinsics().angleX(), 1e-12);
        // the object (normalized into the unit ball) lies inside the box the cameras give
        for (int c = 0; c < 3; c++) assertTrue(s.box().min()[c] < -1 && s.box().max()[c] > 1, s.box().toString());
        for (SceneView v : s.train()) {
            double[] o = CameraPose.position(v.cameraToWorld());
            assertEquals(4, Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]), 1e-9);
            // composited over white: the corner is background, and the object covers part of the view
            float[] d = v.rgb().data();
            assertArrayEquals(new float[]{1, 1, 1}, new float[]{d[0], d[1], d[2]}, 0);
            int object = 0;
            for (int p = 0; p < d.length / 3; p++) if (d[3 * p] + d[3 * p + 1] + d[3 * p + 2] < 2.9f) object++;
            double share = object / 10000.0;
            assertTrue(share > 0.03 && share < 0.6, v.name() + " object covers " + share + " of the view");
        }
    }
}
