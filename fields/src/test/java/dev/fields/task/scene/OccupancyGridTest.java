package dev.fields.task.scene;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The occupancy grid against an analytic density: a ball of density 50 (radius 0.5) in [−1, 1]³, empty elsewhere. */
class OccupancyGridTest {
    static final double R = 0.5;
    static final int RES = 16;

    static final OccupancyGrid.Density BALL = (pts, n) -> {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            double x = pts[3 * i], y = pts[3 * i + 1], z = pts[3 * i + 2];
            s[i] = x * x + y * y + z * z < R * R ? 50f : 0f;
        }
        return s;
    };

    /** Distance from the origin to the cell's nearest and farthest points. */
    private static double[] range(int cell) {
        int[] ijk = {cell % RES, (cell / RES) % RES, cell / (RES * RES)};
        double near = 0, far = 0, h = 2.0 / RES;
        for (int c = 0; c < 3; c++) {
            double a = -1 + ijk[c] * h, b = a + h;
            double n = a > 0 ? a : b < 0 ? -b : 0, f = Math.max(Math.abs(a), Math.abs(b));
            near += n * n;
            far += f * f;
        }
        return new double[]{Math.sqrt(near), Math.sqrt(far)};
    }

    @Test void everythingIsOccupiedBeforeTheFirstUpdate() {
        OccupancyGrid g = new OccupancyGrid(new double[]{-1, -1, -1}, new double[]{1, 1, 1}, RES, 0.95, 0.01);
        assertEquals(1.0, g.occupiedFraction());
        assertTrue(g.occupied(0.9, -0.9, 0.9));
        assertFalse(g.occupied(1.5, 0, 0), "outside the box is never occupied");
    }

    @Test void theBallsCellsStayOccupiedAndFarCellsBecomeEmpty() {
        OccupancyGrid g = new OccupancyGrid(new double[]{-1, -1, -1}, new double[]{1, 1, 1}, RES, 0.95, 0.01);
        SplittableRandom rng = new SplittableRandom(3);
        g.update(BALL, rng, true);
        int inside = 0, outside = 0;
        for (int step = 0; step < 40; step++) {
            for (int c = 0; c < g.cells(); c++) {
                double[] d = range(c);
                if (d[1] < R) { assertTrue(g.occupiedCell(c), "cell " + c + " lies inside the ball, update " + step); inside++; }
                if (d[0] > R) { assertFalse(g.occupiedCell(c), "cell " + c + " lies outside the ball, update " + step); outside++; }
            }
            g.update(BALL, rng, false); // a random quarter of the cells, the rest decay
        }
        assertTrue(inside > 0 && outside > 0);
        double ballFraction = 4.0 / 3 * Math.PI * R * R * R / 8;
        assertTrue(g.occupiedFraction() < 3 * ballFraction, "mostly empty: " + g.occupiedFraction());
        // every cell the ball reaches has been visited at a point inside it by now, or is only a sliver
        int cut = 0, marked = 0;
        for (int c = 0; c < g.cells(); c++) {
            double[] d = range(c);
            if (d[0] < R && d[1] > R) { cut++; if (g.occupiedCell(c)) marked++; }
        }
        assertTrue(marked > cut / 2, marked + " of " + cut + " boundary cells marked");
    }

    @Test void aSmallDensityStaysOccupiedWhenItIsAboveTheMean() {
        // the threshold is min(0.01, mean): a faint but non-zero medium in part of the box is not culled
        OccupancyGrid.Density faint = (pts, n) -> {
            float[] s = new float[n];
            for (int i = 0; i < n; i++) s[i] = pts[3 * i] > 0 ? 0.02f : 0f;
            return s;
        };
        OccupancyGrid g = new OccupancyGrid(new double[]{-1, -1, -1}, new double[]{1, 1, 1}, RES, 0.95, 0.01);
        g.update(faint, null, true);
        assertTrue(g.occupied(0.5, 0, 0));
        assertFalse(g.occupied(-0.5, 0, 0));
        assertEquals(0.5, g.occupiedFraction(), 1e-9);
    }
}
