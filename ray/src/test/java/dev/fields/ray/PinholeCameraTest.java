package dev.fields.ray;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Camera rays against analytic cases: the axis, the field of view, rays of two cameras meeting, box intervals. */
class PinholeCameraTest {
    /** Camera-to-world of a camera at {@code eye} looking at {@code target}, +Y up (OpenGL axes). */
    static double[] lookAt(double[] eye, double[] target) {
        double[] f = unit(sub(target, eye)), r = unit(cross(f, new double[]{0, 1, 0})), u = cross(r, f);
        return new double[]{r[0], u[0], -f[0], eye[0], r[1], u[1], -f[1], eye[1], r[2], u[2], -f[2], eye[2], 0, 0, 0, 1};
    }

    static double[] sub(double[] a, double[] b) { return new double[]{a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
    static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
    static double[] cross(double[] a, double[] b) { return new double[]{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]}; }
    static double[] unit(double[] a) { double n = Math.sqrt(dot(a, a)); return new double[]{a[0] / n, a[1] / n, a[2] / n}; }
    static double[] at(float[] a, int k) { return new double[]{a[3 * k], a[3 * k + 1], a[3 * k + 2]}; }

    @Test void theCentrePixelLooksDownTheCamerasMinusZ() {
        double[] pose = lookAt(new double[]{1, 2, 3}, new double[]{-0.5, 0.25, 0});
        PinholeCamera cam = PinholeCamera.ofAngle(0.7, 5, 3, pose);
        Rays rays = cam.pixelRays(new Rays(3));
        assertEquals(15, rays.count());
        int centre = 1 * 5 + 2;
        double[] d = at(rays.directions(), centre), o = at(rays.origins(), centre);
        double[] expected = unit(new double[]{-pose[2], -pose[6], -pose[10]});
        for (int c = 0; c < 3; c++) assertEquals(expected[c], d[c], 1e-6);
        assertArrayEquals(new double[]{1, 2, 3}, o, 1e-6);
        // and it points at the target
        double[] toTarget = unit(sub(new double[]{-0.5, 0.25, 0}, o));
        assertEquals(1, dot(d, toTarget), 1e-6);
        // in camera space: the identity pose looks down -Z, pixel to the right goes +X, pixel below goes -Y
        double[] id = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        Rays r = PinholeCamera.ofAngle(0.7, 5, 3, id).pixelRays(new Rays(3));
        assertArrayEquals(new double[]{0, 0, -1}, at(r.directions(), centre), 1e-7);
        assertTrue(r.directions()[3 * (centre + 1)] > 0, "the pixel to the right looks to +X");
        assertTrue(r.directions()[3 * (centre + 5) + 1] < 0, "the pixel below looks to -Y");
    }

    /** The image's left edge is half the field of view off the axis; a corner pixel's centre at atan of its offset over f. */
    @Test void edgeAndCornerAnglesFollowTheFieldOfView() {
        double angle = 0.6911112070083618; // NeRF-synthetic's camera_angle_x
        int w = 100, h = 80;
        double[] id = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
        PinholeCamera cam = PinholeCamera.ofAngle(angle, w, h, id);
        float[] o = new float[3], d = new float[3];
        cam.ray(0, h / 2.0, o, d, 0);
        assertEquals(angle / 2, Math.acos(-d[2]), 1e-6, "the left edge at half the field of view");
        cam.ray(w, h / 2.0, o, d, 0);
        assertEquals(angle / 2, Math.acos(-d[2]), 1e-6);
        double f = 0.5 * w / Math.tan(angle / 2);
        cam.pixelRay(0, o, d, 0); // top-left pixel, centre (0.5, 0.5)
        double ex = (0.5 - w / 2.0) / f, ey = (h / 2.0 - 0.5) / f;
        assertEquals(Math.atan(Math.hypot(ex, ey)), Math.acos(-d[2]), 1e-6);
        assertTrue(d[0] < 0 && d[1] > 0, "top-left looks left and up");
        // an off-centre principal point and unequal focal lengths
        PinholeCamera k = new PinholeCamera(40, 60, 30, 20, w, h, id);
        k.ray(30, 20, o, d, 0);
        assertArrayEquals(new float[]{0, 0, -1}, d, 1e-7f);
        k.ray(70, 80, o, d, 0);
        assertEquals(1.0, d[0] / -d[2], 1e-6);
        assertEquals(-1.0, d[1] / -d[2], 1e-6);
    }

    /** Rays of two cameras through the image points of one world point meet there. */
    @Test void raysOfTwoCamerasMeetAtTheirCommonPoint() {
        double[] p = {0.3, -0.2, 0.4};
        PinholeCamera a = PinholeCamera.ofAngle(0.8, 64, 48, lookAt(new double[]{4, 1, 0}, new double[]{0, 0, 0}));
        PinholeCamera b = new PinholeCamera(70, 72, 31, 25, 64, 48, lookAt(new double[]{-1, 2, 3.5}, new double[]{0.1, 0, 0}));
        double[] ua = new double[2], ub = new double[2];
        assertTrue(a.project(p[0], p[1], p[2], ua));
        assertTrue(b.project(p[0], p[1], p[2], ub));
        float[] o = new float[6], d = new float[6];
        a.ray(ua[0], ua[1], o, d, 0);
        b.ray(ub[0], ub[1], o, d, 1);
        double[] o1 = at(o, 0), d1 = at(d, 0), o2 = at(o, 1), d2 = at(d, 1);
        // closest points of the two lines
        double[] w0 = sub(o1, o2);
        double aa = dot(d1, d1), bb = dot(d1, d2), cc = dot(d2, d2), dd = dot(d1, w0), ee = dot(d2, w0);
        double den = aa * cc - bb * bb, s = (bb * ee - cc * dd) / den, t = (aa * ee - bb * dd) / den;
        for (int c = 0; c < 3; c++) {
            assertEquals(p[c], o1[c] + s * d1[c], 1e-5);
            assertEquals(p[c], o2[c] + t * d2[c], 1e-5);
        }
        // a point behind the camera does not project
        assertFalse(a.project(8, 2, 0, ua));
    }

    /** Near and far from the box: the central ray of a camera at distance 4 from a unit cube enters at 3 and leaves at 5. */
    @Test void raysClippedToTheSceneBoxGetTheirNearAndFar() {
        PinholeCamera cam = PinholeCamera.ofAngle(0.7, 9, 9, lookAt(new double[]{0, 0, 4}, new double[]{0, 0, 0}));
        Rays r = cam.pixelRays(new Rays(3)).clipToBox(new double[]{-1, -1, -1}, new double[]{1, 1, 1});
        int centre = 4 * 9 + 4;
        assertTrue(r.hit(centre));
        assertEquals(3, r.near()[centre], 1e-6);
        assertEquals(5, r.far()[centre], 1e-6);
        // a small box off to the side, out of view: the centre ray and the top-left one miss it
        Rays s = cam.pixelRays(new int[]{centre, 0}, new Rays(3)).clipToBox(new double[]{2, 2, -1}, new double[]{3, 3, 1});
        assertFalse(s.hit(0));
        assertEquals(Rays.MISS_FAR, s.far()[0]);
        assertFalse(s.hit(1));
        assertThrows(IndexOutOfBoundsException.class, () -> cam.pixelRay(81, new float[3], new float[3], 0));
    }
}
