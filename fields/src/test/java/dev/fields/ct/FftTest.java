package dev.fields.ct;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class FftTest {
    @Test void matchesTheDirectSumAndInverts() {
        for (int n : new int[]{1, 2, 8, 64}) {
            SplittableRandom r = new SplittableRandom(n);
            double[] re = new double[n], im = new double[n];
            for (int i = 0; i < n; i++) { re[i] = r.nextDouble(-1, 1); im[i] = r.nextDouble(-1, 1); }
            double[] re0 = re.clone(), im0 = im.clone();
            new Fft(n).forward(re, im);
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * k * j / n;
                    sr += re0[j] * Math.cos(a) - im0[j] * Math.sin(a);
                    si += re0[j] * Math.sin(a) + im0[j] * Math.cos(a);
                }
                assertEquals(sr, re[k], 1e-10, "n " + n + " bin " + k);
                assertEquals(si, im[k], 1e-10, "n " + n + " bin " + k);
            }
            new Fft(n).inverse(re, im);
            assertArrayEquals(re0, re, 1e-12);
            assertArrayEquals(im0, im, 1e-12);
        }
    }

    @Test void refusesOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(12));
    }
}
