package dev.fields.io.spec;

/**
 * Where a {@link EncodingSpec.HashGrid} keeps each level and how a point finds its table entries; the one definition
 * the trainer, the reference evaluator and the GLSL generator share (part of the file format).
 *
 * <ul>
 *   <li>Per-level factor {@code b = exp((ln N_max − ln N_min) / (L − 1))} (1 for one level); level {@code l} has
 *       resolution {@code R_l = floor(N_min · b^l + 1e-6)} (the 1e-6 keeps {@code R_{L-1} = N_max} despite rounding)
 *       and grid vertices {@code 0 .. R_l} per axis.</li>
 *   <li>A level whose {@code (R_l + 1)^d} vertices fit in {@code T = 2^log2TableSize} entries is dense: vertex
 *       {@code (x, y, z)} is entry {@code x + (R+1)·(y + (R+1)·z)} and the level has {@code (R+1)^d} entries. Otherwise
 *       it has {@code T} entries and vertex {@code (x, y, z)} is entry
 *       {@code ((x·1) XOR (y·2654435761) XOR (z·805459861)) mod T} in uint32 arithmetic (Müller et al. 2022, eq. 4).</li>
 *   <li>Levels are stored one after another ({@link #offset(int)}), each entry holding F values.</li>
 *   <li>A field coordinate {@code p} maps to {@code u = clamp((p − boxMin) / (boxMax − boxMin), 0, 1)} per axis, then to
 *       {@code s = u · R}; the cell is {@code i = min(floor(s), R − 1)}, the fraction {@code f = s − i}, and the level's
 *       features are the d-linear interpolation of the 2^d corners {@code i + c} (corner bit k adds 1 on axis k) with
 *       weights {@code Π_k (c_k ? f_k : 1 − f_k)}.</li>
 * </ul>
 */
public final class HashGridLayout {
    /** Spatial-hash primes per axis (Müller et al. 2022, §3: π1 = 1, π2 = 2654435761, π3 = 805459861). */
    public static final int PRIME_X = 1, PRIME_Y = (int) 2654435761L, PRIME_Z = 805459861;

    private final int dim, features, tableSize;
    private final int[] resolution, offset, size;
    private final boolean[] dense;
    private final int entries;

    private HashGridLayout(EncodingSpec.HashGrid g, int dim) {
        if (dim < 2 || dim > 3) throw new IllegalArgumentException("hash grids encode 2-D or 3-D coordinates, got " + dim + "-D");
        this.dim = dim;
        this.features = g.featuresPerLevel();
        this.tableSize = 1 << g.log2TableSize();
        int L = g.levels();
        resolution = new int[L];
        offset = new int[L];
        size = new int[L];
        dense = new boolean[L];
        double lnB = L == 1 ? 0 : (Math.log(g.maxResolution()) - Math.log(g.minResolution())) / (L - 1);
        long total = 0;
        for (int l = 0; l < L; l++) {
            int r = (int) Math.floor(g.minResolution() * Math.exp(l * lnB) + 1e-6);
            resolution[l] = Math.min(Math.max(r, 1), g.maxResolution());
            long vertices = 1;
            for (int k = 0; k < dim; k++) vertices *= resolution[l] + 1L;
            dense[l] = vertices <= tableSize;
            size[l] = dense[l] ? (int) vertices : tableSize;
            offset[l] = (int) total;
            total += size[l];
        }
        if (total * features > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("hash grid tables of " + total * features + " values are too large: lower the table size or the levels");
        entries = (int) total;
    }

    /** The layout of a hash grid over {@code dim}-dimensional coordinates (2 or 3). */
    public static HashGridLayout of(EncodingSpec.HashGrid g, int dim) { return new HashGridLayout(g, dim); }

    public int dim() { return dim; }

    public int levels() { return resolution.length; }

    public int features() { return features; }

    /** Entries of a hashed level ({@code 2^log2TableSize}). */
    public int tableSize() { return tableSize; }

    public int resolution(int level) { return resolution[level]; }

    /** First entry of a level. */
    public int offset(int level) { return offset[level]; }

    /** Entries of a level: {@code (R+1)^d} when dense, else the table size. */
    public int size(int level) { return size[level]; }

    public boolean dense(int level) { return dense[level]; }

    /** Entries of all levels. */
    public int entries() { return entries; }

    /** Trainable values: entries × F. */
    public int values() { return entries * features; }

    /** Shape of the tensor {@code encoding.tables}: (entries, F). */
    public int[] tensorShape() { return new int[]{entries, features}; }

    /** Index of vertex (x, y, z) within its level (z = 0 in 2-D). */
    public int localIndex(int level, int x, int y, int z) {
        if (dense[level]) {
            int n = resolution[level] + 1;
            return x + n * (y + n * z);
        }
        return (x * PRIME_X ^ y * PRIME_Y ^ z * PRIME_Z) & (tableSize - 1);
    }

    /** The unit coordinate of {@code p} on an axis of the box [lo, hi], clamped to [0, 1]. */
    public static double unit(double p, double lo, double hi) {
        double u = (p - lo) / (hi - lo);
        return u < 0 ? 0 : u > 1 ? 1 : u;
    }

    /**
     * The 2^d corners of the cell holding unit coordinate {@code u} on a level: absolute entry indices into the tables
     * ({@code idx}), d-linear weights ({@code w}) and the fractions within the cell ({@code frac}, length d). Corner c's
     * bit k selects the upper vertex on axis k. Caller-owned arrays; nothing is allocated.
     */
    public void corners(int level, double[] u, int[] idx, double[] w, double[] frac) {
        int r = resolution[level];
        int c0x, c0y, c0z = 0;
        double s = u[0] * r;
        c0x = Math.min((int) s, r - 1);
        frac[0] = s - c0x;
        s = u[1] * r;
        c0y = Math.min((int) s, r - 1);
        frac[1] = s - c0y;
        if (dim == 3) {
            s = u[2] * r;
            c0z = Math.min((int) s, r - 1);
            frac[2] = s - c0z;
        }
        int corners = 1 << dim, off = offset[level];
        for (int c = 0; c < corners; c++) {
            int bx = c & 1, by = (c >> 1) & 1, bz = (c >> 2) & 1;
            double wt = (bx == 1 ? frac[0] : 1 - frac[0]) * (by == 1 ? frac[1] : 1 - frac[1]);
            if (dim == 3) wt *= bz == 1 ? frac[2] : 1 - frac[2];
            w[c] = wt;
            idx[c] = off + localIndex(level, c0x + bx, c0y + by, c0z + bz);
        }
    }
}
