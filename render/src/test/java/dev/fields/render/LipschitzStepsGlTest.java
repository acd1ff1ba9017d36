package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The recorded Lipschitz bound sets the sphere-tracing step (d / L) on every weight path: the same field recorded with
 * L = 3 instead of 1 hits the same pixels with about twice the steps or more (the texture path over-relaxes), and the step-count shading shows it.
 */
class LipschitzStepsGlTest extends GlTest {
    static final int S = 64;

    static FieldBlob withLipschitz(FieldBlob b, double l) {
        FieldSpec s = b.spec();
        return FieldBlob.field(new FieldSpec(s.inputDim(), s.encoding(), s.network(), s.outputs(), s.frame(), l), b.tensors(), b.provenance());
    }

    @Test void stepsScaleWithTheRecordedBoundOnBothPaths() {
        FieldBlob tight = AnalyticFields.octahedron(0.7, false), loose = withLipschitz(tight, 3.0);
        OrbitCamera cam = new OrbitCamera().set(35, 25, 3);
        for (FieldRenderer.Path path : new FieldRenderer.Path[]{FieldRenderer.Path.LITERAL, FieldRenderer.Path.TEXTURE}) {
            try (FieldRenderer a = new FieldRenderer(tight, path); FieldRenderer b = new FieldRenderer(loose, path)) {
                a.skipEmptySpace = b.skipEmptySpace = false; // count every network step
                FieldRenderer.Frame fa = a.render(cam, S, S, FieldRenderer.Shading.STEPS), fb = b.render(cam, S, S, FieldRenderer.Shading.STEPS);
                double sa = 0, sb = 0;
                int hits = 0, same = 0, brighter = 0;
                for (int i = 0; i < S * S; i++) {
                    boolean ha = fa.t()[i] >= 0, hb = fb.t()[i] >= 0;
                    if (ha == hb) same++;
                    if (!ha || !hb) continue;
                    hits++;
                    sa += fa.steps()[i];
                    sb += fb.steps()[i];
                    int x = i % S, y = i / S;
                    if ((fb.image().getRGB(x, y) >> 16 & 255) + (fb.image().getRGB(x, y) >> 8 & 255) > (fa.image().getRGB(x, y) >> 16 & 255) + (fa.image().getRGB(x, y) >> 8 & 255)) brighter++;
                }
                assertTrue(hits > 0.1 * S * S, path + ": the shape is in view");
                assertTrue(same > 0.98 * S * S, path + ": the same pixels hit: " + same);
                assertTrue(sb > 1.6 * sa, path + ": steps with L = 3 against L = 1: " + sb / hits + " vs " + sa / hits);
                assertTrue(brighter > 0.9 * hits, path + ": the step heat map is hotter where steps are more: " + brighter + " of " + hits);
            }
        }
    }
}
