package dev.fields.ray;

/**
 * A reusable buffer of {@code perRay} samples on each of {@code rays} rays, sample {@code i} of ray {@code r} at index
 * {@code r · perRay + i}, in order of increasing t: the points ({@code rays · perRay × dim}, row-major, the input of a
 * network), their ray distances t and the segment length δ each sample stands for (both in field units). Arrays are
 * reallocated only when the shape changes and always have exactly the length the shape implies.
 */
public final class Samples {
    private int rays, perRay, dim;
    private float[] points = new float[0], t = new float[0], delta = new float[0];

    /** Sets the shape, reallocating only if it changed; the contents are left for the caller (a sampler) to fill. */
    public Samples resize(int rays, int perRay, int dim) {
        if (rays < 0 || perRay < 1 || dim < 1)
            throw new IllegalArgumentException("samples need rays ≥ 0, perRay ≥ 1, dim ≥ 1; got " + rays + ", " + perRay + ", " + dim);
        this.rays = rays;
        this.perRay = perRay;
        this.dim = dim;
        int n = rays * perRay;
        if (t.length != n) { t = new float[n]; delta = new float[n]; }
        if (points.length != n * dim) points = new float[n * dim];
        return this;
    }

    public int rays() { return rays; }
    public int perRay() { return perRay; }
    public int dim() { return dim; }
    /** {@code rays · perRay}. */
    public int count() { return rays * perRay; }
    public float[] points() { return points; }
    public float[] t() { return t; }
    public float[] delta() { return delta; }
}
