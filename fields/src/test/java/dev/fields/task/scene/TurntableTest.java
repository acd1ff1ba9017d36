package dev.fields.task.scene;

import dev.fields.io.scene.CameraPose;
import dev.fields.io.scene.PinholeIntrinsics;
import dev.fields.io.scene.Scene;
import dev.fields.io.scene.SceneBox;
import dev.fields.io.scene.SceneView;
import dev.fields.ray.PinholeCamera;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The turntable's cameras: a ring about the cameras' up axis, at the asked elevation, framing the box, looking at its centre. */
class TurntableTest {
    /** Cameras on a ring at 30° around {@code centre}, +Z up (Blender's convention), 200×100 pixels, focal length 150. */
    private static Scene zUpScene(double[] centre, double half) {
        List<SceneView> views = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double az = 2 * Math.PI * i / 6 + 0.3, el = Math.toRadians(30);
            double[] eye = {centre[0] + 5 * Math.cos(el) * Math.cos(az), centre[1] + 5 * Math.cos(el) * Math.sin(az), centre[2] + 5 * Math.sin(el)};
            views.add(new SceneView("v" + i, Path.of("v" + i + ".png"), new PinholeIntrinsics(150, 150, 100, 50, 200, 100),
                    CameraPose.lookAt(eye, centre, new double[]{0, 0, 1}), null));
        }
        double[] lo = new double[3], hi = new double[3];
        for (int c = 0; c < 3; c++) { lo[c] = centre[c] - half; hi[c] = centre[c] + half; }
        return new Scene(views.subList(0, 4), List.of(), views.subList(4, 6), new SceneBox(lo, hi), "explicit", new float[]{1, 1, 1}, "blender", Path.of("."));
    }

    @Test void aRingAboutTheCamerasUpAxisThatFramesTheBox() {
        double[] centre = {0.5, -1, 2};
        double half = 1.5;
        Scene scene = zUpScene(centre, half);
        double[] up = Turntable.upAxis(scene);
        assertArrayEquals(new double[]{0, 0, 1}, up, 1e-9, "the cameras' mean up direction");
        List<PinholeCamera> cams = Turntable.cameras(scene, scene.test().get(0), 8, 25, 128);
        assertEquals(8, cams.size());
        double[] previous = null;
        for (PinholeCamera cam : cams) {
            // scaled so the longer side is 128: 128×64, focal length 96, centred principal point
            assertEquals(128, cam.width());
            assertEquals(64, cam.height());
            assertEquals(96, cam.fx(), 1e-9);
            assertEquals(32, cam.cy(), 1e-9);
            double[] m = cam.cameraToWorld();
            double[] eye = {m[3] - centre[0], m[7] - centre[1], m[11] - centre[2]};
            double d = Math.sqrt(eye[0] * eye[0] + eye[1] * eye[1] + eye[2] * eye[2]);
            // the ball of radius `half` fills the vertical field of view (the smaller one): sin(half fov) = half / d
            assertEquals(half / Math.sin(Math.atan(32.0 / 96)), d, 1e-9);
            assertEquals(25, Math.toDegrees(Math.asin(eye[2] / d)), 1e-9, "elevation");
            // the camera looks down its −Z at the centre
            for (int c = 0; c < 3; c++) assertEquals(-eye[c] / d, -m[4 * c + 2], 1e-9);
            double[] flat = {eye[0], eye[1]};
            if (previous != null) {
                double cos = (flat[0] * previous[0] + flat[1] * previous[1]) / (Math.hypot(flat[0], flat[1]) * Math.hypot(previous[0], previous[1]));
                assertEquals(45, Math.toDegrees(Math.acos(cos)), 1e-6, "azimuth steps of 360° / 8");
            }
            previous = flat;
        }
        // view 0 is on the side of the first test camera
        double[] ref = scene.test().get(0).cameraToWorld(), m0 = cams.get(0).cameraToWorld();
        double dot = (ref[3] - centre[0]) * (m0[3] - centre[0]) + (ref[7] - centre[1]) * (m0[7] - centre[1]);
        double cos = dot / (Math.hypot(ref[3] - centre[0], ref[7] - centre[1]) * Math.hypot(m0[3] - centre[0], m0[7] - centre[1]));
        assertEquals(1, cos, 1e-9);
    }
}
