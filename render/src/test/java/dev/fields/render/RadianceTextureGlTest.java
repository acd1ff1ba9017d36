package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Radiance fields on the baked 3-D texture: the texture path composites like the literal path (same steps, early
 * termination and background) on an analytic field and on a hash-grid field whose tables the bake reads from their
 * SSBO, and its frames show the matter where the CPU twin sees it, over the background everywhere else.
 */
class RadianceTextureGlTest extends GlTest {
    static final int W = 96, H = 80, STEPS = 64, BAKE = 64;
    static final double BACKGROUND = 0xf2 / 255.0;

    /**
     * One dense hash-grid level (resolution 32, two features) holding {@code k (r − |p|)} and {@code x} at its vertices;
     * the MLP turns them into density {@code softplus(k (r − |p|))} (a ball with a thin haze around it, like a fit's
     * softplus head) and colour {@code (sigmoid(2x), sigmoid(−2x), sigmoid(0.5))}, a red-to-green ramp along x.
     */
    static FieldBlob hashGridBall(double r, double k) {
        EncodingSpec.HashGrid h = new EncodingSpec.HashGrid(1, 2, 16, 32, 32);
        FieldSpec spec = new FieldSpec(3, h, NetworkSpec.relu(Parameterization.PLAIN, 4),
                List.of(new Output(Channel.DENSITY, 1, Head.SOFTPLUS), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(3, -1, 1), 0);
        HashGridLayout g = HashGridLayout.of(h, 3);
        assertTrue(g.dense(0), "the level is stored densely");
        float[] tables = new float[g.values()];
        for (int z = 0; z <= 32; z++)
            for (int y = 0; y <= 32; y++)
                for (int x = 0; x <= 32; x++) {
                    double px = -1 + x / 16.0, py = -1 + y / 16.0, pz = -1 + z / 16.0;
                    int e = g.localIndex(0, x, y, z);
                    tables[2 * e] = (float) (k * (r - Math.sqrt(px * px + py * py + pz * pz)));
                    tables[2 * e + 1] = (float) px;
                }
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("encoding.tables", new Tensor(g.tensorShape(), tables));
        t.put("layers.0.weight", new Tensor(new int[]{4, 2}, new float[]{1, 0, -1, 0, 0, 1, 0, -1})); // relu(±f0), relu(±f1)
        t.put("layers.0.bias", new Tensor(new int[]{4}, new float[4]));
        t.put("layers.1.weight", new Tensor(new int[]{4, 4}, new float[]{1, -1, 0, 0, 0, 0, 2, -2, 0, 0, -2, 2, 0, 0, 0, 0}));
        t.put("layers.1.bias", new Tensor(new int[]{4}, new float[]{0, 0, 0, 0.5f}));
        return FieldBlob.field(spec, t, new Provenance("test", 0, 0, Map.of(), "test", "", Map.of("shape", "hash-grid ball")));
    }

    private static FieldRenderer.Frame draw(FieldBlob blob, FieldRenderer.Path path, OrbitCamera cam) {
        try (FieldRenderer r = new FieldRenderer(blob, path)) {
            r.maxSteps = STEPS;
            if (path == FieldRenderer.Path.TEXTURE) {
                r.volumeSize = BAKE;
                r.upload(blob);
                assertEquals(8L * BAKE * BAKE * BAKE, r.textureBytes(), "RGBA16F: four half floats a cell");
            }
            return r.render(cam, W, H, FieldRenderer.Shading.LAMBERT);
        }
    }

    @Test void theTexturePathCompositesLikeTheLiteralPath() {
        OrbitCamera cam = new OrbitCamera().set(25, 20, 3);
        FieldBlob[] blobs = {AnalyticFields.fuzzyOctahedron(0.7, 20.0, new float[]{1.5f, -0.5f, 0.2f}), hashGridBall(0.6, 20)};
        for (FieldBlob blob : blobs) {
            String name = blob.provenance().config().get("shape").toString();
            FieldRenderer.Frame literal = draw(blob, FieldRenderer.Path.LITERAL, cam), texture = draw(blob, FieldRenderer.Path.TEXTURE, cam);
            int opaque = 0;
            for (float a : literal.t()) if (a > 0.9) opaque++;
            assertTrue(opaque > 0.03 * W * H, name + ": some pixels are nearly opaque (" + opaque + ")");
            FrameDifference d = FrameDifference.of(texture, literal);
            // trilinear lookups of a 64³ bake against the network at every sample: the fields differ only near their kinks
            // (measured: mean 0.04/255 and 0.03/255, largest 4/255 and 1/255; opacity mean 4e-4 and 3e-4, largest 0.026 and 0.003)
            assertTrue(d.meanRgb() < 0.5 / 255, name + ": " + d.describe());
            assertTrue(d.meanOpacity() < 0.002, name + ": " + d.describe());
            assertTrue(d.maxRgb() < 12.0 / 255 && d.maxOpacity() < 0.08, name + ": " + d.describe());
        }
    }

    @Test void aTextureFrameShowsTheMatterOverTheBackground() {
        float[] c = {1.5f, -0.5f, 0.2f};
        FieldBlob blob = AnalyticFields.fuzzyOctahedron(0.7, 20.0, c);
        OrbitCamera cam = new OrbitCamera().set(-40, 30, 2.8);
        CpuTracer.Hits cpu = CpuTracer.trace(blob, cam, W, H, STEPS);
        FieldRenderer.Frame f = draw(blob, FieldRenderer.Path.TEXTURE, cam);
        int matter = 0, empty = 0, solid = 0;
        for (int i = 0; i < W * H; i++) {
            int px = f.image().getRGB(i % W, i / W);
            double[] rgb = {(px >> 16 & 255) / 255.0, (px >> 8 & 255) / 255.0, (px & 255) / 255.0};
            double off = 0;
            for (double v : rgb) off = Math.max(off, Math.abs(v - BACKGROUND));
            if (cpu.t()[i] > 0.5) {
                matter++;
                assertTrue(off > 0.15, "pixel " + i + " (opacity " + cpu.t()[i] + ") shows the matter, not the background: " + java.util.Arrays.toString(rgb));
            } else if (cpu.steps()[i] == 0) {
                empty++;
                assertTrue(off <= 1.0 / 255, "pixel " + i + " misses the box: the background, got " + java.util.Arrays.toString(rgb));
            } else if (cpu.t()[i] == 0) {
                // no matter on the ray; a grazing ray may pass within half a cell of the bake's interpolated density
                assertTrue(off < 0.03, "pixel " + i + " sees no matter: nearly the background, got " + java.util.Arrays.toString(rgb));
            }
            if (f.t()[i] > 0.99) {
                solid++;
                // a constant colour survives the density-weighted interpolation exactly: what is left is 1% transmittance
                for (int k = 0; k < 3; k++) {
                    double want = 1 / (1 + Math.exp(-c[k]));
                    assertEquals(want, rgb[k], 0.01 * Math.abs(BACKGROUND - want) + 1.5 / 255, "opaque pixel " + i + " channel " + k);
                }
            }
        }
        assertTrue(matter > 0.05 * W * H && empty > 0.05 * W * H, "matter " + matter + " and box-missing " + empty + " pixels in view");
        assertTrue(solid > 0.01 * W * H, "opaque pixels " + solid);
    }
}
