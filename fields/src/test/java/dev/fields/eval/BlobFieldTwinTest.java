package dev.fields.eval;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.spec.*;
import dev.fields.nn.Backend;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Adam;
import dev.fields.render.CpuTracer;
import dev.fields.render.OrbitCamera;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The CPU twin on the fused kernel ({@link BlobField}, float32) against the twin on the reference evaluator (double),
 * on small networks trained for a few hundred steps: a bumpy sphere's distance (sphere tracing) and a radiance
 * blob (compositing). Hit distances and colours agree to float rounding on nearly every pixel; the few that differ are
 * rays whose stopping test sits on its threshold, and they differ by at most the hit tolerance or one sample.
 */
class BlobFieldTwinTest {
    static final int W = 96, H = 80, STEPS = 96;

    /** Fits a network of {@code spec} to {@code target} (3 coordinates → outputDim values) by L2 on uniform points. */
    static FieldBlob fit(FieldSpec spec, BiConsumer<float[], float[]> target, int steps) {
        FieldNetwork net = new FieldNetwork(spec, 1, DataType.FLOAT, Backend.FUSED);
        Adam adam = new Adam(3e-3, 1, 1);
        int n = 2048, o = spec.outputDim();
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = new float[3 * n], y = new float[o * n], p = new float[3], v = new float[o];
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) x[3 * i + c] = p[c] = (float) (rng.nextDouble() * 2 - 1);
                target.accept(p, v);
                System.arraycopy(v, 0, y, o * i, o);
            }
            INDArray out = net.forward(Nd4j.create(x, new long[]{n, 3}, 'c'));
            net.backward(out.sub(Nd4j.create(y, new long[]{n, o}, 'c')).muli(2.0 / n));
            adam.step(net.params(), net.gradient(), step);
        }
        return net.export(new Provenance("test", 1, steps, Map.of(), "test", "", Map.of()));
    }

    static FieldBlob bumpySphere() {
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.GaussianFourier(32, 1.0), NetworkSpec.relu(Parameterization.PLAIN, 64, 64, 64),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), Frame.box(3, -1, 1), 1.5);
        return fit(spec, (p, v) -> {
            double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            v[0] = (float) (r - 0.6 + 0.05 * Math.sin(5 * p[0]) * Math.sin(5 * p[1]) * Math.sin(5 * p[2]));
        }, 200);
    }

    static FieldBlob radianceBlob() {
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.GaussianFourier(32, 1.0), NetworkSpec.relu(Parameterization.PLAIN, 64, 64),
                List.of(new Output(Channel.DENSITY, 1, Head.RELU), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(3, -1, 1), 0);
        return fit(spec, (p, v) -> {
            double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
            v[0] = (float) (8 * Math.max(0.65 - r, 0));
            for (int c = 0; c < 3; c++) v[1 + c] = (float) (0.5 + 0.4 * Math.sin(3 * p[c]));
        }, 200);
    }

    @Test void fusedTwinFindsTheReferenceTwinsHits() {
        FieldBlob blob = bumpySphere();
        BlobField fast = new BlobField(blob);
        assertEquals(Backend.FUSED, fast.backend(), "the blob runs on the fused kernel");
        for (OrbitCamera cam : List.of(new OrbitCamera().set(35, 25, 3), new OrbitCamera().set(-120, -30, 2.2))) {
            CpuTracer.Hits ref = CpuTracer.trace(blob, cam, W, H, STEPS), got = CpuTracer.trace(fast, cam, W, H, STEPS);
            int agree = 0, hits = 0, close = 0, sameSteps = 0;
            double worst = 0;
            for (int i = 0; i < W * H; i++) {
                boolean a = ref.t()[i] >= 0, b = got.t()[i] >= 0;
                if (a == b) agree++;
                if (ref.steps()[i] == got.steps()[i]) sameSteps++;
                if (!(a && b)) continue;
                hits++;
                double d = Math.abs(ref.t()[i] - got.t()[i]);
                worst = Math.max(worst, d);
                if (d < 1e-4) close++;
            }
            System.out.printf("sdf: %d hits, %d agree, %d close, %d same steps, worst %.3g%n", hits, agree, close, sameSteps, worst);
            assertTrue(hits > 0.1 * W * H, "the surface is in view: " + hits + " hits");
            assertTrue(agree >= 0.998 * W * H, "hit/miss agree on " + agree + " of " + W * H);
            assertTrue(close >= 0.98 * hits, "distances within 1e-4 on " + close + " of " + hits);
            assertTrue(sameSteps >= 0.95 * W * H, "same steps on " + sameSteps + " of " + W * H);
            // a ray whose last value sits at the tolerance stops one step earlier or later: within the tolerance
            assertTrue(worst < 0.01, "worst distance difference " + worst);
        }
    }

    @Test void fusedTwinCompositesTheReferenceTwinsColours() {
        FieldBlob blob = radianceBlob();
        BlobField fast = new BlobField(blob);
        assertEquals(Backend.FUSED, fast.backend());
        OrbitCamera cam = new OrbitCamera().set(20, 15, 3);
        CpuTracer.Hits ref = CpuTracer.trace(blob, cam, W, H, 64), got = CpuTracer.trace(fast, cam, W, H, 64);
        int opaque = 0, close = 0;
        double worst = 0;
        for (int i = 0; i < W * H; i++) {
            if (ref.t()[i] > 0.5) opaque++;
            double d = Math.abs(ref.t()[i] - got.t()[i]);
            for (int c = 0; c < 3; c++) d = Math.max(d, Math.abs(ref.rgb()[3 * i + c] - got.rgb()[3 * i + c]));
            worst = Math.max(worst, d);
            if (d < 1e-4) close++;
        }
        System.out.printf("radiance: %d opaque, %d close, worst %.3g%n", opaque, close, worst);
        assertTrue(opaque > 0.05 * W * H, "some pixels are more than half opaque: " + opaque);
        assertTrue(close >= 0.99 * W * H, "opacity and colour within 1e-4 on " + close + " of " + W * H);
        // early termination one sample apart changes a pixel by at most the last sample's share (< 1% transmittance)
        assertTrue(worst < 0.02, "worst opacity/colour difference " + worst);
    }
}
