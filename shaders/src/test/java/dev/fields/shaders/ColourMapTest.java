package dev.fields.shaders;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The colour maps: grey is the identity, heat is the renderer's earlier slice map, viridis is close to the map it
 * fits and perceptually ordered (CIE L* rises evenly); the GLSL carries the same coefficients (GL parity is checked in
 * the render module's SliceDisplayGlTest).
 */
class ColourMapTest {
    private static double clamp(double v) { return Math.min(Math.max(v, 0), 1); }

    @Test void greyIsTheIdentityAndHeatIsTheEarlierSliceMap() {
        float[] c = new float[3];
        for (int i = -10; i <= 110; i++) {
            double t = i / 100.0, x = clamp(t);
            ColourMap.GREY.rgb(t, c, 0);
            for (int k = 0; k < 3; k++) assertEquals(x, c[k], 1e-7, "grey at " + t);
            // the formula image.glsl had before colour maps became a choice
            double[] heat = {clamp(1.5 * x), clamp(1.5 * x - 0.5), clamp(3 * x - 2 + 0.4 * (1 - x))};
            ColourMap.HEAT.rgb(t, c, 0);
            for (int k = 0; k < 3; k++) assertEquals(heat[k], c[k], 1e-6, "heat channel " + k + " at " + t);
        }
    }

    @Test void viridisMatchesItsKnownColoursAndRisesEvenlyInLightness() {
        // viridis' documented end and middle colours #440154, #21918c, #fde725
        int[][] known = {{0x44, 0x01, 0x54}, {0x21, 0x91, 0x8c}, {0xfd, 0xe7, 0x25}};
        double[] at = {0, 0.5, 1};
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 3; k++)
                assertEquals(known[i][k], 255 * ColourMap.VIRIDIS.channel(k, at[i]), 5, "channel " + k + " at " + at[i]);
        int n = 64;
        double[] L = new double[n + 1];
        for (int i = 0; i <= n; i++) L[i] = lightness(ColourMap.VIRIDIS, i / (double) n);
        double mean = (L[n] - L[0]) / n;
        assertTrue(L[n] - L[0] > 70, "from dark to light: L* " + L[0] + " to " + L[n]);
        for (int i = 0; i < n; i++) {
            double step = L[i + 1] - L[i];
            assertTrue(step > 0.65 * mean && step < 1.35 * mean, "L* step " + step + " at " + i + "/" + n + " (mean " + mean + ")");
        }
        // heat is not: its lightness jumps where red saturates and green starts
        double[] h = new double[n + 1];
        for (int i = 0; i <= n; i++) h[i] = lightness(ColourMap.HEAT, i / (double) n);
        double worst = 0;
        for (int i = 0; i < n; i++) worst = Math.max(worst, Math.abs((h[i + 1] - h[i]) / ((h[n] - h[0]) / n) - 1));
        assertTrue(worst > 0.35, "heat's uneven lightness is what viridis avoids: " + worst);
    }

    /** CIE L* of the sRGB colour at t (D65). */
    private static double lightness(ColourMap m, double t) {
        double[] lin = new double[3];
        for (int k = 0; k < 3; k++) {
            double c = m.channel(k, t);
            lin[k] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
        double f = y > Math.pow(6 / 29.0, 3) ? Math.cbrt(y) : y / (3 * Math.pow(6 / 29.0, 2)) + 4 / 29.0;
        return 116 * f - 16;
    }

    @Test void glslNamesEveryMapAndCarriesItsCoefficients() {
        String g = ColourMap.glsl();
        for (ColourMap m : ColourMap.values()) assertTrue(g.contains("const int COLOUR_MAP_" + m.name() + " = " + m.code() + ";"), m.name());
        assertTrue(g.contains("vec3 colourMap(int map, float t)"));
        assertTrue(g.contains("26.272107604478490"), "viridis' blue t^6 coefficient, to 17 digits");
    }

    @Test void namesParseInAnyCaseAndUnknownOnesListTheChoices() {
        assertEquals(ColourMap.GREY, ColourMap.parse("Grey"));
        assertEquals(ColourMap.GREY, ColourMap.parse("gray"));
        assertEquals(ColourMap.VIRIDIS, ColourMap.parse("VIRIDIS"));
        UserError e = assertThrows(UserError.class, () -> ColourMap.parse("jet"));
        assertEquals("unknown colour map 'jet': use one of grey, heat, viridis", e.getMessage());
        assertEquals(ColourMap.GREY, ColourMap.VIRIDIS.next());
    }
}
