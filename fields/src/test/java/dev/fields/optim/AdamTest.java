package dev.fields.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Adam's segments: each range follows its own betas, epsilon and weight decay; the rest the defaults. */
class AdamTest {
    /** Two steps of Adam on one value, in double. */
    private static double twoSteps(double p, double g1, double g2, double lr, double b1, double b2, double eps, double wd) {
        double m = 0, v = 0;
        double[] gs = {g1, g2};
        for (int t = 1; t <= 2; t++) {
            double g = gs[t - 1] + wd * p;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            p -= lr / (1 - Math.pow(b1, t)) * m / (Math.sqrt(v / (1 - Math.pow(b2, t))) + eps);
        }
        return p;
    }

    @Test void segmentsHaveTheirOwnHyperparameters() {
        Adam a = new Adam(0.1, 1, 1, List.of(new Adam.Segment(1, 2, 0.9, 0.99, 1e-15, 0), Adam.Segment.decayed(3, 4, 0.5)));
        INDArray p = Nd4j.createFromArray(new float[][]{{1, 1, 1, 1, 1}});
        float[] g1 = {0.3f, 1e-9f, -2, 0.5f, 4}, g2 = {-0.1f, 2e-9f, 1, 0.25f, 3};
        a.step(p, Nd4j.createFromArray(new float[][]{g1}), 0);
        a.step(p, Nd4j.createFromArray(new float[][]{g2}), 1);
        double[] want = {
                twoSteps(1, g1[0], g2[0], 0.1, 0.9, 0.999, 1e-8, 0),
                twoSteps(1, g1[1], g2[1], 0.1, 0.9, 0.99, 1e-15, 0),
                twoSteps(1, g1[2], g2[2], 0.1, 0.9, 0.999, 1e-8, 0),
                twoSteps(1, g1[3], g2[3], 0.1, 0.9, 0.999, 1e-8, 0.5),
                twoSteps(1, g1[4], g2[4], 0.1, 0.9, 0.999, 1e-8, 0)};
        for (int i = 0; i < 5; i++) assertEquals(want[i], p.getDouble(0, i), 1e-6, "value " + i);
        // the tiny-gradient value moves by about lr per step with eps 1e-15; the default eps 1e-8 would hold it nearly still
        assertEquals(0.8, p.getDouble(0, 1), 0.01);
        assertEquals(1, twoSteps(1, g1[1], g2[1], 0.1, 0.9, 0.999, 1e-8, 0), 0.05);
    }

    @Test void overlappingSegmentsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.1, 1, 1, List.of(Adam.Segment.decayed(0, 3, 0.1), Adam.Segment.decayed(2, 4, 0.1))));
    }
}
