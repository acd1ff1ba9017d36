package dev.fields.geometry;

/**
 * Makes surface-sample normals point outward (towards where the signed distance grows), whatever the mesh's winding.
 * A probe a small step along each side of the normal is labelled inside or outside by ray parity (which, unlike the
 * winding number, does not depend on the winding being checked): a mesh wound
 * consistently inward is flipped as a whole (decided on a subset), and a mesh wound inconsistently is oriented point by
 * point. A normal whose probes disagree with both orientations (a sliver thinner than the probe) is left as the mesh
 * gives it.
 */
public final class SurfaceOrientation {
    /** Probe distance in field units (the box is [-1, 1]^3): far below any feature worth fitting. */
    static final float PROBE = 1e-3f;
    private static final int SUBSET = 4096;

    private SurfaceOrientation() {}

    /** Orients {@code normals} (3n) of the surface points {@code xyz} (3n) in place; returns the fraction flipped. */
    public static double orientOutward(float[] xyz, float[] normals, int n, GroundTruth gt) {
        int m = Math.min(n, SUBSET);
        int[] votes = probe(xyz, normals, 0, m, gt, null);
        int decided = votes[0] + votes[1];
        if (decided == 0) return 0;
        if (votes[0] >= 0.9 * decided) return 0; // consistently outward
        if (votes[1] >= 0.9 * decided) {         // consistently inward: flip all
            for (int i = 0; i < 3 * n; i++) normals[i] = -normals[i];
            return 1;
        }
        boolean[] flip = new boolean[n];
        probe(xyz, normals, 0, n, gt, flip);
        int flipped = 0;
        for (int i = 0; i < n; i++)
            if (flip[i]) {
                flipped++;
                for (int c = 0; c < 3; c++) normals[3 * i + c] = -normals[3 * i + c];
            }
        return flipped / (double) n;
    }

    /** Counts points whose normal is outward (votes[0]) or inward (votes[1]); marks the inward ones in {@code flip}. */
    private static int[] probe(float[] xyz, float[] normals, int from, int to, GroundTruth gt, boolean[] flip) {
        int m = to - from;
        float[] p = new float[6 * m], in = new float[2 * m];
        for (int i = 0; i < m; i++)
            for (int c = 0; c < 3; c++) {
                float x = xyz[3 * (from + i) + c], d = PROBE * normals[3 * (from + i) + c];
                p[3 * (2 * i) + c] = x + d;
                p[3 * (2 * i + 1) + c] = x - d;
            }
        java.util.stream.IntStream.range(0, (2 * m + 4095) / 4096).parallel().forEach(chunk -> {
            TriangleBvh.Scratch s = new TriangleBvh.Scratch();
            for (int i = chunk * 4096; i < Math.min(2 * m, (chunk + 1) * 4096); i++)
                in[i] = (gt.bvh().rayHits(p[3 * i], p[3 * i + 1], p[3 * i + 2], s) & 1) == 1 ? 1f : 0f;
        });
        int[] votes = new int[2];
        for (int i = 0; i < m; i++) {
            boolean plusOut = in[2 * i] < 0.5f, minusIn = in[2 * i + 1] >= 0.5f;
            if (plusOut && minusIn) votes[0]++;
            else if (!plusOut && !minusIn) {
                votes[1]++;
                if (flip != null) flip[from + i] = true;
            }
        }
        return votes;
    }
}
