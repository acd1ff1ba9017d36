package dev.fields.render;

import dev.fields.io.mesh.Icosphere;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.scene.CameraPose;
import dev.fields.ray.PinholeCamera;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The mesh rasterizer against analytic silhouettes: a unit sphere seen from distance d is a disc of radius f·tan(asin(1/d)). */
class MeshRasterizerGlTest extends GlTest {
    static final Mesh SPHERE = Icosphere.of(1, 5);

    private static float[] grey(Mesh m) {
        float[] c = new float[m.vertices().length];
        Arrays.fill(c, 0.5f);
        return c;
    }

    /** Alpha's total and first moments: area in pixels and centroid (image coordinates, pixel centres at +0.5). */
    private static double[] moments(float[] rgba, int w, int h) {
        double a = 0, mx = 0, my = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double al = rgba[4 * (y * w + x) + 3];
                a += al;
                mx += al * (x + 0.5);
                my += al * (y + 0.5);
            }
        return new double[]{a, mx / a, my / a};
    }

    @Test void aUnitSphereIsADiscOfThePredictedRadiusAtThePrincipalPoint() {
        try (MeshRasterizer r = new MeshRasterizer(SPHERE, grey(SPHERE))) {
            for (double d : new double[]{3.5, 6}) {
                int w = 121, h = 111;
                PinholeCamera cam = PinholeCamera.ofAngle(SceneMaker.DEFAULT_ANGLE_X, w, h,
                        CameraPose.lookAt(new double[]{0, d * 0.6, d * 0.8}, new double[3], new double[]{0, 1, 0}));
                float[] img = r.render(cam, 4);
                double f = cam.fx(), predicted = f * Math.tan(Math.asin(1 / d));
                double[] m = moments(img, w, h);
                double radius = Math.sqrt(m[0] / Math.PI);
                System.out.printf("unit sphere at distance %.1f: disc radius %.3f px, predicted %.3f px; centroid (%.3f, %.3f)%n", d, radius, predicted, m[1], m[2]);
                assertEquals(predicted, radius, 0.5, "disc radius in pixels");
                assertEquals(w / 2.0, m[1], 0.1);
                assertEquals(h / 2.0, m[2], 0.1);
                // outside the disc by 2 px: transparent; inside by 2 px: opaque, grey shaded
                int cx = w / 2, cy = h / 2, out = (int) Math.ceil(predicted + 2), in = (int) Math.floor(predicted - 2);
                assertEquals(0, img[4 * (cy * w + cx + out) + 3], 0);
                assertEquals(0, img[4 * ((cy - out) * w + cx) + 3], 0);
                assertEquals(1, img[4 * (cy * w + cx - in) + 3], 0);
                assertEquals(0, img[3], 0, "the corner is transparent");
                float g = img[4 * (cy * w + cx)];
                assertTrue(g >= 0.5f * MeshRasterizer.AMBIENT - 1e-3 && g <= 0.5f + 1e-3, "shaded grey: " + g);
            }
        }
    }

    /** Off the axis: the disc sits where the camera projects the sphere's centre (within a pixel, perspective shifts the ellipse). */
    @Test void theSilhouetteSitsWhereTheCameraProjectsTheCentre() {
        Mesh moved = SPHERE.transformed(0.5, new double[]{0.4, -0.2, 0.1});
        try (MeshRasterizer r = new MeshRasterizer(moved, grey(moved))) {
            PinholeCamera cam = new PinholeCamera(90, 95, 55, 40, 120, 90, CameraPose.lookAt(new double[]{0.5, 1, 3.5}, new double[]{0, 0, 0}, new double[]{0, 1, 0}));
            float[] img = r.render(cam, 4);
            double[] m = moments(img, 120, 90), uv = new double[2];
            assertTrue(cam.project(0.4, -0.2, 0.1, uv));
            System.out.printf("off-axis sphere: centroid (%.3f, %.3f), projected centre (%.3f, %.3f)%n", m[1], m[2], uv[0], uv[1]);
            assertEquals(uv[0], m[1], 1.0);
            assertEquals(uv[1], m[2], 1.0);
            assertTrue(m[0] > 100, "the sphere is in view");
        }
    }

    @Test void coloursFollowTheVertices() {
        float[] red = new float[SPHERE.vertices().length];
        for (int i = 0; i < red.length; i += 3) red[i] = 1;
        try (MeshRasterizer r = new MeshRasterizer(SPHERE, red)) {
            PinholeCamera cam = PinholeCamera.ofAngle(0.7, 32, 32, CameraPose.lookAt(new double[]{0, 3, 0.01}, new double[3], new double[]{0, 1, 0}));
            float[] img = r.render(cam, 2);
            int c = 4 * (16 * 32 + 16);
            // seen from above: the normal points almost at the light's y component
            double[] l = {MeshRasterizer.LIGHT[0], MeshRasterizer.LIGHT[1], MeshRasterizer.LIGHT[2]};
            double ny = l[1] / Math.sqrt(l[0] * l[0] + l[1] * l[1] + l[2] * l[2]);
            assertEquals(MeshRasterizer.AMBIENT + (1 - MeshRasterizer.AMBIENT) * ny, img[c], 0.03);
            assertEquals(0, img[c + 1], 1e-6);
            assertEquals(0, img[c + 2], 1e-6);
            assertEquals(1, img[c + 3], 0);
        }
    }
}
