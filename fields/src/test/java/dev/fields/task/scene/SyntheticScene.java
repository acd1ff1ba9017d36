package dev.fields.task.scene;

import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.scene.BlenderLayoutWriter;
import dev.fields.ray.PinholeCamera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny Blender-layout scene written for tests: a sphere of radius {@value #RADIUS} at the origin, coloured by its
 * normal ({@code 0.2 + 0.6 · (n + 1) / 2} per channel, view-independent), over a white background, seen by cameras at
 * distance 3 looking at the origin (train: a spiral over the upper and lower hemisphere; test: a ring at 20°).
 */
public final class SyntheticScene {
    public static final double RADIUS = 0.6, ANGLE = 0.9, DISTANCE = 3;

    private SyntheticScene() {}

    public static Path write(Path dir, int trainViews, int testViews, int size) throws IOException {
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve("test"));
        List<BlenderLayoutWriter.Frame> train = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < trainViews; i++) {
            double el = Math.toRadians(-50 + 110.0 * i / Math.max(1, trainViews - 1)), az = 2.4 * i;
            train.add(view(dir, "train/r_" + i, el, az, size));
        }
        for (int i = 0; i < testViews; i++) test.add(view(dir, "test/r_" + i, Math.toRadians(20), 2 * Math.PI * (i + 0.5) / testViews, size));
        BlenderLayoutWriter.write(dir.resolve("transforms_train.json"), ANGLE, train);
        BlenderLayoutWriter.write(dir.resolve("transforms_test.json"), ANGLE, test);
        return dir;
    }

    private static BlenderLayoutWriter.Frame view(Path dir, String name, double el, double az, int size) {
        double[] eye = {DISTANCE * Math.cos(el) * Math.sin(az), DISTANCE * Math.sin(el), DISTANCE * Math.cos(el) * Math.cos(az)};
        double[] pose = dev.fields.io.scene.CameraPose.lookAt(eye, new double[3], new double[]{0, 1, 0});
        Images.writePng(dir.resolve(name + ".png"), image(PinholeCamera.ofAngle(ANGLE, size, size, pose)));
        return new BlenderLayoutWriter.Frame("./" + name, pose);
    }

    /** The exact picture of the sphere from a camera. */
    static FloatImage image(PinholeCamera cam) {
        FloatImage im = FloatImage.blank(cam.width(), cam.height(), 3);
        float[] o = new float[3], d = new float[3];
        for (int p = 0; p < cam.pixels(); p++) {
            cam.pixelRay(p, o, d, 0);
            double b = o[0] * d[0] + o[1] * d[1] + o[2] * d[2], cc = o[0] * o[0] + o[1] * o[1] + o[2] * o[2] - RADIUS * RADIUS;
            double disc = b * b - cc;
            int x = p % cam.width(), y = p / cam.width();
            for (int c = 0; c < 3; c++) {
                float v = 1;
                if (disc > 0) {
                    double t = -b - Math.sqrt(disc), n = (o[c] + t * d[c]) / RADIUS;
                    v = (float) (0.2 + 0.6 * (n + 1) / 2);
                }
                im.set(x, y, c, v);
            }
        }
        return im;
    }
}
