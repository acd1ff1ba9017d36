package dev.fields.render;

import dev.fields.shaders.FieldEvaluator;
import org.joml.Vector3f;

/**
 * Marches a frame's rays together: up to {@code slots} rays are in flight; each round gathers the sample point of
 * every ray in flight, evaluates them in one batch, and lets each ray take its outputs. A ray that finishes frees its
 * slot, which the next pixel (row-major, top row first) takes at the start of the next round, so the batches stay full
 * until the frame runs out of pixels. Each ray's arithmetic is its own: the pixels do not depend on the slot count or
 * on which rays share a round.
 */
final class Wavefront {
    /** Rays in flight by default: batches large enough for every core and the fused kernel's tiles. */
    static final int DEFAULT_SLOTS = 16384;

    private Wavefront() {}

    /** Rays of {@code cam} through the pixel centres of a w × h frame (GL's convention), marched by {@code march}. */
    static void run(FieldEvaluator ev, RayMarch march, OrbitCamera cam, int w, int h, int slots) {
        Vector3f f = new Vector3f(), r = new Vector3f(), u = new Vector3f();
        cam.basis(f, r, u);
        double tan = cam.tanHalfFov();
        int pixels = w * h, cap = Math.max(1, Math.min(slots, pixels)), o = ev.spec().outputDim(), d = ev.spec().inputDim();
        if (d != 3) throw new IllegalArgumentException("a traced field takes 3-D points, this one takes " + d);
        int[] active = new int[cap], free = new int[cap];
        int inFlight = 0, nFree = cap, next = 0;
        for (int s = 0; s < cap; s++) free[s] = cap - 1 - s;
        float[] pts = new float[3 * cap];
        double[] out = new double[o * cap];
        while (true) {
            while (nFree > 0 && next < pixels) {
                int px = next++, x = px % w, y = px / w;
                // pixel centre in GL's convention (row 0 at the bottom)
                double ux = ((x + 0.5) / w) * 2 - 1, uy = ((h - 1 - y + 0.5) / h) * 2 - 1;
                ux *= (double) w / h;
                double dx = f.x + tan * (ux * r.x + uy * u.x), dy = f.y + tan * (ux * r.y + uy * u.y), dz = f.z + tan * (ux * r.z + uy * u.z);
                double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
                int s = free[nFree - 1];
                if (march.begin(s, px, dx / len, dy / len, dz / len)) {
                    nFree--;
                    active[inFlight++] = s;
                }
            }
            if (inFlight == 0) return;
            for (int k = 0; k < inFlight; k++) march.point(active[k], pts, 3 * k);
            ev.evaluate(pts, inFlight, out);
            int kept = 0;
            for (int k = 0; k < inFlight; k++) {
                int s = active[k];
                if (march.take(s, out, o * k)) free[nFree++] = s;
                else active[kept++] = s;
            }
            inFlight = kept;
        }
    }
}
