package dev.fields.io.scene;

import dev.fields.io.UserError;

import java.util.List;
import java.util.Locale;

/**
 * The axis-aligned box of a scene in its world coordinates, where the radiance field lives and rays are clipped (the
 * ray layer's slab intersection gives each ray its near and far distances from it). Three ways to get one, chosen
 * by {@link SceneReader} in this order: given explicitly, from instant-ngp's {@code aabb_scale}
 * ({@link #fromAabbScale}), or from the cameras ({@link #fromCameras}).
 */
public record SceneBox(double[] min, double[] max) {
    public SceneBox {
        if (min.length != 3 || max.length != 3) throw new IllegalArgumentException("a scene box has 3-D corners");
        for (int c = 0; c < 3; c++)
            if (!Double.isFinite(min[c]) || !Double.isFinite(max[c]) || !(max[c] > min[c]))
                throw new UserError("scene bounds need finite corners with min < max on every axis, got " + describe(min, max)
                        + " — give the box as minx,miny,minz,maxx,maxy,maxz");
        min = min.clone();
        max = max.clone();
    }

    /** A box written as {@code minx,miny,minz,maxx,maxy,maxz}, or as one number h for the cube [−h, h]³. */
    public static SceneBox parse(String text) {
        String[] p = text.strip().split("\\s*,\\s*");
        double[] v = new double[p.length];
        try {
            for (int i = 0; i < p.length; i++) v[i] = Double.parseDouble(p[i]);
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v != null && v.length == 1 && v[0] > 0 && Double.isFinite(v[0])) return cube(new double[3], v[0]);
        if (v == null || v.length != 6)
            throw new UserError("scene bounds '" + text.replaceAll("\\p{Cntrl}", "?") + "' are not a box — give minx,miny,minz,maxx,maxy,maxz"
                    + " (six numbers) or one half side h for [-h, h]³");
        return new SceneBox(new double[]{v[0], v[1], v[2]}, new double[]{v[3], v[4], v[5]});
    }

    /** The cube of half side {@code half} around {@code centre}. */
    public static SceneBox cube(double[] centre, double half) {
        return new SceneBox(new double[]{centre[0] - half, centre[1] - half, centre[2] - half},
                new double[]{centre[0] + half, centre[1] + half, centre[2] + half});
    }

    /**
     * instant-ngp's box in the file's own world coordinates. instant-ngp maps a world point p to
     * {@code cycle(scale · p + offset)} (its axes cycled x, y, z → y, z, x) and traces rays through the cube of side
     * {@code aabb_scale} centred on (0.5, 0.5, 0.5) of that space. The cube's centre is invariant under the cycle, so in
     * world coordinates the box is the cube of side {@code aabb_scale / scale} centred on {@code (0.5 − offset) / scale}
     * (per axis, offset in the file's order) — with the defaults {@code scale} 0.33 and {@code offset} 0.5, the cube of
     * side {@code aabb_scale / 0.33} centred on the origin.
     */
    public static SceneBox fromAabbScale(double aabbScale, double scale, double[] offset) {
        double[] c = new double[3];
        for (int k = 0; k < 3; k++) c[k] = (0.5 - offset[k]) / scale;
        double half = 0.5 * aabbScale / scale;
        if (!proper(c, half))
            throw new UserError(String.format(Locale.ROOT, "\"aabb_scale\" %s with \"scale\" %s and \"offset\" [%s, %s, %s] gives no usable box — give a positive"
                    + " aabb_scale and scale of ordinary size (instant-ngp: aabb_scale a power of two up to 128, scale about 0.33, offset about 0.5)",
                    aabbScale, scale, offset[0], offset[1], offset[2]));
        return cube(c, half);
    }

    /**
     * The region every camera sees. The centre is the point nearest all optical axes in the least-squares sense
     * (where the cameras look); each camera sees the ball around it whose radius is
     * {@code d · sin(α − θ)}, with d its distance to the centre, θ the angle between its axis and the centre, and α the
     * half-angle of the largest cone about its axis inside its frustum ({@code min} over the four image edges of
     * {@code atan(edge distance from the principal point / focal length)}). The box is the cube of half side the
     * smallest such radius (so the ball every camera sees whole is inscribed in it). Refused when the axes are nearly
     * parallel (a forward-facing capture has no such centre), the centre lies behind a camera, or some camera does not
     * see it: give the bounds explicitly then.
     */
    public static SceneBox fromCameras(List<SceneView> views) {
        if (views.isEmpty()) throw new IllegalArgumentException("no cameras");
        double[][] a = new double[3][3];
        double[] b = new double[3];
        for (SceneView v : views) {
            double[] o = CameraPose.position(v.cameraToWorld()), d = CameraPose.viewDirection(v.cameraToWorld());
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) {
                    double p = (i == j ? 1 : 0) - d[i] * d[j];
                    a[i][j] += p;
                    b[i] += p * o[j];
                }
        }
        int n = views.size();
        double det = det3(a);
        if (!(det / ((double) n * n * n) > 1e-4))
            throw new UserError("cannot place the scene box from the cameras: their optical axes are nearly parallel (a forward-facing capture?),"
                    + " so they look at no common point — give the scene bounds explicitly");
        double[] centre = solve3(a, b, det);
        double radius = Double.POSITIVE_INFINITY;
        for (SceneView v : views) {
            double[] o = CameraPose.position(v.cameraToWorld()), d = CameraPose.viewDirection(v.cameraToWorld());
            double[] to = {centre[0] - o[0], centre[1] - o[1], centre[2] - o[2]};
            double dist = Math.sqrt(to[0] * to[0] + to[1] * to[1] + to[2] * to[2]);
            double cos = dist == 0 ? 1 : (to[0] * d[0] + to[1] * d[1] + to[2] * d[2]) / dist;
            double theta = Math.acos(Math.max(-1, Math.min(1, cos)));
            PinholeIntrinsics k = v.intrinsics();
            double alpha = Math.min(Math.min(Math.atan(k.cx() / k.fx()), Math.atan((k.width() - k.cx()) / k.fx())),
                    Math.min(Math.atan(k.cy() / k.fy()), Math.atan((k.height() - k.cy()) / k.fy())));
            double r = alpha > theta ? dist * Math.sin(alpha - theta) : 0;
            if (!(r > 0))
                throw new UserError(String.format(Locale.ROOT, "cannot place the scene box from the cameras: %s does not see the point they look at (%.3g, %.3g, %.3g)"
                        + " — give the scene bounds explicitly", v.name(), centre[0], centre[1], centre[2]));
            radius = Math.min(radius, r);
        }
        if (!proper(centre, radius))
            throw new UserError(String.format(Locale.ROOT, "cannot place the scene box from the cameras: the box around (%.3g, %.3g, %.3g) of half side %.3g"
                    + " is not representable — give the scene bounds explicitly", centre[0], centre[1], centre[2], radius));
        return cube(centre, radius);
    }

    /** A cube with finite corners and min < max on every axis in double precision. */
    private static boolean proper(double[] c, double half) {
        for (int k = 0; k < 3; k++)
            if (!Double.isFinite(c[k] - half) || !Double.isFinite(c[k] + half) || !(c[k] + half > c[k] - half)) return false;
        return true;
    }

    public double[] centre() { return new double[]{(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2}; }

    public boolean contains(double x, double y, double z) {
        return x >= min[0] && x <= max[0] && y >= min[1] && y <= max[1] && z >= min[2] && z <= max[2];
    }

    @Override public String toString() { return describe(min, max); }

    private static String describe(double[] lo, double[] hi) {
        return String.format(Locale.ROOT, "[%.4g, %.4g] × [%.4g, %.4g] × [%.4g, %.4g]", lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]);
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    /** Cramer's rule (the matrix is 3 × 3 and well conditioned once its determinant passed the check). */
    private static double[] solve3(double[][] a, double[] b, double det) {
        double[] x = new double[3];
        for (int c = 0; c < 3; c++) {
            double[][] m = new double[3][];
            for (int r = 0; r < 3; r++) { m[r] = a[r].clone(); m[r][c] = b[r]; }
            x[c] = det3(m) / det;
        }
        return x;
    }
}
