package dev.fields.geometry;

/**
 * A mesh's exact signed distance (negative inside, from {@link GroundTruth}) as a field for {@link IsoMesh}: the
 * limit of what marching cubes can make of a shape at a given resolution, whatever network approximates it.
 *
 * <p>The distance is truncated at {@code band}: marching cubes reads values only at the corners of cells that the
 * surface crosses, and such a corner lies within a cell diagonal of the surface; farther points enter by their sign
 * alone. So with {@code band} above a cell diagonal plus the normal step, {@link IsoMesh} on this field gives the
 * same mesh and normals as on the untruncated distance (up to surface the sparse coarse pass misses, where coarse
 * values stand in), at a fraction of the cost: the distance search stops at the band.
 */
public final class MeshDistanceField implements MarchingCubes.ScalarField {
    private final GroundTruth gt;
    private final double band;

    /**
     * @param gt the mesh's ground truth, in field units (inside the box [-1, 1]³)
     * @param band distance beyond which values are ±band
     */
    public MeshDistanceField(GroundTruth gt, double band) {
        if (!(band > 0)) throw new IllegalArgumentException("band must be > 0, got " + band);
        this.gt = gt;
        this.band = band;
    }

    /** A band of two cell diagonals for {@link IsoMesh} at {@code res} cells per axis on [-1, 1]³. */
    public static MeshDistanceField forResolution(GroundTruth gt, int res) {
        return new MeshDistanceField(gt, 2 * Math.sqrt(3) * 2.0 / res);
    }

    public double band() { return band; }

    @Override public void evaluate(float[] xyz, int count, float[] out) { gt.query(xyz, count, out, null, band); }
}
