package dev.fields.io.scene;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The scene reader on both layouts: intrinsics, splits, compositing, boxes. Bad input: {@link SceneReaderErrorsTest}. */
class SceneReaderTest {
    @TempDir Path dir;

    @Test void readsTheBlenderLayoutWithIntrinsicsFromTheAngleAndImagesWithoutExtension() throws Exception {
        SceneFixtures.blender(dir, 5, 8, 6, 0.7);
        Scene s = SceneReader.read(dir);
        assertEquals("blender", s.layout());
        assertEquals(5, s.train().size());
        assertEquals(2, s.val().size());
        assertEquals(3, s.test().size());
        PinholeIntrinsics k = s.train().get(0).intrinsics();
        double f = 0.5 * 8 / Math.tan(0.35);
        assertEquals(f, k.fx(), 1e-12);
        assertEquals(f, k.fy(), 1e-12);
        assertEquals(4, k.cx(), 0);
        assertEquals(3, k.cy(), 0);
        assertEquals(8, s.width());
        assertEquals(6, s.height());
        assertArrayEquals(SceneFixtures.pose(2, 12), s.train().get(2).cameraToWorld(), 1e-12);
        assertTrue(s.train().get(2).image().getFileName().toString().equals("r_2.png"));
        assertTrue(s.train().get(1).name().contains("transforms_train.json frame 1"), s.train().get(1).name());
    }

    /** Values as stored (no gamma), composited over the background: α = 128/255 on the top-left pixel, α = 0 top-right. */
    @Test void compositesAlphaOverTheBackgroundWithoutGamma() throws Exception {
        SceneFixtures.blender(dir, 2, 8, 6, 0.7);
        float[] grey = {0.25f, 0.5f, 0.75f};
        Scene white = SceneReader.read(dir), g = SceneReader.read(dir, SceneOptions.DEFAULTS.withBackground(grey));
        var wi = white.train().get(1).rgb();
        var gi = g.train().get(1).rgb();
        float a = 128 / 255f, blue = 25 / 255f;
        // top-left: colour (0, 0, blue) at α = 128/255
        assertEquals(1 - a, wi.get(0, 0, 0), 1e-6);
        assertEquals(blue * a + (1 - a), wi.get(0, 0, 2), 1e-6);
        assertEquals(grey[1] * (1 - a), gi.get(0, 0, 1), 1e-6);
        // top-right: fully transparent shows the background
        for (int c = 0; c < 3; c++) assertEquals(grey[c], gi.get(7, 0, c), 1e-6);
        // an opaque pixel keeps its stored value: red = x / 7, green = y / 5
        assertEquals(Math.round(255f * 3 / 7) / 255f, wi.get(3, 2, 0), 1e-6);
        assertEquals(Math.round(255f * 2 / 5) / 255f, gi.get(3, 2, 1), 1e-6);
    }

    /** The box from the cameras: centred where they look (the origin), the ball every camera sees inscribed. */
    @Test void theBoxFromTheCamerasIsCentredWhereTheyLook() throws Exception {
        SceneFixtures.blender(dir, 6, 8, 8, 0.7);
        Scene s = SceneReader.read(dir);
        assertEquals("cameras", s.boxSource());
        double[] c = s.box().centre();
        for (double v : c) assertEquals(0, v, 1e-9);
        // every camera at distance √17, its axis through the origin (θ = 0), half-angle 0.35: r = √17 sin 0.35
        double r = Math.sqrt(17) * Math.sin(0.35);
        assertEquals(r, s.box().max()[0], 1e-6);
        assertEquals(-r, s.box().min()[2], 1e-6);
        // explicit bounds win
        SceneBox mine = new SceneBox(new double[]{-1, -2, -3}, new double[]{1, 2, 3});
        Scene e = SceneReader.read(dir, SceneOptions.DEFAULTS.withBounds(mine));
        assertEquals("explicit", e.boxSource());
        assertArrayEquals(new double[]{1, 2, 3}, e.box().max());
    }

    private Path single(int n, String extraTop, String extraFrame0) throws Exception {
        StringBuilder frames = new StringBuilder();
        for (int k = 0; k < n; k++) {
            SceneFixtures.png(dir.resolve("images").resolve(String.format("f_%02d.png", k)), SceneFixtures.image(10, 8, k));
            frames.append(k == 0 ? "" : ",\n").append("{\"file_path\": \"images/f_").append(String.format("%02d", k)).append(".png\", \"transform_matrix\": ")
                    .append(SceneFixtures.matrix(SceneFixtures.pose(k, n))).append(k == 0 ? extraFrame0 : "").append("}");
        }
        Path json = dir.resolve("transforms.json");
        Files.writeString(json, "{\"fl_x\": 12.5, \"fl_y\": 13, \"cx\": 4.75, \"cy\": 4.25, \"w\": 10, \"h\": 8, \"k1\": 0, \"p1\": 0.0,"
                + " \"camera_model\": \"OPENCV\", \"applied_transform\": [[1,0,0,0],[0,1,0,0],[0,0,1,0]]" + extraTop + ",\n\"frames\": [" + frames + "]}");
        return json;
    }

    @Test void readsASingleTransformsFileHoldingOutEveryEighthFrame() throws Exception {
        Path json = single(17, "", ", \"fl_x\": 20, \"cx\": 5");
        Scene s = SceneReader.read(dir);
        assertEquals("transforms.json", s.layout());
        assertEquals(3, s.test().size(), "frames 0, 8, 16 are held out");
        assertEquals(14, s.train().size());
        assertEquals(s.test(), s.val());
        assertTrue(s.test().get(1).image().toString().endsWith("f_08.png"));
        assertTrue(s.test().get(2).image().toString().endsWith("f_16.png"));
        PinholeIntrinsics k = s.train().get(0).intrinsics();
        assertEquals(new PinholeIntrinsics(12.5, 13, 4.75, 4.25, 10, 8), k);
        // frame 0 overrides fl_x and cx
        assertEquals(new PinholeIntrinsics(20, 13, 5, 4.25, 10, 8), s.test().get(0).intrinsics());
        // the JSON file itself works as the argument
        assertEquals(14, SceneReader.read(json).train().size());
    }

    @Test void aNerfstudioSplitIsUsedWhenTheFileListsOne() throws Exception {
        single(5, ", \"train_filenames\": [\"images/f_00.png\", \"images/f_01.png\", \"images/f_02.png\"], \"test_filenames\": [\"images/f_04.png\"]", "");
        Scene s = SceneReader.read(dir);
        assertEquals(3, s.train().size());
        assertEquals(1, s.test().size());
        assertEquals(s.test(), s.val());
        assertTrue(s.test().get(0).image().toString().endsWith("f_04.png"));
    }

    /** instant-ngp's box: side aabb_scale / scale, centred on (0.5 − offset) / scale. */
    @Test void theAabbScaleBoxIsInstantNgpsInWorldCoordinates() throws Exception {
        single(9, ", \"aabb_scale\": 4", "");
        SceneBox b = SceneReader.read(dir).box();
        assertArrayEquals(new double[]{-2 / 0.33, -2 / 0.33, -2 / 0.33}, b.min(), 1e-12);
        assertArrayEquals(new double[]{2 / 0.33, 2 / 0.33, 2 / 0.33}, b.max(), 1e-12);
        single(9, ", \"aabb_scale\": 2, \"scale\": 0.5, \"offset\": [0.5, 1.0, 0.0]", "");
        Scene s = SceneReader.read(dir);
        assertEquals("aabb_scale", s.boxSource());
        assertArrayEquals(new double[]{0, -1, 1}, s.box().centre(), 1e-12);
        assertArrayEquals(new double[]{-2, -3, -1}, s.box().min(), 1e-12);
    }

    @Test void jpegAndGreyImagesAndTheAngleFallbackWork() throws Exception {
        BufferedImage grey = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 6; x++) grey.getRaster().setSample(x, y, 0, 40 * x);
        Files.createDirectories(dir.resolve("img"));
        ImageIO.write(grey, "png", dir.resolve("img/a.png").toFile());
        BufferedImage rgb = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 6; x++) rgb.setRGB(x, y, 0x808080);
        ImageIO.write(rgb, "jpg", dir.resolve("img/b.jpg").toFile());
        Path json = dir.resolve("scene.json");
        Files.writeString(json, "{\"camera_angle_x\": 1.0, \"aabb_scale\": 1, \"frames\": [{\"file_path\": \"img/a\", \"transform_matrix\": " + SceneFixtures.matrix(SceneFixtures.pose(0, 2))
                + "}, {\"file_path\": \"img/b\", \"transform_matrix\": " + SceneFixtures.matrix(SceneFixtures.pose(1, 2)) + "}]}");
        Scene s = SceneReader.read(json);
        assertEquals(1, s.train().size());
        var a = s.test().get(0); // sorted by file_path: img/a is frame 0, held out
        assertTrue(a.image().toString().endsWith("a.png"));
        assertEquals(160 / 255f, a.rgb().get(4, 1, 0), 1e-6);
        assertEquals(160 / 255f, a.rgb().get(4, 1, 2), 1e-6);
        assertEquals(0.5 * 6 / Math.tan(0.5), a.intrinsics().fx(), 1e-12);
        assertEquals(a.intrinsics().fx(), a.intrinsics().fy(), 0);
        assertEquals(128 / 255f, s.train().get(0).rgb().get(2, 2, 1), 3 / 255f);
    }

    @Test void lookAtMakesRigidPosesThatLookAtTheTarget() {
        List<double[]> poses = new ArrayList<>();
        poses.add(CameraPose.lookAt(new double[]{1, 2, 3}, new double[]{-1, 0, 0.5}, new double[]{0, 1, 0}));
        poses.add(CameraPose.lookAt(new double[]{0, 5, 0}, new double[]{0, 0, 0}, new double[]{0, 1, 0})); // straight down
        for (double[] m : poses) {
            CameraPose.requireRigid(m, "test");
            double[] d = CameraPose.viewDirection(m), o = CameraPose.position(m);
            double[] to = {-o[0], -o[1], -o[2]};
            if (o[0] == 1) to = new double[]{-2, -2, -2.5};
            double n = Math.sqrt(to[0] * to[0] + to[1] * to[1] + to[2] * to[2]);
            for (int c = 0; c < 3; c++) assertEquals(to[c] / n, d[c], 1e-12);
        }
        assertTrue(poses.get(0)[5] > 0, "camera +Y has a positive world-Y component");
    }
}
