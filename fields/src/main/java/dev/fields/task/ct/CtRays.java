package dev.fields.task.ct;

import dev.fields.io.ct.Geometry;
import dev.fields.ray.Rays;

/** The rays of a {@link Geometry}, one per (view, detector) in sinogram order, built by the ray layer. */
final class CtRays {
    private CtRays() {}

    static Rays of(Geometry g) {
        float[] angles = new float[g.views()], det = new float[g.detectors()];
        double[] a = g.angles();
        for (int v = 0; v < a.length; v++) angles[v] = (float) a[v];
        for (int j = 0; j < det.length; j++) det[j] = (float) g.detector(j);
        return switch (g.beam()) {
            case PARALLEL -> new Rays(2).parallelBeam(angles, det, g.halfWidth() * Math.sqrt(2) + 1e-6);
            case FAN -> new Rays(2).fanBeam(angles, det, g.sourceOrigin(), g.sourceDetector());
        };
    }
}
