package dev.fields.io.scene;

import dev.fields.io.UserError;

/**
 * A pinhole camera's intrinsics in pixels: focal lengths {@code fx, fy}, principal point {@code (cx, cy)} and image
 * size {@code width × height}. Image coordinates start at the top-left corner of the top-left pixel, x to the right
 * and y down, so pixel (i, j) has its centre at {@code (i + 0.5, j + 0.5)} and a centred principal point is
 * {@code (width / 2, height / 2)} (COLMAP's, instant-ngp's and nerfstudio's convention).
 */
public record PinholeIntrinsics(double fx, double fy, double cx, double cy, int width, int height) {
    public PinholeIntrinsics {
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy) || !Double.isFinite(cx) || !Double.isFinite(cy)
                || width < 1 || height < 1)
            throw new IllegalArgumentException("intrinsics need positive finite focal lengths, a finite principal point and a positive size; got "
                    + fx + ", " + fy + ", " + cx + ", " + cy + ", " + width + " × " + height);
    }

    /** The focal length of a horizontal field of view {@code angleX} (radians) on an image {@code width} wide: {@code 0.5 w / tan(0.5 angle)}. */
    public static double focalFromAngle(double angleX, int width) {
        return 0.5 * width / Math.tan(0.5 * angleX);
    }

    /** The horizontal field of view in radians when the principal point is centred: {@code 2 atan(w / (2 fx))}. */
    public double angleX() { return 2 * Math.atan(0.5 * width / fx); }

    /** The same camera on an image of another size (focal lengths and principal point scaled). */
    public PinholeIntrinsics resized(int w, int h) {
        double sx = (double) w / width, sy = (double) h / height;
        return new PinholeIntrinsics(fx * sx, fy * sy, cx * sx, cy * sy, w, h);
    }

    static PinholeIntrinsics checked(double fx, double fy, double cx, double cy, int w, int h, String where) {
        if (!(fx > 0) || !Double.isFinite(fx) || !(fy > 0) || !Double.isFinite(fy))
            throw new UserError(where + ": the focal lengths (" + fx + ", " + fy + ") must be positive finite numbers of pixels — fix fl_x / fl_y or camera_angle_x");
        if (!Double.isFinite(cx) || !Double.isFinite(cy))
            throw new UserError(where + ": the principal point (" + cx + ", " + cy + ") must be finite — fix cx / cy");
        return new PinholeIntrinsics(fx, fy, cx, cy, w, h);
    }
}
