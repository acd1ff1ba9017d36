package dev.fields.nn.fused;

import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.HashGridLayout;
import dev.fields.nn.HashGridEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float hash-grid kernel against the double-precision {@link HashGridEncoder} (features, table gradient, input
 * gradient on the same tables, points and dL/d(features), including points outside the box and points without a
 * gradient) for the two-feature loops and the general one, and bit-identical on 1 and 2 threads.
 */
class HashGridKernelTest {
    @ParameterizedTest(name = "{0}-D, {1} features")
    @CsvSource({"2, 2", "3, 2", "2, 4", "3, 1"})
    void matchesTheDoubleEncoderAndIgnoresThreadCount(int d, int features) {
        // dense and hashed levels; the finest resolution large enough that float32 u·R would lose the fraction's low bits
        EncodingSpec.HashGrid h = new EncodingSpec.HashGrid(6, features, 10, 4, d == 2 ? 2048 : 512);
        HashGridLayout layout = HashGridLayout.of(h, d);
        Frame box = Frame.box(d, -1, 2);
        int n = 3000, F = layout.features(), L = layout.levels(), k = L * F, v = layout.values();
        Random rnd = new Random(7);
        float[] x = new float[n * d], t = new float[v], dRow = new float[n * k], dCol = new float[n * k];
        for (int i = 0; i < x.length; i++) x[i] = (float) (-1.3 + 3.6 * rnd.nextDouble()); // some outside [-1, 2]
        for (int i = 0; i < v; i++) t[i] = (float) (rnd.nextDouble() - 0.5);
        for (int p = 0; p < n; p++)
            for (int j = 0; j < k; j++) {
                float g = p % 7 == 0 ? 0 : (float) (rnd.nextDouble() - 0.5); // some points without a gradient
                dRow[p * k + j] = g;
                dCol[j * n + p] = g;
            }
        HashGridEncoder ref = new HashGridEncoder(h, d, box);
        INDArray xa = Nd4j.create(x, new long[]{n, d}, 'c'), ta = Nd4j.create(t, new long[]{1, v}, 'c');
        INDArray e = Nd4j.create(DataType.FLOAT, n, k), g = Nd4j.create(DataType.FLOAT, 1, v), dx = Nd4j.create(DataType.FLOAT, n, d);
        ref.forward(xa, e, ta);
        ref.backward(xa, Nd4j.create(dRow, new long[]{n, k}, 'c'), g);
        ref.inputGradient(xa, Nd4j.create(dRow, new long[]{n, k}, 'c'), ta, dx);
        float[] eRef = e.data().asFloat(), gRef = g.data().asFloat(), dxRef = dx.data().asFloat();

        float[][] feat = new float[2][n * k], grad = new float[2][v], dxs = new float[2][n * d];
        for (int threads = 1; threads <= 2; threads++) {
            HashGridKernel kernel = new HashGridKernel(layout, box.boxMin(), box.boxMax(), threads);
            java.util.Arrays.fill(grad[threads - 1], 123f); // overwritten, not accumulated
            kernel.encode(x, n, t, feat[threads - 1]);
            kernel.scatter(x, n, dCol, grad[threads - 1]);
            kernel.inputGradient(x, n, t, dCol, dxs[threads - 1]);
        }
        assertArrayEquals(feat[0], feat[1], "features on 1 and 2 threads");
        assertArrayEquals(grad[0], grad[1], "table gradient on 1 and 2 threads");
        assertArrayEquals(dxs[0], dxs[1], "input gradient on 1 and 2 threads");

        double ef = 0, eg = 0, ex = 0, sf = 0, sg = 0, sx = 0;
        for (int p = 0; p < n; p++)
            for (int j = 0; j < k; j++) {
                ef = Math.max(ef, Math.abs(feat[0][j * n + p] - eRef[p * k + j]));
                sf = Math.max(sf, Math.abs(eRef[p * k + j]));
            }
        for (int i = 0; i < v; i++) { eg = Math.max(eg, Math.abs(grad[0][i] - gRef[i])); sg = Math.max(sg, Math.abs(gRef[i])); }
        for (int i = 0; i < n * d; i++) { ex = Math.max(ex, Math.abs(dxs[0][i] - dxRef[i])); sx = Math.max(sx, Math.abs(dxRef[i])); }
        assertTrue(sf > 0.1 && sg > 0.1 && sx > 1, "real values: " + sf + " " + sg + " " + sx);
        assertTrue(ef / sf < 1e-6, "features " + ef / sf);
        assertTrue(eg / sg < 1e-5, "table gradient " + eg / sg);
        assertTrue(ex / sx < 1e-5, "input gradient " + ex / sx);
    }
}
