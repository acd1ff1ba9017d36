package dev.fields.nn.fused;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel on its own: against a plain double-precision loop over points for a 2 → [x, 6 sines] → 20 → 11 → 3
 * network with per-neuron scales of either sign (outputs, every gradient, dL/dx), for sine and softplus with trainable
 * scales (the pre-activation kept) and softplus and ReLU with fixed ones (the backward from the stored activation
 * alone); and bit-identical on 1 and 2 threads (the runs of tiles are summed in a fixed order).
 */
class FusedMlpTest {
    private static final int D = 2, K = 6, ENC = D + K, H1 = 20, H2 = 11, O = 3;
    private final Random rnd = new Random(3);
    private final float[] m = rand(D * K, 3), ph = rand(K, 1), w0 = rand(ENC * H1, 0.5), b0 = rand(H1, 0.3), s0 = rand(H1, 2),
            w1 = rand(H1 * H2, 0.5), b1 = rand(H2, 0.3), s1 = rand(H2, 2), w2 = rand(H2 * O, 0.5), b2 = rand(O, 0.3);

    private float[] rand(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) ((rnd.nextDouble() - 0.5) * 2 * scale);
        return v;
    }

    private FusedMlp kernel(FusedMlp.Activation act, boolean adaptive, int threads) {
        FusedMlp k = new FusedMlp(D, m, ph, true, new int[]{ENC, H1, H2, O}, act, adaptive, threads);
        k.setLayer(0, w0, b0, s0);
        k.setLayer(1, w1, b1, s1);
        k.setLayer(2, w2, b2, null);
        return k;
    }

    private static double act(FusedMlp.Activation a, double v) {
        return switch (a) {
            case RELU -> Math.max(v, 0);
            case SINE -> Math.sin(v);
            case SOFTPLUS -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
        };
    }

    private static double derivative(FusedMlp.Activation a, double v) {
        return switch (a) {
            case RELU -> v > 0 ? 1 : 0;
            case SINE -> Math.cos(v);
            case SOFTPLUS -> 1 / (1 + Math.exp(-v));
        };
    }

    /** Reference forward and backward of one point in double; accumulates into the gradient arrays. */
    private double[] reference(FusedMlp.Activation act, float[] x, int p, float[] dRaw, double[][] gw, double[][] gb, double[][] gs, double[] dx) {
        double[] e = new double[ENC];
        for (int i = 0; i < D; i++) e[i] = x[p * D + i];
        for (int k = 0; k < K; k++) {
            double a = ph[k];
            for (int i = 0; i < D; i++) a += x[p * D + i] * m[i * K + k];
            e[D + k] = Math.sin(a);
        }
        float[][] ws = {w0, w1, w2}, bs = {b0, b1, b2}, ss = {s0, s1, null};
        int[] wd = {ENC, H1, H2, O};
        double[][] h = new double[4][], z = new double[3][];
        h[0] = e;
        for (int l = 0; l < 3; l++) {
            z[l] = new double[wd[l + 1]];
            h[l + 1] = new double[wd[l + 1]];
            for (int j = 0; j < wd[l + 1]; j++) {
                double v = bs[l][j];
                for (int i = 0; i < wd[l]; i++) v += h[l][i] * ws[l][i * wd[l + 1] + j];
                z[l][j] = v;
                h[l + 1][j] = l < 2 ? act(act, ss[l][j] * v) : v;
            }
        }
        double[] dy = new double[O];
        for (int j = 0; j < O; j++) dy[j] = dRaw[p * O + j];
        for (int l = 2; l >= 0; l--) {
            double[] dz = new double[wd[l + 1]];
            for (int j = 0; j < wd[l + 1]; j++) {
                if (l == 2) { dz[j] = dy[j]; continue; }
                double dpre = dy[j] * derivative(act, ss[l][j] * z[l][j]);
                gs[l][j] += dpre * z[l][j];
                dz[j] = dpre * ss[l][j];
            }
            double[] dh = new double[wd[l]];
            for (int j = 0; j < wd[l + 1]; j++) {
                gb[l][j] += dz[j];
                for (int i = 0; i < wd[l]; i++) {
                    gw[l][i * wd[l + 1] + j] += h[l][i] * dz[j];
                    dh[i] += ws[l][i * wd[l + 1] + j] * dz[j];
                }
            }
            dy = dh;
        }
        for (int i = 0; i < D; i++) {
            double v = dy[i];
            for (int k = 0; k < K; k++) {
                double a = ph[k];
                for (int q = 0; q < D; q++) a += x[p * D + q] * m[q * K + k];
                v += dy[D + k] * Math.cos(a) * m[i * K + k];
            }
            dx[p * D + i] = v;
        }
        return h[3];
    }

    private static double relMax(float[] a, double[] b) {
        double d = 0, s = 1e-30;
        for (int i = 0; i < a.length; i++) { d = Math.max(d, Math.abs(a[i] - b[i])); s = Math.max(s, Math.abs(b[i])); }
        return d / s;
    }

    @ParameterizedTest @CsvSource({"SINE, true", "SOFTPLUS, true", "SOFTPLUS, false", "RELU, false"})
    void matchesAPlainDoubleLoopAndIsIndependentOfThreads(FusedMlp.Activation act, boolean adaptive) {
        int n = 3000;
        float[] x = rand(n * D, 1), dRaw = rand(n * O, 1), raw = new float[n * O], dx = new float[n * D];
        FusedMlp k = kernel(act, adaptive, 2);
        k.forward(x, n, raw, true);
        k.backward(dRaw, dx);
        double[][] gw = {new double[ENC * H1], new double[H1 * H2], new double[H2 * O]}, gb = {new double[H1], new double[H2], new double[O]},
                gs = {new double[H1], new double[H2], new double[O]};
        double[] out = new double[n * O], rdx = new double[n * D];
        for (int p = 0; p < n; p++) System.arraycopy(reference(act, x, p, dRaw, gw, gb, gs, rdx), 0, out, p * O, O);
        assertTrue(relMax(raw, out) < 1e-5, "outputs " + relMax(raw, out));
        assertTrue(relMax(dx, rdx) < 1e-5, "input gradient " + relMax(dx, rdx));
        for (int l = 0; l < 3; l++) {
            assertTrue(relMax(k.weightGradient(l), gw[l]) < 1e-5, "dW " + l + " " + relMax(k.weightGradient(l), gw[l]));
            assertTrue(relMax(k.biasGradient(l), gb[l]) < 1e-5, "db " + l);
            if (l < 2 && adaptive) assertTrue(relMax(k.scaleGradient(l), gs[l]) < 1e-5, "ds " + l + " " + relMax(k.scaleGradient(l), gs[l]));
        }
        FusedMlp one = kernel(act, adaptive, 1);
        float[] raw1 = new float[n * O], dx1 = new float[n * D];
        one.forward(x, n, raw1, true);
        one.backward(dRaw, dx1);
        assertArrayEquals(raw, raw1);
        assertArrayEquals(dx, dx1);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(k.weightGradient(l), one.weightGradient(l), "dW " + l + " bit-identical on 1 and 2 threads");
            assertArrayEquals(k.scaleGradient(l), one.scaleGradient(l));
        }
        float[] inf = new float[n * O];
        one.forward(x, n, inf, false);
        assertArrayEquals(raw, inf, "inference without kept activations gives the same outputs");
    }
}
