package dev.fields.render;

import dev.fields.io.mesh.Icosphere;
import dev.fields.io.UserError;
import dev.fields.io.scene.CameraPose;
import dev.fields.io.scene.Scene;
import dev.fields.io.scene.SceneOptions;
import dev.fields.io.scene.SceneReader;
import dev.fields.io.scene.SceneView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scenes made from a mesh read back through the scene reader, with rigid cameras looking at the centre and the
 * analytic silhouette of a unit sphere. GL test: fails in CI without OpenGL, skips elsewhere (the maker makes its
 * own headless context, so this class does not hold one).
 */
class SceneMakerGlTest {
    @TempDir Path dir;

    @BeforeAll static void gl() {
        boolean ok = GlContext.available();
        if (!ok && "true".equals(System.getenv("CI"))) fail("CI must run the GL tests, but no OpenGL context is available");
        assumeTrue(ok, "no OpenGL here");
    }

    private static SceneMaker.Settings settings(int train, int test, int size, long seed, float[] bg) {
        return new SceneMaker.Settings(train, test, size, seed, bg, SceneMaker.DEFAULT_DISTANCE, SceneMaker.DEFAULT_ANGLE_X, 4);
    }

    @Test void aSphereSceneReadsBackWithRigidCamerasLookingAtTheCentre() throws Exception {
        Path out = dir.resolve("sphere");
        SceneMaker.Made made = SceneMaker.make(Icosphere.of(1, 4).transformed(3, new double[]{10, -2, 5}), settings(12, 5, 64, 7, null), out);
        System.out.printf("sphere scene: %d + %d views of %d², %d bytes, %.2f s%n", made.train(), made.test(), made.size(), made.bytes(), made.seconds());
        Scene s = SceneReader.read(out);
        assertEquals(12, s.train().size());
        assertEquals(5, s.test().size());
        assertEquals(5, s.val().size());
        assertEquals(64, s.width());
        assertEquals(SceneMaker.DEFAULT_ANGLE_X, s.train().get(0).intrinsics().angleX(), 1e-9);
        for (SceneView v : s.train()) {
            double[] m = v.cameraToWorld(), o = CameraPose.position(m), d = CameraPose.viewDirection(m);
            CameraPose.requireRigid(m, v.name());
            double r = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
            assertEquals(SceneMaker.DEFAULT_DISTANCE, r, 1e-9);
            assertEquals(-1, (o[0] * d[0] + o[1] * d[1] + o[2] * d[2]) / r, 1e-9, "looks at the centre");
            assertTrue(o[1] >= 0, "upper hemisphere");
            assertTrue(m[5] > 0, "camera up has a positive world-Y part");
        }
        for (SceneView v : s.test()) assertEquals(SceneMaker.DEFAULT_DISTANCE * Math.sin(Math.toRadians(30)), v.cameraToWorld()[7], 1e-9, "the ring");
        // the normalized sphere is the unit ball: its silhouette from distance 4 is a disc of radius f·tan(asin(1/4))
        BufferedImage png = ImageIO.read(out.resolve("test/r_2.png").toFile());
        assertTrue(png.getColorModel().hasAlpha());
        double area = 0;
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) area += (png.getRGB(x, y) >>> 24) / 255.0;
        double f = s.test().get(2).intrinsics().fx(), predicted = f * Math.tan(Math.asin(0.25));
        assertEquals(predicted, Math.sqrt(area / Math.PI), 0.25, "disc radius in pixels");
        assertEquals(0, png.getRGB(0, 0) >>> 24, "alpha 0 outside the object");
        // composited by the reader: the background outside, the object's colour inside
        Scene black = SceneReader.read(out, SceneOptions.DEFAULTS.withBackground(new float[]{0, 0, 0}));
        assertEquals(0, black.test().get(2).rgb().get(1, 1, 0), 0);
        assertEquals(1, s.test().get(2).rgb().get(1, 1, 0), 0);
        assertEquals(s.test().get(2).rgb().get(32, 32, 1), black.test().get(2).rgb().get(32, 32, 1), 1e-6);
        // the box from the cameras holds the unit ball
        for (int c = 0; c < 3; c++) assertTrue(s.box().min()[c] < -1 && s.box().max()[c] > 1, s.box().toString());
    }

    @Test void theSeedDecidesTheTrainViewsAndABackgroundMakesOpaqueImages() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        SceneMaker.make(Icosphere.of(1, 2), settings(4, 2, 16, 1, null), a);
        SceneMaker.make(Icosphere.of(1, 2), settings(4, 2, 16, 1, new float[]{1, 1, 1}), b);
        SceneMaker.make(Icosphere.of(1, 2), settings(4, 2, 16, 2, null), c);
        assertEquals(Files.readString(a.resolve("transforms_train.json")), Files.readString(b.resolve("transforms_train.json")));
        assertNotEquals(Files.readString(a.resolve("transforms_train.json")), Files.readString(c.resolve("transforms_train.json")));
        BufferedImage opaque = ImageIO.read(b.resolve("train/r_0.png").toFile());
        assertFalse(opaque.getColorModel().hasAlpha());
        assertEquals(0xffffff, opaque.getRGB(0, 0) & 0xffffff);
        // the same scene either way once composited over white
        Scene sa = SceneReader.read(a), sb = SceneReader.read(b);
        float[] pa = sa.train().get(0).rgb().data(), pb = sb.train().get(0).rgb().data();
        for (int i = 0; i < pa.length; i++) assertEquals(pa[i], pb[i], 1.5 / 255);
    }

    @Test void badSettingsAreOneLine() {
        UserError e = assertThrows(UserError.class, () -> settings(0, 2, 16, 1, null));
        assertTrue(e.getMessage().contains("at least one train"), e.getMessage());
        e = assertThrows(UserError.class, () -> new SceneMaker.Settings(4, 2, 16, 1, null, 1.2, SceneMaker.DEFAULT_ANGLE_X, 4));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertThrows(UserError.class, () -> settings(4, 2, 4, 1, null));
    }
}
