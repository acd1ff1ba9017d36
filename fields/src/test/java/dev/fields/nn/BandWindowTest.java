package dev.fields.nn;

import dev.fields.io.spec.EncodingSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which encoded column belongs to which band, and the window's shape. */
class BandWindowTest {
    @Test void windowIsSmoothFromOffToOn() {
        assertEquals(0, BandWindow.weight(2.0, 2), 0);
        assertEquals(0.5, BandWindow.weight(2.5, 2), 1e-12);
        assertEquals(1, BandWindow.weight(3.0, 2), 0);
        assertEquals(1, BandWindow.weight(7, 2), 0);
        assertEquals(0, BandWindow.weight(1, 2), 0);
    }

    @Test void positionalOctavesOpenInOrderAndTheRawInputStaysOn() {
        BandWindow w = BandWindow.of(new EncodingSpec.Positional(3, true), 2, null);
        assertEquals(3, w.bands());
        // [x0 x1 | sin cos of octave 0 (4) | octave 1 (4) | octave 2 (4)] at opening 1.5: octave 0 on, 1 half, 2 off
        assertArrayEquals(new float[]{1, 1, 1, 1, 1, 1, .5f, .5f, .5f, .5f, 0, 0, 0, 0}, w.columns(1.5), 1e-6f);
        assertNull(w.columns(3));
    }

    @Test void fourierFeaturesOpenByFrequency() {
        float[] b = {3, 0, 0.5f, 0, 0, -1}; // three 2-D rows with norms 3, 0.5, 1: ranks 2, 0, 1
        BandWindow w = BandWindow.of(new EncodingSpec.GaussianFourier(3, 1), 2, b);
        assertEquals(3, w.bands());
        // [cos of features 0 1 2 | sin of features 0 1 2] at opening 1.5: rank 0 on, rank 1 half, rank 2 off
        assertArrayEquals(new float[]{0, 1, .5f, 0, 1, .5f}, w.columns(1.5), 1e-6f);
    }

    @Test void hashGridLevelsOpenCoarsestFirst() {
        BandWindow w = BandWindow.of(new EncodingSpec.HashGrid(3, 2, 5, 2, 8), 2, null);
        assertEquals(3, w.bands());
        assertArrayEquals(new float[]{1, 1, .5f, .5f, 0, 0}, w.columns(1.5), 1e-6f);
        assertEquals(0, BandWindow.of(new EncodingSpec.Identity(), 2, null).bands());
        assertNull(BandWindow.of(new EncodingSpec.Identity(), 2, null).columns(0));
    }
}
