package dev.fields.task.scene;

import dev.fields.io.scene.PinholeIntrinsics;
import dev.fields.io.scene.SceneBox;
import dev.fields.io.scene.SceneView;
import dev.fields.io.spec.Frame;
import dev.fields.ray.PinholeCamera;

/**
 * The scene box as the field's frame and the cameras' rays in field units. Field coordinates are
 * {@code (world − centre) / half}, with {@code centre} the box's centre and {@code half} its largest half side, so the
 * field's box is the scene box inside [−1, 1]³ (all of it for a cube) and {@code world = field · half + centre} (the
 * frame's scale and offset). Directions are unchanged, ray distances and densities are per field unit — the units
 * the renderers march in.
 */
final class SceneFrame {
    private final double[] centre, lo, hi;
    private final double half;

    SceneFrame(SceneBox box) {
        this.centre = box.centre();
        double h = 0;
        for (int c = 0; c < 3; c++) h = Math.max(h, (box.max()[c] - box.min()[c]) / 2);
        this.half = h;
        this.lo = new double[3];
        this.hi = new double[3];
        for (int c = 0; c < 3; c++) {
            lo[c] = (box.min()[c] - centre[c]) / h;
            hi[c] = (box.max()[c] - centre[c]) / h;
        }
    }

    Frame frame() { return new Frame(lo.clone(), hi.clone(), half, centre.clone(), new int[0]); }

    double[] lo() { return lo.clone(); }

    double[] hi() { return hi.clone(); }

    static PinholeCamera camera(SceneView v) {
        PinholeIntrinsics k = v.intrinsics();
        return new PinholeCamera(k.fx(), k.fy(), k.cx(), k.cy(), k.width(), k.height(), v.cameraToWorld());
    }

    /** The ray of pixel {@code p} of {@code cam} in field units, written at ray index {@code at}. */
    void pixelRay(PinholeCamera cam, int p, float[] origins, float[] directions, int at) {
        cam.pixelRay(p, origins, directions, at);
        for (int c = 0; c < 3; c++) origins[3 * at + c] = (float) ((origins[3 * at + c] - centre[c]) / half);
    }
}
