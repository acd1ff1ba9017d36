package dev.fields.nn.fused;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectorized sine and cosine against Math.sin / Math.cos over the argument range the encodings and SIREN use. */
class VectorSineTest {
    @Test void sineAndCosineAreAccurateTo3e7() {
        int n = 1 << 16;
        float[] x = new float[n], s = new float[n], c = new float[n];
        Random r = new Random(4);
        for (int i = 0; i < n; i++) x[i] = (float) ((r.nextDouble() - 0.5) * (i < n / 2 ? 8 : 2000)); // |x| <= 4 and <= 1000
        x[0] = 0; x[1] = (float) Math.PI; x[2] = (float) (Math.PI / 2); x[3] = -(float) (Math.PI / 2); x[4] = 1e-20f;
        VectorSine.sin(x, 0, s, 0, n);
        VectorSine.cos(x, 0, c, 0, n);
        double ws = 0, wc = 0;
        for (int i = 0; i < n; i++) {
            ws = Math.max(ws, Math.abs(s[i] - Math.sin(x[i])));
            wc = Math.max(wc, Math.abs(c[i] - Math.cos(x[i])));
        }
        assertTrue(ws < 3e-7, "sin max error " + ws);
        assertTrue(wc < 3e-7, "cos max error " + wc);
        assertEquals(0f, s[0]);
        assertEquals(1e-20f, s[4]);
        assertEquals(1.0, c[0], 2e-7);
    }
}
