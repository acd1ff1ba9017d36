package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.*;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A 2-D field drawn as an image matches the reference evaluator at every pixel centre, rows top-down. */
class ImageQuadTest extends GlTest {
    @Test void imageFieldRendersPixelForPixel() {
        FieldBlob rgb = GlslParityTest.random(new EncodingSpec.GaussianFourier(6, 1.5), NetworkSpec.Type.MLP, Activation.RELU, 2,
                List.of(new Output(Channel.IMAGE, 3, Head.SIGMOID)), 5);
        FieldBlob img = FieldBlob.field(rgb.spec().withFrame(Frame.box(2, 0, 1).withResolution(40, 30)), rgb.tensors(), rgb.provenance());
        int w = 40, h = 30;
        try (FieldRenderer r = new FieldRenderer(img, FieldRenderer.Path.LITERAL)) {
            FieldRenderer.Frame f = r.render(new OrbitCamera(), w, h, FieldRenderer.Shading.LAMBERT);
            ReferenceEvaluator ev = new ReferenceEvaluator(img);
            double[] o = new double[3];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    ev.evaluate(new float[]{(x + 0.5f) / w, (y + 0.5f) / h}, 0, o);
                    int px = f.image().getRGB(x, y);
                    assertEquals(o[0] * 255, px >> 16 & 255, 1.01, "red at " + x + "," + y);
                    assertEquals(o[1] * 255, px >> 8 & 255, 1.01, "green at " + x + "," + y);
                    assertEquals(o[2] * 255, px & 255, 1.01, "blue at " + x + "," + y);
                }
        }
    }
}
