package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.*;
import dev.fields.shaders.GlslGenerator;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A view-dependent (sh:2) radiance field in GL: the per-pixel renderer evaluates the spherical harmonics along each
 * ray and matches the CPU reference render of the same blob on the literal and buffer paths; the GLSL point function
 * and the baked texture give the diffuse colour sigmoid(c0 Y00), and the texture path says so in one line.
 */
class ViewDependentRadianceGlTest extends GlTest {
    static final int W = 72, H = 60, STEPS = 64;
    static final ViewDependence VIEW = ViewDependence.SH2;
    static final float[] C0 = {1.2f, -0.4f, 0.3f}; // the constant term of each channel: the diffuse colour is sigmoid(C0 Y00)

    static FieldBlob shinyOctahedron(double r, double k) { return AnalyticFields.shinyOctahedron(r, k, C0, VIEW); }

    private static FieldRenderer.Frame draw(FieldBlob blob, FieldRenderer.Path path, OrbitCamera cam) {
        try (FieldRenderer r = new FieldRenderer(blob, path)) {
            r.maxSteps = STEPS;
            if (path == FieldRenderer.Path.TEXTURE) { r.volumeSize = 64; r.upload(blob); }
            return r.render(cam, W, H, FieldRenderer.Shading.LAMBERT);
        }
    }

    @Test void theGlslRenderMatchesTheCpuReferenceAlongEveryRay() {
        FieldBlob blob = shinyOctahedron(0.7, 20);
        for (OrbitCamera cam : List.of(new OrbitCamera().set(25, 20, 3), new OrbitCamera().set(-130, -35, 2.8))) {
            CpuTracer.Hits cpu = CpuTracer.trace(blob, cam, W, H, STEPS);
            for (FieldRenderer.Path path : List.of(FieldRenderer.Path.LITERAL, FieldRenderer.Path.BUFFER)) {
                FieldRenderer.Frame f = draw(blob, path, cam);
                int close = 0, opaque = 0;
                for (int i = 0; i < W * H; i++) {
                    double a = cpu.t()[i];
                    if (a > 0.5) opaque++;
                    int px = f.image().getRGB(i % W, i / W);
                    boolean ok = Math.abs(f.t()[i] - a) < 2e-3;
                    for (int k = 0; k < 3; k++) {
                        int want = (int) Math.round(255 * (cpu.rgb()[3 * i + k] + (1 - a) * 0.95));
                        ok &= Math.abs((px >> (16 - 8 * k) & 255) - want) <= 2;
                    }
                    if (ok) close++;
                }
                assertTrue(opaque > 0.05 * W * H, "some pixels are nearly opaque: " + opaque);
                assertTrue(close >= 0.99 * W * H, path + ": opacity and colour agree on " + close + " of " + W * H);
            }
        }
    }

    /**
     * The texture path's opaque pixels are the diffuse colour sigmoid(c0 Y00) of every channel, and the literal path's
     * view-dependent colour is well apart from it (so the first test compares colours that do depend on the view).
     */
    @Test void theColourDependsOnTheViewAndTheTexturePathShowsTheDiffuseColour() {
        FieldBlob blob = shinyOctahedron(0.7, 20);
        OrbitCamera cam = new OrbitCamera().set(25, 20, 3);
        FieldRenderer.Frame literal = draw(blob, FieldRenderer.Path.LITERAL, cam), texture = draw(blob, FieldRenderer.Path.TEXTURE, cam);
        int solid = 0;
        double apart = 0;
        for (int i = 0; i < W * H; i++) {
            if (texture.t()[i] <= 0.99) continue;
            solid++;
            int px = texture.image().getRGB(i % W, i / W), lp = literal.image().getRGB(i % W, i / W);
            for (int k = 0; k < 3; k++) {
                double got = (px >> (16 - 8 * k) & 255) / 255.0, want = 1 / (1 + Math.exp(-C0[k] * SphericalHarmonics.basis0()));
                assertEquals(want, got, 0.01 * Math.abs(0.95 - want) + 1.5 / 255, "opaque texture pixel " + i + " channel " + k + ": the diffuse colour");
                apart += Math.abs(got - (lp >> (16 - 8 * k) & 255) / 255.0);
            }
        }
        assertTrue(solid > 0.01 * W * H, "opaque pixels " + solid);
        assertTrue(apart / (3 * solid) > 0.05, "the view-dependent colour differs from the diffuse one: mean " + apart / (3 * solid));
        String note = FieldRenderer.textureNote(blob.spec());
        assertNotNull(note);
        assertTrue(note.contains("view-independent (diffuse) colour") && note.lines().count() == 1, note);
        assertNull(FieldRenderer.textureNote(AnalyticFields.fuzzyOctahedron(0.7, 20, C0).spec()));
    }

    @Test void theGlslPointFunctionGivesDensityAndTheDiffuseColour() {
        FieldBlob blob = shinyOctahedron(0.7, 20);
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 256;
        float[] xs = new float[3 * n];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextDouble(-1, 1);
        float[] gpu = GpuEvaluator.evaluate(blob, GlslGenerator.WeightPath.LITERAL, xs, n);
        ReferenceEvaluator ref = new ReferenceEvaluator(blob);
        double[] out = new double[blob.spec().outputDim()], rgb = new double[3];
        for (int i = 0; i < n; i++) {
            ref.evaluate(xs, 3 * i, out);
            VIEW.diffuse(out, 1, rgb, 0);
            assertEquals(out[0], gpu[4 * i], 1e-4 * Math.max(1, out[0]), "density at point " + i);
            for (int c = 0; c < 3; c++) assertEquals(rgb[c], gpu[4 * i + 1 + c], 1e-5, "diffuse colour at point " + i);
        }
    }
}
