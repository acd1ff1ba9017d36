package dev.fields.io.spec;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The real SH basis: orthonormal over the sphere, the textbook values on the axes, and the Legendre definition it states. */
class SphericalHarmonicsTest {
    static final int N = 16;

    /** ∫ Y_i Y_j dω by a product rule: midpoints in z = cos θ (error O(1/n²) for these polynomials), uniform in φ (exact for them). */
    @Test void theBasisIsOrthonormalOverTheSphere() {
        int nz = 400, nphi = 64;
        double[][] gram = new double[N][N];
        double[] y = new double[N];
        double w = (2.0 / nz) * (2 * Math.PI / nphi);
        for (int a = 0; a < nz; a++) {
            double z = -1 + (a + 0.5) * 2.0 / nz, r = Math.sqrt(1 - z * z);
            for (int b = 0; b < nphi; b++) {
                double phi = (b + 0.5) * 2 * Math.PI / nphi;
                SphericalHarmonics.basis(3, r * Math.cos(phi), r * Math.sin(phi), z, y, 0);
                for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) gram[i][j] += w * y[i] * y[j];
            }
        }
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) assertEquals(i == j ? 1 : 0, gram[i][j], 2e-4, "<Y" + i + ", Y" + j + ">");
    }

    @Test void onTheAxesOnlyTheExpectedTermsRemainWithTheCondonShortleyPhase() {
        double[] y = new double[N];
        SphericalHarmonics.basis(3, 0, 0, 1, y, 0);
        for (int l = 0; l <= 3; l++)
            for (int m = -l; m <= l; m++) {
                double want = m == 0 ? Math.sqrt((2 * l + 1) / (4 * Math.PI)) : 0; // Y_l0(+z) = sqrt((2l+1)/4π)
                assertEquals(want, y[l * (l + 1) + m], 1e-12, "Y" + l + "," + m + "(+z)");
            }
        double c1 = Math.sqrt(3 / (4 * Math.PI));
        SphericalHarmonics.basis(1, 1, 0, 0, y, 0);
        assertArrayEquals(new double[]{0.5 / Math.sqrt(Math.PI), 0, 0, -c1}, java.util.Arrays.copyOf(y, 4), 1e-12, "+x: Y11 = -c x");
        SphericalHarmonics.basis(1, 0, 1, 0, y, 0);
        assertArrayEquals(new double[]{0.5 / Math.sqrt(Math.PI), -c1, 0, 0}, java.util.Arrays.copyOf(y, 4), 1e-12, "+y: Y1-1 = -c y");
        SphericalHarmonics.basis(2, 1, 0, 0, y, 0);
        assertEquals(Math.sqrt(15 / (16 * Math.PI)), y[8], 1e-12, "Y22(+x)");
        assertEquals(-Math.sqrt(5 / (16 * Math.PI)), y[6], 1e-12, "Y20(+x)");
    }

    @Test void itIsTheRealFormOfTheAssociatedLegendreDefinition() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] y = new double[N];
        for (int t = 0; t < 50; t++) {
            double x = rnd.nextGaussian(), yy = rnd.nextGaussian(), z = rnd.nextGaussian(), n = Math.sqrt(x * x + yy * yy + z * z);
            x /= n; yy /= n; z /= n;
            SphericalHarmonics.basis(3, x, yy, z, y, 0);
            double phi = Math.atan2(yy, x);
            for (int l = 0; l <= 3; l++)
                for (int m = -l; m <= l; m++) {
                    int am = Math.abs(m);
                    double k = Math.sqrt((2 * l + 1) / (4 * Math.PI) * factorial(l - am) / factorial(l + am));
                    double p = legendre(l, am, z);
                    double want = m == 0 ? k * p : m > 0 ? Math.sqrt(2) * k * p * Math.cos(m * phi) : Math.sqrt(2) * k * p * Math.sin(am * phi);
                    assertEquals(want, y[l * (l + 1) + m], 1e-12, "Y" + l + "," + m);
                }
        }
        assertEquals(1, SphericalHarmonics.count(0));
        assertEquals(16, SphericalHarmonics.count(3));
        assertThrows(IllegalArgumentException.class, () -> SphericalHarmonics.count(4));
    }

    @Test void theGlslSourceNamesEveryCoefficient() {
        String s = SphericalHarmonics.glsl(2);
        assertTrue(s.startsWith("void shBasis(vec3 d, out float y[9])"), s);
        assertTrue(s.contains("y[8] = ") && !s.contains("y[9] = "), s);
    }

    /** P_l^m(z) with the Condon–Shortley phase, by the standard recurrences (m ≥ 0). */
    static double legendre(int l, int m, double z) {
        double pmm = 1, s = Math.sqrt(1 - z * z);
        for (int i = 1; i <= m; i++) pmm *= -(2 * i - 1) * s;
        if (l == m) return pmm;
        double p1 = z * (2 * m + 1) * pmm;
        if (l == m + 1) return p1;
        double p0 = pmm;
        for (int ll = m + 2; ll <= l; ll++) {
            double p2 = ((2 * ll - 1) * z * p1 - (ll + m - 1) * p0) / (ll - m);
            p0 = p1;
            p1 = p2;
        }
        return p1;
    }

    static double factorial(int n) { double f = 1; for (int i = 2; i <= n; i++) f *= i; return f; }
}
