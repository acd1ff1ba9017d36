package dev.fields.io.spec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The hash grid's layout against its definition, written out independently here (resolutions, dense or hashed, hash, weights). */
class HashGridLayoutTest {
    /** instant-ngp's spatial hash in unsigned 32-bit arithmetic, with longs. */
    private static long hash(long x, long y, long z, long t) {
        long m = 0xFFFFFFFFL;
        return (((x * 1L) & m) ^ ((y * 2654435761L) & m) ^ ((z * 805459861L) & m)) % t;
    }

    @Test void defaultLevelsFollowTheGeometricSeries() {
        HashGridLayout g = HashGridLayout.of(EncodingSpec.HashGrid.defaults(3), 3);
        assertEquals(16, g.levels());
        assertEquals(16, g.resolution(0));
        assertEquals(2048, g.resolution(15));
        double b = Math.exp((Math.log(2048) - Math.log(16)) / 15);
        long entries = 0;
        for (int l = 0; l < 16; l++) {
            assertEquals((int) Math.floor(16 * Math.pow(b, l) + 1e-6), g.resolution(l), "level " + l);
            long vertices = (long) Math.pow(g.resolution(l) + 1, 3);
            assertEquals(vertices <= (1 << 19), g.dense(l), "level " + l);
            assertEquals(g.dense(l) ? vertices : 1 << 19, g.size(l));
            assertEquals(entries, g.offset(l));
            entries += g.size(l);
        }
        assertEquals(entries, g.entries());
        assertTrue(g.dense(0) && !g.dense(15));
        assertArrayEquals(new int[]{(int) entries, 2}, g.tensorShape());
        HashGridLayout flat = HashGridLayout.of(EncodingSpec.HashGrid.defaults(2), 2);
        assertEquals(512, flat.resolution(15));
        assertEquals(1 << 16, flat.tableSize());
    }

    @Test void cornersAreTheCellsVerticesWithDLinearWeights() {
        EncodingSpec.HashGrid h = new EncodingSpec.HashGrid(3, 2, 8, 3, 40);
        for (int d = 2; d <= 3; d++) {
            HashGridLayout g = HashGridLayout.of(h, d);
            Random r = new Random(d);
            int corners = 1 << d;
            int[] idx = new int[corners];
            double[] w = new double[corners], frac = new double[d], u = new double[d];
            for (int trial = 0; trial < 200; trial++) {
                for (int k = 0; k < d; k++) u[k] = trial == 0 ? 1.0 : r.nextDouble();
                for (int l = 0; l < g.levels(); l++) {
                    g.corners(l, u, idx, w, frac);
                    int res = g.resolution(l);
                    long[] cell = new long[3];
                    for (int k = 0; k < d; k++) cell[k] = Math.min((long) Math.floor(u[k] * res), res - 1);
                    double sum = 0, lin = 0;
                    for (int c = 0; c < corners; c++) {
                        long[] v = new long[3];
                        for (int k = 0; k < d; k++) v[k] = cell[k] + ((c >> k) & 1);
                        long n = res + 1;
                        long want = g.dense(l) ? v[0] + n * (v[1] + n * v[2]) : hash(v[0], v[1], v[2], g.tableSize());
                        assertEquals(g.offset(l) + want, idx[c], "level " + l + " corner " + c);
                        sum += w[c];
                        lin += w[c] * (v[0] + 3.0 * v[1] - 2.0 * v[2]);
                    }
                    assertEquals(1, sum, 1e-12);
                    // d-linear interpolation reproduces a linear function of the vertex coordinates
                    assertEquals(res * (u[0] + 3 * u[1] - (d == 3 ? 2 * u[2] : 0)), lin, 1e-9);
                }
            }
            boolean dense = false, hashed = false;
            for (int l = 0; l < g.levels(); l++) { dense |= g.dense(l); hashed |= !g.dense(l); }
            assertTrue(dense && hashed, "both kinds of level covered in " + d + "-D");
        }
    }

    @Test void theSpecRoundTripsAndRefusesBadValues() {
        FieldSpec s = new FieldSpec(3, new EncodingSpec.HashGrid(16, 2, 19, 16, 2048), NetworkSpec.relu(Parameterization.RWF, 64),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(3, -1, 1), 0);
        assertEquals(s, SpecJson.read(SpecJson.write(s)));
        assertTrue(SpecJson.write(s).contains("\"type\":\"hashgrid\""));
        assertEquals(32, s.encodedDim());
        assertArrayEquals(HashGridLayout.of((EncodingSpec.HashGrid) s.encoding(), 3).tensorShape(), s.expectedTensors().get("encoding.tables"));
        assertThrows(IllegalArgumentException.class, () -> new EncodingSpec.HashGrid(16, 2, 19, 64, 32));
        assertThrows(IllegalArgumentException.class, () -> new EncodingSpec.HashGrid(0, 2, 19, 16, 32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FieldSpec(1, new EncodingSpec.HashGrid(2, 2, 8, 4, 8),
                NetworkSpec.relu(Parameterization.RWF, 4), List.of(new Output(Channel.IMAGE, 1, Head.IDENTITY)), Frame.box(1, 0, 1), 0));
        assertTrue(e.getMessage().contains("2-D or 3-D"), e.getMessage());
    }
}
