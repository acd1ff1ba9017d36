package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 2-D field drawn as an image samples the {@link PixelGrid}: at the source resolution pixel (col, row) shows the
 * field at the training point (col / W, row / H), rows top-down, in GL and in the CPU twin alike; at other resolutions
 * the samples are centre-aligned.
 */
class ImageQuadTest extends GlTest {
    static final int W = 40, H = 30;

    /** A field whose outputs are its own coordinates: (x, y, 0) for points with x, y ≥ 0 (ReLU, identity head). */
    static FieldBlob coordinates(Frame frame) {
        FieldSpec spec = new FieldSpec(2, new EncodingSpec.Identity(), NetworkSpec.relu(Parameterization.PLAIN, 4),
                List.of(new Output(Channel.IMAGE, 3, Head.IDENTITY)), frame, 0);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{4, 2}, new float[]{1, 0, 0, 1, 0, 0, 0, 0}));
        t.put("layers.0.bias", new Tensor(new int[]{4}, new float[4]));
        t.put("layers.1.weight", new Tensor(new int[]{3, 4}, new float[]{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}));
        t.put("layers.1.bias", new Tensor(new int[]{3}, new float[3]));
        return FieldBlob.field(spec, t, new Provenance("test", 0, 0, Map.of(), "test", "", Map.of()));
    }

    @Test void imageFieldRendersPixelForPixel() {
        FieldBlob rgb = GlslParityTest.random(new EncodingSpec.GaussianFourier(6, 1.5), NetworkSpec.Type.MLP, Activation.RELU, 2,
                List.of(new Output(Channel.IMAGE, 3, Head.SIGMOID)), 5);
        FieldBlob img = FieldBlob.field(rgb.spec().withFrame(Frame.box(2, 0, 1).withResolution(W, H)), rgb.tensors(), rgb.provenance());
        try (FieldRenderer r = new FieldRenderer(img, FieldRenderer.Path.LITERAL)) {
            FieldRenderer.Frame f = r.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT);
            CpuTracer.Picture cpu = CpuTracer.image(img, W, H);
            ReferenceEvaluator ev = new ReferenceEvaluator(img);
            double[] o = new double[3];
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) {
                    ev.evaluate(new float[]{PixelGrid.coordinate(x, W), PixelGrid.coordinate(y, H)}, 0, o);
                    int px = f.image().getRGB(x, y), i = y * W + x;
                    for (int c = 0; c < 3; c++) {
                        assertEquals(o[c] * 255, px >> (16 - 8 * c) & 255, 1.01, "channel " + c + " at " + x + "," + y);
                        assertEquals(o[c], cpu.values()[3 * i + c], 1e-6, "CPU twin channel " + c + " at " + x + "," + y);
                        assertEquals(cpu.rgb()[3 * i + c] * 255, px >> (16 - 8 * c) & 255, 1.01, "GL vs CPU colour at " + x + "," + y);
                    }
                }
        }
    }

    @Test void glQuadAndCpuTwinSampleTheTrainingGrid() {
        FieldBlob field = coordinates(Frame.box(2, 0, 1).withResolution(W, H));
        for (FieldRenderer.Path path : new FieldRenderer.Path[]{FieldRenderer.Path.LITERAL, FieldRenderer.Path.BUFFER})
            try (FieldRenderer r = new FieldRenderer(field, path)) {
                FieldRenderer.Frame f = r.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT);
                for (int y = 0; y < H; y++)
                    for (int x = 0; x < W; x++) {
                        // half a pixel is 1/80 in x: the quad agrees with the training grid to 1e-4 of a pixel
                        assertEquals(x / (float) W, f.t()[y * W + x], 1e-6, path + " x at pixel " + x + "," + y);
                        assertEquals(y / (float) H, f.steps()[y * W + x], 1e-6, path + " y at pixel " + x + "," + y);
                    }
            }
        CpuTracer.Picture cpu = CpuTracer.image(field, W, H);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                assertEquals(Float.floatToIntBits(x / (float) W), Float.floatToIntBits(cpu.values()[3 * i]), "CPU x at " + x + "," + y);
                assertEquals(Float.floatToIntBits(y / (float) H), Float.floatToIntBits(cpu.values()[3 * i + 1]), "CPU y at " + x + "," + y);
            }
    }

    @Test void otherResolutionsAndBoxesResampleCentreAligned() {
        double[] lo = {0.5, 1}, hi = {2.5, 2};
        FieldBlob field = coordinates(new Frame(lo, hi, 1, new double[2], new int[]{W, H}));
        try (FieldRenderer r = new FieldRenderer(field, FieldRenderer.Path.LITERAL)) {
            for (int[] out : new int[][]{{W, H}, {2 * W, 2 * H}, {25, 17}}) {
                int w = out[0], h = out[1];
                FieldRenderer.Frame f = r.render(new OrbitCamera(), w, h, FieldRenderer.Shading.LAMBERT);
                CpuTracer.Picture cpu = CpuTracer.image(field, w, h);
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) {
                        // output pixel j samples source index (j + 1/2) N / R - 1/2, i.e. coordinate that / N
                        double u = ((x + 0.5) * W / w - 0.5) / W, v = ((y + 0.5) * H / h - 0.5) / H;
                        double px = lo[0] + u * (hi[0] - lo[0]), py = lo[1] + v * (hi[1] - lo[1]);
                        String at = " at " + x + "," + y + " of " + w + "x" + h;
                        assertEquals(px, f.t()[y * w + x], 1e-5, "GL x" + at);
                        assertEquals(py, f.steps()[y * w + x], 1e-5, "GL y" + at);
                        assertEquals(px, cpu.values()[3 * (y * w + x)], 1e-6, "CPU x" + at);
                        assertEquals(py, cpu.values()[3 * (y * w + x) + 1], 1e-6, "CPU y" + at);
                    }
            }
        }
    }

    @Test void attenuationSlicesStartInGreyLikeTheCpuTwin() {
        FieldBlob b = GlslParityTest.random(new EncodingSpec.GaussianFourier(6, 1.0), NetworkSpec.Type.MLP, Activation.RELU, 2,
                List.of(new Output(Channel.ATTENUATION, 1, Head.SIGMOID)), 9);
        FieldBlob slice = FieldBlob.field(b.spec().withFrame(Frame.box(2, 0, 1).withResolution(W, H)), b.tensors(), b.provenance());
        try (FieldRenderer r = new FieldRenderer(slice, FieldRenderer.Path.LITERAL)) {
            assertEquals(FieldKind.ATTENUATION_SLICE, r.kind());
            FieldRenderer.Frame f = r.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT);
            CpuTracer.Picture cpu = CpuTracer.image(slice, W, H);
            for (int i = 0; i < W * H; i++) {
                int px = f.image().getRGB(i % W, i / W);
                for (int c = 0; c < 3; c++) assertEquals(cpu.rgb()[3 * i + c] * 255, px >> (16 - 8 * c) & 255, 1.01, "channel " + c + " at pixel " + i);
                // a sigmoid head without a recorded range is shown over [0, 1]: grey = the value
                for (int c = 0; c < 3; c++) assertEquals(cpu.values()[i] * 255, px >> (16 - 8 * c) & 255, 1.01, "grey = value at pixel " + i);
            }
        }
    }
}
