package dev.fields.ray;

/**
 * A pinhole camera: focal lengths {@code fx, fy} and principal point {@code (cx, cy)} in pixels on a
 * {@code width × height} image, and a rigid camera-to-world pose (4 × 4, row-major; only the upper 3 × 4 is read).
 *
 * <p>Conventions (NeRF's and OpenGL's): image coordinates start at the top-left corner of the top-left pixel, x right
 * and y down, so pixel (i, j) — column i, row j, row 0 at the top — has its centre at {@code (i + ½, j + ½)}. Camera
 * axes: +X right, +Y up, the camera looks down −Z. The ray of image point (u, v) leaves the camera's position (the
 * pose's last column) along the camera-space direction {@code ((u − cx) / fx, −(v − cy) / fy, −1)} rotated by the
 * pose's upper 3 × 3, normalized. Pixel rays are numbered {@code j · width + i} (row-major, top row first), as
 * the pixels of an image array are. The batch methods allocate their arrays (one image or batch at a time);
 * a training loop writes rays straight into its own arrays with {@link #pixelRay}.
 */
public final class PinholeCamera {
    private final double fx, fy, cx, cy;
    private final int width, height;
    private final double[] pose;

    public PinholeCamera(double fx, double fy, double cx, double cy, int width, int height, double[] cameraToWorld) {
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy) || !Double.isFinite(cx) || !Double.isFinite(cy))
            throw new IllegalArgumentException("a pinhole camera needs positive finite focal lengths and a finite principal point, got "
                    + fx + ", " + fy + ", " + cx + ", " + cy);
        if (width < 1 || height < 1) throw new IllegalArgumentException("the image must be at least 1×1, got " + width + "×" + height);
        if (cameraToWorld.length != 16 && cameraToWorld.length != 12)
            throw new IllegalArgumentException("the camera-to-world pose has 16 (4×4) or 12 (3×4) entries, row-major, not " + cameraToWorld.length);
        for (double v : cameraToWorld) if (!Double.isFinite(v)) throw new IllegalArgumentException("the camera-to-world pose must be finite");
        this.fx = fx;
        this.fy = fy;
        this.cx = cx;
        this.cy = cy;
        this.width = width;
        this.height = height;
        this.pose = java.util.Arrays.copyOf(cameraToWorld, 12);
    }

    /** A camera with a centred principal point and a horizontal field of view {@code angleX} (radians): NeRF-synthetic's. */
    public static PinholeCamera ofAngle(double angleX, int width, int height, double[] cameraToWorld) {
        double f = 0.5 * width / Math.tan(0.5 * angleX);
        return new PinholeCamera(f, f, width / 2.0, height / 2.0, width, height, cameraToWorld);
    }

    public double fx() { return fx; }
    public double fy() { return fy; }
    public double cx() { return cx; }
    public double cy() { return cy; }
    /** The pose's upper 3 × 4, row-major (a copy). */
    public double[] cameraToWorld() { return pose.clone(); }
    public int width() { return width; }
    public int height() { return height; }
    public int pixels() { return width * height; }

    /**
     * Writes the ray through image point (u, v) (pixel centres are at half-integers) into {@code origins} and
     * {@code directions} at ray index {@code at} (3 floats each, unit direction).
     */
    public void ray(double u, double v, float[] origins, float[] directions, int at) {
        double x = (u - cx) / fx, y = -(v - cy) / fy;
        double dx = pose[0] * x + pose[1] * y - pose[2];
        double dy = pose[4] * x + pose[5] * y - pose[6];
        double dz = pose[8] * x + pose[9] * y - pose[10];
        double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
        int o = 3 * at;
        origins[o] = (float) pose[3];
        origins[o + 1] = (float) pose[7];
        origins[o + 2] = (float) pose[11];
        directions[o] = (float) (dx / n);
        directions[o + 1] = (float) (dy / n);
        directions[o + 2] = (float) (dz / n);
    }

    /** The ray through the centre of pixel {@code p = j · width + i}, written at ray index {@code at}. */
    public void pixelRay(int p, float[] origins, float[] directions, int at) {
        if (p < 0 || p >= width * height) throw new IndexOutOfBoundsException("pixel " + p + " of a " + width + "×" + height + " image");
        ray(p % width + 0.5, p / width + 0.5, origins, directions, at);
    }

    /** Every pixel's ray, row-major from the top-left, into {@code dest} (resized to width · height rays, intervals [0, ∞)). */
    public Rays pixelRays(Rays dest) {
        int n = width * height;
        float[] o = new float[3 * n], d = new float[3 * n];
        for (int p = 0; p < n; p++) pixelRay(p, o, d, p);
        return dest.set(o, d);
    }

    /** The rays of the given pixels ({@code j · width + i} each), in order, into {@code dest}. */
    public Rays pixelRays(int[] pixels, Rays dest) {
        float[] o = new float[3 * pixels.length], d = new float[3 * pixels.length];
        for (int k = 0; k < pixels.length; k++) pixelRay(pixels[k], o, d, k);
        return dest.set(o, d);
    }

    /**
     * Projects a world point to image coordinates (u, v) (the inverse of {@link #ray}); returns false, leaving
     * {@code uv} unchanged, for a point on or behind the camera's plane.
     */
    public boolean project(double x, double y, double z, double[] uv) {
        double px = x - pose[3], py = y - pose[7], pz = z - pose[11];
        double cxw = pose[0] * px + pose[4] * py + pose[8] * pz;  // Rᵀ (p − o)
        double cyw = pose[1] * px + pose[5] * py + pose[9] * pz;
        double czw = pose[2] * px + pose[6] * py + pose[10] * pz;
        if (!(czw < 0)) return false;
        uv[0] = cx + fx * cxw / -czw;
        uv[1] = cy - fy * cyw / -czw;
        return true;
    }
}
