package dev.fields.metrics;

import dev.fields.io.image.FloatImage;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ImageMetricsTest {
    @Test void psnrOfKnownError() {
        float[] a = new float[100], b = new float[100];
        for (int i = 0; i < 100; i++) b[i] = 0.1f;
        assertEquals(20.0, ImageMetrics.psnr(a, b), 1e-5); // mse 0.01 -> 20 dB
    }

    @Test void ssimIsOneForIdenticalAndDropsWithNoise() {
        Random r = new Random(3);
        FloatImage a = FloatImage.blank(40, 30, 3);
        for (int i = 0; i < a.data().length; i++) a.data()[i] = r.nextFloat();
        assertEquals(1.0, ImageMetrics.ssim(a, a), 1e-9);
        FloatImage b = FloatImage.blank(40, 30, 3), c = FloatImage.blank(40, 30, 3);
        for (int i = 0; i < a.data().length; i++) {
            double n = r.nextGaussian();
            b.data()[i] = (float) (a.data()[i] + 0.05 * n);
            c.data()[i] = (float) (a.data()[i] + 0.3 * n);
        }
        double sb = ImageMetrics.ssim(a, b), sc = ImageMetrics.ssim(a, c);
        assertTrue(sb < 1 && sc < sb && sc > -1, sb + " " + sc);
    }

    @Test void ssimOfConstantShiftMatchesFormula() {
        // For constant images x and y the SSIM reduces to the luminance term (2xy + c1) / (x² + y² + c1).
        FloatImage a = FloatImage.blank(20, 20, 1), b = FloatImage.blank(20, 20, 1);
        java.util.Arrays.fill(a.data(), 0.5f);
        java.util.Arrays.fill(b.data(), 0.7f);
        double c1 = 1e-4;
        assertEquals((2 * 0.5 * 0.7 + c1) / (0.25 + 0.49 + c1), ImageMetrics.ssim(a, b), 1e-5);
    }
}
