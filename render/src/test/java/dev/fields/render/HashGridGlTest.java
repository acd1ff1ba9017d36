package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;
import dev.fields.shaders.GlslGenerator;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hash-grid blobs on the GPU: the generated GLSL reads the tables from their SSBO and evaluates like the Java reference
 * (2-D and 3-D, dense and hashed levels, both weight paths), and the tracer and the texture bake draw a hash-grid SDF
 * like the CPU tracer.
 */
class HashGridGlTest extends GlTest {
    private static FieldBlob random(int d, EncodingSpec.HashGrid h, long seed) {
        FieldSpec spec = new FieldSpec(d, h, new NetworkSpec(NetworkSpec.Type.MLP, List.of(16, 16), Activation.TANH, Parameterization.PLAIN, 30, 1, 1, 0.1),
                List.of(new Output(Channel.SDF, 1, Head.IDENTITY), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(d, -1, 1), 0);
        Random r = new Random(seed);
        Map<String, Tensor> t = new LinkedHashMap<>();
        spec.expectedTensors().forEach((k, s) -> {
            float[] v = new float[s.length == 1 ? s[0] : s[0] * s[1]];
            double scale = k.equals("encoding.tables") ? 1.0 : 1.0 / Math.sqrt(s.length == 1 ? 4 : s[1]);
            for (int i = 0; i < v.length; i++) v[i] = (float) ((2 * r.nextDouble() - 1) * scale);
            t.put(k, new Tensor(s, v));
        });
        return FieldBlob.field(spec, t, new Provenance("test", seed, 0, Map.of(), "test", "", Map.of()));
    }

    @Test void glslReadsTheTablesAndMatchesTheReferenceEvaluator() {
        // 2-D: resolutions 8..128 in 2^10 entries (dense, then hashed); 3-D: 4..64 in 2^12 entries
        Object[][] cases = {{2, new EncodingSpec.HashGrid(6, 2, 10, 8, 128)}, {3, new EncodingSpec.HashGrid(5, 2, 12, 4, 64)},
                {3, new EncodingSpec.HashGrid(3, 4, 14, 16, 32)}};
        int n = 4096;
        Random r = new Random(4);
        for (Object[] c : cases) {
            int d = (Integer) c[0];
            EncodingSpec.HashGrid h = (EncodingSpec.HashGrid) c[1];
            HashGridLayout g = HashGridLayout.of(h, d);
            FieldBlob blob = random(d, h, d * 7L);
            float[] xs = new float[d * n];
            for (int i = 0; i < xs.length; i++) xs[i] = (float) (2.2 * r.nextDouble() - 1.1); // a few points outside the box: clamped
            ReferenceEvaluator ev = new ReferenceEvaluator(blob);
            double[] want = new double[4];
            for (GlslGenerator.WeightPath path : GlslGenerator.WeightPath.values()) {
                float[] got = GpuEvaluator.evaluate(blob, path, xs, n);
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    ev.evaluate(xs, d * i, want);
                    for (int k = 0; k < 4; k++) worst = Math.max(worst, Math.abs(got[4 * i + k] - want[k]));
                }
                // float32 cell coordinates on the GPU vs double here: about 1e-7 · resolution of a cell, times the table slope
                assertTrue(worst < 2e-4, d + "-D " + h + " levels dense " + java.util.Arrays.toString(dense(g)) + " " + path + ": worst " + worst);
            }
        }
    }

    private static boolean[] dense(HashGridLayout g) {
        boolean[] b = new boolean[g.levels()];
        for (int l = 0; l < b.length; l++) b[l] = g.dense(l);
        return b;
    }

    /** One dense 3-D level of resolution 32 holding a sphere's distance at its vertices; the MLP passes it through. */
    static FieldBlob sphere(double radius) { return AnalyticFields.hashGridSphere(radius, Frame.box(3, -1, 1)); }

    @Test void tracerAndTextureBakeDrawAHashGridSdf() {
        FieldBlob blob = sphere(0.6);
        OrbitCamera cam = new OrbitCamera().set(30, 20, 3);
        int w = 64, h = 56;
        CpuTracer.Hits cpu = CpuTracer.trace(blob, cam, w, h, 96);
        Vector3fRay rays = new Vector3fRay(cam, w, h);
        for (FieldRenderer.Path path : FieldRenderer.Path.values())
            try (FieldRenderer gl = new FieldRenderer(blob, path)) {
                gl.volumeSize = 64;
                gl.skipEmptySpace = false; // the same steps as the CPU twin
                gl.upload(blob);
                FieldRenderer.Frame f = gl.render(cam, w, h, FieldRenderer.Shading.DEPTH);
                int agree = 0, hits = 0;
                double worst = 0, worstSphere = 0;
                for (int i = 0; i < w * h; i++) {
                    boolean a = f.t()[i] >= 0, b = cpu.t()[i] >= 0;
                    if (a == b) agree++;
                    if (a && b) {
                        hits++;
                        worst = Math.max(worst, Math.abs(f.t()[i] - cpu.t()[i]));
                        double exact = rays.sphereHit(i, 0.6);
                        if (exact >= 0) worstSphere = Math.max(worstSphere, Math.abs(f.t()[i] - exact)); // silhouette pixels may graze either
                    }
                }
                assertTrue(hits > 0.1 * w * h, path + ": the sphere is in view (" + hits + " hits)");
                assertTrue(agree >= 0.98 * w * h, path + ": hit/miss agree on " + agree + " of " + w * h);
                // literal and buffer evaluate the same interpolant as the CPU; the bake resamples it on a 64³ texture
                double tol = path == FieldRenderer.Path.TEXTURE ? 2.0 / 64 : 3e-3;
                assertTrue(worst < tol, path + ": depth differs from the CPU tracer by " + worst);
                // a hit needs |d| below half a pixel's footprint (~0.022 here), divided by the ray's cosine (>= 0.5 when not grazing)
                assertTrue(worstSphere < 0.06, path + ": depth differs from the analytic sphere by " + worstSphere);
            }
    }

    /** Camera rays of a frame (top row first) and their analytic hits on a centred sphere, -1 for misses and grazing rays. */
    private record Vector3fRay(OrbitCamera cam, int w, int h) {
        double sphereHit(int i, double radius) {
            org.joml.Vector3f eye = cam.eye(new org.joml.Vector3f()), f = new org.joml.Vector3f(), r = new org.joml.Vector3f(), u = new org.joml.Vector3f();
            cam.basis(f, r, u);
            int x = i % w, y = i / w;
            double ux = ((x + 0.5) / w * 2 - 1) * w / h, uy = (h - 1 - y + 0.5) / h * 2 - 1, tan = cam.tanHalfFov();
            double[] d = {f.x + tan * (ux * r.x + uy * u.x), f.y + tan * (ux * r.y + uy * u.y), f.z + tan * (ux * r.z + uy * u.z)};
            double l = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            double b = (eye.x * d[0] + eye.y * d[1] + eye.z * d[2]) / l, c = eye.lengthSquared() - radius * radius;
            double disc = b * b - c;
            return disc < 0.1 ? -1 : -b - Math.sqrt(disc); // grazing rays (closest approach beyond ~0.5) are left out
        }
    }
}
