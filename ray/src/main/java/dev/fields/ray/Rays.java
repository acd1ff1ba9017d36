package dev.fields.ray;

/**
 * A reusable batch of rays in 2-D or 3-D: origins and unit directions ({@code count × dim}, row-major) and the interval
 * {@code [near, far]} of ray distances to sample, in field units. A ray's points are {@code origin + t · direction}.
 *
 * <p>Every setter fills the batch in place and returns {@code this}; the arrays are reallocated only when the count
 * changes, and each has exactly the length the count implies. The accessors return the live arrays (read them, do not
 * keep them across a setter that changes the count).
 *
 * <p>A ray that misses (see {@link #clipToBox}) has {@link #hit(int)} false and the empty interval
 * {@code near = 0, far = -1}: samplers give it zero-length segments at its origin, so it contributes nothing.
 */
public final class Rays {
    /** The empty interval given to rays that miss. */
    public static final float MISS_NEAR = 0, MISS_FAR = -1;

    private final int dim;
    private int count;
    private float[] origins = new float[0], directions = new float[0], near = new float[0], far = new float[0];
    private boolean[] hit = new boolean[0];

    /** An empty batch of rays in {@code dim} = 2 or 3 dimensions. */
    public Rays(int dim) {
        if (dim != 2 && dim != 3) throw new IllegalArgumentException("rays live in 2 or 3 dimensions, not " + dim);
        this.dim = dim;
    }

    /** A batch from origins and directions ({@code count × dim} each); see {@link #set}. */
    public static Rays of(int dim, float[] origins, float[] directions) {
        return new Rays(dim).set(origins, directions);
    }

    public int dim() { return dim; }
    public int count() { return count; }
    public float[] origins() { return origins; }
    /** Unit directions, {@code count × dim}. */
    public float[] directions() { return directions; }
    public float[] near() { return near; }
    public float[] far() { return far; }
    /** False for a ray whose interval is empty because it missed the box (or an earlier interval). */
    public boolean hit(int ray) { return hit[ray]; }

    /**
     * Copies origins and directions ({@code count × dim}, row-major); directions are normalized here. Every ray gets
     * {@code [0, +∞)}: clip it to a box before sampling.
     */
    public Rays set(float[] origins, float[] directions) {
        if (origins.length % dim != 0 || origins.length != directions.length)
            throw new IllegalArgumentException("origins (" + origins.length + ") and directions (" + directions.length
                    + ") must both hold count × " + dim + " floats");
        resize(origins.length / dim);
        for (int r = 0; r < count; r++) {
            int o = r * dim;
            double len = 0;
            for (int c = 0; c < dim; c++) len += (double) directions[o + c] * directions[o + c];
            len = Math.sqrt(len);
            if (!(len > 0) || Double.isInfinite(len))
                throw new IllegalArgumentException("ray " + r + " has a direction of length " + len + "; directions must be finite and non-zero");
            for (int c = 0; c < dim; c++) {
                this.origins[o + c] = origins[o + c];
                this.directions[o + c] = (float) (directions[o + c] / len);
            }
            open(r, 0, Float.POSITIVE_INFINITY);
        }
        return this;
    }

    /**
     * Parallel-beam rays of a 2-D CT scan: one ray per (view, detector), ray {@code v · offsets.length + j} for angle
     * {@code angles[v]} and detector offset {@code offsets[j]}.
     *
     * <p>Convention (angles in radians, counter-clockwise from +x): the ray of (θ, s) is the line
     * {@code {(x, y) : x cosθ + y sinθ = s}} traversed in direction {@code (−sinθ, cosθ)}, so its integral is the
     * Radon transform {@code p(θ, s) = ∫ μ(s (cosθ, sinθ) + t (−sinθ, cosθ)) dt}. At θ = 0 the rays run along +y and
     * s is the x coordinate. The origin sits at {@code s (cosθ, sinθ) − radius (−sinθ, cosθ)} and the interval is
     * {@code [0, 2 radius]}: every point within {@code radius} of the rotation centre (the origin) is covered, and the
     * point nearest the centre is at t = radius.
     */
    public Rays parallelBeam(float[] angles, float[] offsets, double radius) {
        requirePlane("parallel-beam");
        if (!(radius > 0)) throw new IllegalArgumentException("the scan radius must be positive, not " + radius);
        resize(angles.length * offsets.length);
        for (int v = 0; v < angles.length; v++) {
            double c = Math.cos(angles[v]), s = Math.sin(angles[v]);
            for (int j = 0; j < offsets.length; j++) {
                int r = v * offsets.length + j, o = 2 * r;
                double off = offsets[j];
                origins[o] = (float) (off * c + radius * s);
                origins[o + 1] = (float) (off * s - radius * c);
                directions[o] = (float) -s;
                directions[o + 1] = (float) c;
                open(r, 0, (float) (2 * radius));
            }
        }
        return this;
    }

    /**
     * Fan-beam rays of a 2-D CT scan with a flat detector: ray {@code v · detector.length + j} for source angle
     * {@code angles[v]} and detector coordinate {@code detector[j]}.
     *
     * <p>Convention (angles in radians, counter-clockwise from +x): the source sits on the circle of radius
     * {@code sourceRadius} R at {@code S = R (cosθ, sinθ)}; the central ray runs from S through the rotation centre
     * (the origin), direction {@code −(cosθ, sinθ)}; the flat detector is perpendicular to it at distance
     * {@code sourceToDetector} D from the source, and detector coordinate u is measured along {@code (−sinθ, cosθ)}
     * from the central ray's foot. So the ray of (θ, u) starts at S, ends on the detector at t = sqrt(D² + u²) (its
     * interval), and has direction {@code (−D (cosθ, sinθ) + u (−sinθ, cosθ)) / sqrt(D² + u²)}: it leaves the central
     * ray by the fan angle γ = atan(u / D), clockwise for u > 0 (polar angle θ + π − γ). In parallel-beam terms
     * ({@link #parallelBeam}) it is the ray (θ + π/2 − γ, R sin γ); the magnification at the centre is D / R.
     */
    public Rays fanBeam(float[] angles, float[] detector, double sourceRadius, double sourceToDetector) {
        requirePlane("fan-beam");
        if (!(sourceRadius > 0) || !(sourceToDetector > 0))
            throw new IllegalArgumentException("source radius (" + sourceRadius + ") and source-to-detector distance ("
                    + sourceToDetector + ") must be positive");
        resize(angles.length * detector.length);
        for (int v = 0; v < angles.length; v++) {
            double c = Math.cos(angles[v]), s = Math.sin(angles[v]);
            for (int j = 0; j < detector.length; j++) {
                int r = v * detector.length + j, o = 2 * r;
                double u = detector[j], len = Math.hypot(sourceToDetector, u);
                origins[o] = (float) (sourceRadius * c);
                origins[o + 1] = (float) (sourceRadius * s);
                directions[o] = (float) ((-sourceToDetector * c - u * s) / len);
                directions[o + 1] = (float) ((-sourceToDetector * s + u * c) / len);
                open(r, 0, (float) len);
            }
        }
        return this;
    }

    /**
     * Intersects each ray's interval with the closed axis-aligned box {@code [boxMin, boxMax]} (slab method, in double
     * precision; the first {@code dim} entries of each corner are read). Since intervals start at t ≥ 0, a ray starting
     * inside the box keeps {@code near = 0}, and a box behind the origin is a miss, as in the tracers. A direction
     * component of exactly 0 (a ray parallel to a slab) misses when the origin lies outside that slab and is otherwise
     * unconstrained by it. Rays with an empty result (far &lt; near) are flagged as misses: see the class comment.
     */
    public Rays clipToBox(double[] boxMin, double[] boxMax) {
        if (boxMin.length < dim || boxMax.length < dim)
            throw new IllegalArgumentException("the box corners need " + dim + " coordinates");
        for (int r = 0; r < count; r++) {
            if (!hit[r]) continue;
            double tn = near[r], tf = far[r];
            boolean in = true;
            for (int c = 0; c < dim && in; c++) {
                double o = origins[r * dim + c], d = directions[r * dim + c];
                if (d == 0) {
                    in = o >= boxMin[c] && o <= boxMax[c];
                    continue;
                }
                double a = (boxMin[c] - o) / d, b = (boxMax[c] - o) / d;
                tn = Math.max(tn, Math.min(a, b));
                tf = Math.min(tf, Math.max(a, b));
            }
            if (in && tf >= tn) { near[r] = (float) tn; far[r] = (float) tf; }
            else miss(r);
        }
        return this;
    }

    private void open(int r, float n, float f) {
        near[r] = n;
        far[r] = f;
        hit[r] = true;
    }

    private void miss(int r) {
        near[r] = MISS_NEAR;
        far[r] = MISS_FAR;
        hit[r] = false;
    }

    private void requirePlane(String what) {
        if (dim != 2) throw new IllegalArgumentException(what + " rays are 2-D; this batch is " + dim + "-D");
    }

    private void resize(int n) {
        count = n;
        if (near.length == n) return;
        origins = new float[n * dim];
        directions = new float[n * dim];
        near = new float[n];
        far = new float[n];
        hit = new boolean[n];
    }
}
