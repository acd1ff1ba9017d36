package dev.fields.task.scene;

import dev.fields.io.scene.CameraPose;
import dev.fields.io.scene.PinholeIntrinsics;
import dev.fields.io.scene.Scene;
import dev.fields.io.scene.SceneView;
import dev.fields.ray.PinholeCamera;

import java.util.ArrayList;
import java.util.List;

/**
 * Cameras around a scene for a turntable strip: {@code views} cameras evenly spaced in azimuth about the scene's up
 * axis, all at {@code elevationDeg} above the plane through the box's centre and looking at that centre. The up axis is
 * the mean of the cameras' own up directions (their +Y, as nerfstudio orients captures), +Y when they cancel out;
 * azimuth 0 is the side the first test camera looks from. The distance frames the box: the ball of the box's largest
 * half side just fills the smaller of the view's two fields of view. The intrinsics are the first test view's, scaled
 * down so the longer side has at most {@code maxSide} pixels, with the principal point at the image centre.
 */
final class Turntable {
    private Turntable() {}

    static List<PinholeCamera> cameras(Scene scene, SceneView reference, int views, double elevationDeg, int maxSide) {
        double[] centre = scene.box().centre(), up = upAxis(scene);
        double half = 0;
        for (int c = 0; c < 3; c++) half = Math.max(half, (scene.box().max()[c] - scene.box().min()[c]) / 2);
        PinholeIntrinsics k = reference.intrinsics();
        double s = Math.min(1.0, (double) maxSide / Math.max(k.width(), k.height()));
        int w = Math.max(1, (int) Math.round(k.width() * s)), h = Math.max(1, (int) Math.round(k.height() * s));
        double fx = k.fx() * s, fy = k.fy() * s;
        double halfFov = Math.min(Math.atan(0.5 * w / fx), Math.atan(0.5 * h / fy));
        double distance = half / Math.sin(halfFov);
        // a horizontal basis (a, b) of the plane perpendicular to up, a towards the reference camera
        double[] pose = reference.cameraToWorld();
        double[] a = {pose[3] - centre[0], pose[7] - centre[1], pose[11] - centre[2]};
        a = perpendicular(a, up);
        if (norm(a) < 1e-9) a = perpendicular(Math.abs(up[0]) < 0.9 ? new double[]{1, 0, 0} : new double[]{0, 0, 1}, up);
        a = unit(a);
        double[] b = cross(up, a);
        double el = Math.toRadians(elevationDeg);
        List<PinholeCamera> out = new ArrayList<>(views);
        for (int i = 0; i < views; i++) {
            double az = 2 * Math.PI * i / views;
            double[] eye = new double[3];
            for (int c = 0; c < 3; c++)
                eye[c] = centre[c] + distance * (Math.cos(el) * (Math.cos(az) * a[c] + Math.sin(az) * b[c]) + Math.sin(el) * up[c]);
            out.add(new PinholeCamera(fx, fy, w / 2.0, h / 2.0, w, h, CameraPose.lookAt(eye, centre, up)));
        }
        return out;
    }

    /** The unit mean of every camera's up direction (the second column of its pose); +Y when they cancel out. */
    static double[] upAxis(Scene scene) {
        double[] u = new double[3];
        List<SceneView> all = new ArrayList<>(scene.train());
        all.addAll(scene.test());
        for (SceneView v : all) {
            double[] m = v.cameraToWorld();
            u[0] += m[1];
            u[1] += m[5];
            u[2] += m[9];
        }
        return norm(u) < 0.1 * all.size() ? new double[]{0, 1, 0} : unit(u);
    }

    private static double[] perpendicular(double[] v, double[] unitUp) {
        double d = v[0] * unitUp[0] + v[1] * unitUp[1] + v[2] * unitUp[2];
        return new double[]{v[0] - d * unitUp[0], v[1] - d * unitUp[1], v[2] - d * unitUp[2]};
    }

    private static double[] cross(double[] x, double[] y) {
        return new double[]{x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]};
    }

    private static double norm(double[] v) { return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]); }

    private static double[] unit(double[] v) {
        double n = norm(v);
        return new double[]{v[0] / n, v[1] / n, v[2] / n};
    }
}
