package dev.fields.render;

import dev.fields.io.spec.ViewDependence;
import org.joml.Vector3f;

/**
 * The per-ray rules of tracer.glsl, one evaluation at a time, for rays held in the slots of a {@link Wavefront}: each
 * slot keeps its ray's state between evaluations, so rays in different slots may be at different steps, start late
 * and finish early. A ray {@link #begin begins} in a slot, names the point it needs next ({@link #point}), and
 * {@link #take takes} the field's outputs there until it finishes and writes its pixel. Same clipping, step rules, hit
 * tolerance and bisection as the shader, in double precision over float sample points, as the GLSL twin always did.
 */
abstract class RayMarch {
    final Vector3f o;
    final double[] lo, hi;
    final int maxSteps;
    /** Per pixel: ray distance at the hit or -1 (radiance: opacity), steps; radiance also rgb (3 per pixel). */
    final float[] tOut, stepsOut, rgbOut;
    final int[] pixel, i;
    final double[] dx, dy, dz, t, tf;

    RayMarch(Vector3f eye, double[] lo, double[] hi, int maxSteps, int slots, int pixels, boolean composited) {
        this.o = eye;
        this.lo = lo;
        this.hi = hi;
        this.maxSteps = maxSteps;
        tOut = new float[pixels];
        stepsOut = new float[pixels];
        rgbOut = composited ? new float[3 * pixels] : null;
        pixel = new int[slots];
        i = new int[slots];
        dx = new double[slots]; dy = new double[slots]; dz = new double[slots];
        t = new double[slots]; tf = new double[slots];
    }

    /**
     * Starts the ray of {@code px} (unit direction d) in slot s; false when it needs no evaluation at all (it misses
     * the box, or there are no steps), its pixel then written.
     */
    final boolean begin(int s, int px, double ddx, double ddy, double ddz) {
        pixel[s] = px;
        dx[s] = ddx; dy[s] = ddy; dz[s] = ddz;
        if (!clip(s)) {
            miss(px);
            return false;
        }
        i[s] = 0;
        start(s);
        if (maxSteps > 0) return true;
        outOfSteps(s);
        return false;
    }

    /** The ray's span inside the box, from max(entry, 0) to exit, into t and tf; false on a miss. */
    private boolean clip(int s) {
        double[] d = {dx[s], dy[s], dz[s]}, org = {o.x, o.y, o.z};
        double tn = -Double.MAX_VALUE, tfar = Double.MAX_VALUE;
        for (int c = 0; c < 3; c++) {
            double inv = 1 / d[c], a = (lo[c] - org[c]) * inv, b = (hi[c] - org[c]) * inv;
            tn = Math.max(tn, Math.min(a, b));
            tfar = Math.min(tfar, Math.max(a, b));
        }
        if (tfar < Math.max(tn, 0)) return false;
        t[s] = Math.max(tn, 0);
        tf[s] = tfar;
        return true;
    }

    /** Writes the sample point slot s needs next into {@code p} at {@code off} (3 floats). */
    final void point(int s, float[] p, int off) {
        double at = sampleAt(s);
        p[off] = (float) (o.x + at * dx[s]);
        p[off + 1] = (float) (o.y + at * dy[s]);
        p[off + 2] = (float) (o.z + at * dz[s]);
    }

    /** Ray distance of the next sample of slot s. */
    abstract double sampleAt(int s);

    /** Slot s's state after its ray is clipped (t, tf set; i = 0). */
    abstract void start(int s);

    /** Takes the outputs at the slot's sample ({@code out} from {@code off}); true when the ray finished (pixel written). */
    abstract boolean take(int s, double[] out, int off);

    /** The pixel of a ray that missed the box. */
    abstract void miss(int px);

    /** The pixel of a ray whose steps ran out (or were zero). */
    abstract void outOfSteps(int s);

    final void write(int px, double tHit, double steps) {
        tOut[px] = (float) tHit;
        stepsOut[px] = (float) steps;
    }

    /** Sphere tracing: step by value / L, hit below max(1e-3·max(t, 1), half a pixel's footprint), secant at an overshoot. */
    static final class SphereTrace extends RayMarch {
        private final double L, pixelAngle;
        private final double[] prev, prevV;

        SphereTrace(Vector3f eye, double[] lo, double[] hi, int maxSteps, int slots, int pixels, double L, double pixelAngle) {
            super(eye, lo, hi, maxSteps, slots, pixels, false);
            this.L = L;
            this.pixelAngle = pixelAngle;
            prev = new double[slots];
            prevV = new double[slots];
        }

        @Override void start(int s) { prev[s] = t[s]; prevV[s] = 0; }

        @Override double sampleAt(int s) { return t[s]; }

        @Override boolean take(int s, double[] out, int off) {
            double v = out[off], ts = t[s];
            double eps = Math.max(1e-3 * Math.max(ts, 1.0), 0.5 * pixelAngle * ts);
            if (v < eps) {
                write(pixel[s], v > -eps ? ts : prev[s] + (ts - prev[s]) * prevV[s] / (prevV[s] - v), i[s] + 1);
                return true;
            }
            prev[s] = ts;
            prevV[s] = v;
            t[s] = ts + v / L;
            if (t[s] > tf[s]) {
                write(pixel[s], -1, i[s] + 1);
                return true;
            }
            if (++i[s] < maxSteps) return false;
            outOfSteps(s);
            return true;
        }

        @Override void miss(int px) { write(px, -1, 0); }

        @Override void outOfSteps(int s) { write(pixel[s], -1, maxSteps); }
    }

    /** Occupancy: fixed steps of span / maxSteps to the first value above 0.5, then 8 bisections of the last step. */
    static final class Level extends RayMarch {
        private static final int BISECTIONS = 8;
        private final double[] dt, prev, a, b;
        private final int[] k, hitSteps; // k < 0: still marching; else bisections done

        Level(Vector3f eye, double[] lo, double[] hi, int maxSteps, int slots, int pixels) {
            super(eye, lo, hi, maxSteps, slots, pixels, false);
            dt = new double[slots]; prev = new double[slots]; a = new double[slots]; b = new double[slots];
            k = new int[slots]; hitSteps = new int[slots];
        }

        @Override void start(int s) {
            dt[s] = (tf[s] - t[s]) / maxSteps;
            prev[s] = t[s];
            k[s] = -1;
        }

        @Override double sampleAt(int s) { return k[s] < 0 ? t[s] : 0.5 * (a[s] + b[s]); }

        @Override boolean take(int s, double[] out, int off) {
            boolean above = out[off] > 0.5;
            if (k[s] >= 0) {
                double m = 0.5 * (a[s] + b[s]);
                if (above) b[s] = m; else a[s] = m;
                if (++k[s] < BISECTIONS) return false;
                write(pixel[s], b[s], hitSteps[s]);
                return true;
            }
            if (above) {
                a[s] = prev[s];
                b[s] = t[s];
                k[s] = 0;
                hitSteps[s] = i[s] + 1;
                return false;
            }
            prev[s] = t[s];
            t[s] += dt[s];
            if (++i[s] < maxSteps) return false;
            outOfSteps(s);
            return true;
        }

        @Override void miss(int px) { write(px, -1, 0); }

        @Override void outOfSteps(int s) { write(pixel[s], -1, maxSteps); }
    }

    /**
     * Radiance: front-to-back compositing at the midpoints of span / maxSteps steps, stopping below 1% transmittance;
     * a view-dependent field's colour is its coefficients evaluated along the ray's unit direction (the shader's
     * {@code fieldView}).
     */
    static final class Composite extends RayMarch {
        private final double[] dt, T, r, g, bl, basis, colour = new double[3];
        private final ViewDependence view;
        private final int nb;

        Composite(Vector3f eye, double[] lo, double[] hi, int maxSteps, int slots, int pixels, ViewDependence view) {
            super(eye, lo, hi, maxSteps, slots, pixels, true);
            dt = new double[slots]; T = new double[slots]; r = new double[slots]; g = new double[slots]; bl = new double[slots];
            this.view = view;
            this.nb = view.coefficients();
            basis = new double[slots * nb];
        }

        @Override void start(int s) {
            dt[s] = (tf[s] - t[s]) / maxSteps;
            T[s] = 1;
            r[s] = g[s] = bl[s] = 0;
            view.basis(dx[s], dy[s], dz[s], basis, s * nb);
        }

        @Override double sampleAt(int s) { return t[s] + 0.5 * dt[s]; }

        @Override boolean take(int s, double[] out, int off) {
            double alpha = 1 - Math.exp(-Math.max(out[off], 0) * dt[s]), tr = T[s];
            view.colour(out, off + 1, basis, s * nb, colour, 0);
            r[s] += tr * alpha * colour[0];
            g[s] += tr * alpha * colour[1];
            bl[s] += tr * alpha * colour[2];
            T[s] = tr * (1 - alpha);
            if (T[s] < 0.01 || i[s] + 1 >= maxSteps) {
                finish(s, i[s] + 1);
                return true;
            }
            t[s] += dt[s];
            i[s]++;
            return false;
        }

        private void finish(int s, int steps) {
            int px = pixel[s];
            write(px, 1 - T[s], steps);
            rgbOut[3 * px] = (float) r[s];
            rgbOut[3 * px + 1] = (float) g[s];
            rgbOut[3 * px + 2] = (float) bl[s];
        }

        @Override void miss(int px) { write(px, 0, 0); }

        @Override void outOfSteps(int s) { finish(s, 0); }
    }
}
