package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.ray.AlphaCompositor;
import dev.fields.ray.Rays;
import dev.fields.ray.Samples;
import dev.fields.ray.StratifiedSampler;
import dev.fields.shaders.ReferenceEvaluator;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ray layer composites a density + colour field like the tracers: the fuzzy octahedron through the ray layer (the
 * CPU tracer's camera rays, box clip, step count as midpoint samples, termination threshold, and the GL background)
 * against {@link CpuTracer}, on the reference evaluator. No OpenGL needed.
 */
class RayLayerParityTest {
    static final int W = 96, H = 80, STEPS = 64;
    static final float BACKGROUND = 0.95f; // tracer.glsl's bg
    /**
     * Both sides evaluate the same field at the same float points up to rounding of the ray parameter (the CPU tracer
     * steps in double, the ray layer stores float intervals), so opacity and colour agree to 1e-5 (measured: 2.3e-6).
     */
    static final double TOLERANCE = 1e-5;

    /** The CpuTracer's primary rays: pixel centres in GL's convention (row 0 at the bottom), top row first. */
    static Rays cameraRays(OrbitCamera cam, int w, int h) {
        Vector3f eye = cam.eye(new Vector3f()), f = new Vector3f(), r = new Vector3f(), u = new Vector3f();
        cam.basis(f, r, u);
        double tan = cam.tanHalfFov();
        float[] o = new float[3 * w * h], d = new float[3 * w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                double ux = ((x + 0.5) / w * 2 - 1) * w / h, uy = (h - 1 - y + 0.5) / h * 2 - 1;
                o[i] = eye.x; o[i + 1] = eye.y; o[i + 2] = eye.z;
                d[i] = (float) (f.x + tan * (ux * r.x + uy * u.x));
                d[i + 1] = (float) (f.y + tan * (ux * r.y + uy * u.y));
                d[i + 2] = (float) (f.z + tan * (ux * r.z + uy * u.z));
            }
        return Rays.of(3, o, d);
    }

    @Test void compositingTheFuzzyOctahedronMatchesTheCpuTracer() {
        // denser than TracerTest's (k = 60): the middle is opaque, so early termination is exercised on many pixels
        FieldBlob fuzzy = AnalyticFields.fuzzyOctahedron(0.7, 60.0, new float[]{1.5f, -0.5f, 0.2f});
        OrbitCamera cam = new OrbitCamera().set(20, 15, 3);
        CpuTracer.Hits cpu = CpuTracer.trace(fuzzy, cam, W, H, STEPS);

        Rays rays = cameraRays(cam, W, H).clipToBox(fuzzy.spec().frame().boxMin(), fuzzy.spec().frame().boxMax());
        Samples s = new StratifiedSampler(STEPS).midpoints(rays, new Samples());
        float[] out = new float[4 * s.count()], sigma = new float[s.count()], rgb = new float[3 * s.count()];
        new ReferenceEvaluator(fuzzy).evaluateBatch(s.points(), s.count(), out);
        for (int j = 0; j < s.count(); j++) {
            sigma[j] = out[4 * j];
            System.arraycopy(out, 4 * j + 1, rgb, 3 * j, 3);
        }
        AlphaCompositor comp = new AlphaCompositor(new float[]{BACKGROUND, BACKGROUND, BACKGROUND});
        float[] colour = new float[3 * W * H], opacity = new float[W * H];
        comp.forward(s, sigma, rgb, colour, opacity, null);

        int close = 0, opaque = 0, misses = 0, terminated = 0;
        double worst = 0;
        for (int i = 0; i < W * H; i++) {
            double a = cpu.t()[i], err = Math.abs(opacity[i] - a);
            for (int c = 0; c < 3; c++) err = Math.max(err, Math.abs(colour[3 * i + c] - (cpu.rgb()[3 * i + c] + (1 - a) * BACKGROUND)));
            boolean sameSteps = !rays.hit(i) ? cpu.steps()[i] == 0 : comp.samplesUsed()[i] == cpu.steps()[i];
            if (err <= TOLERANCE && sameSteps) { close++; worst = Math.max(worst, err); }
            if (a > 0.5) opaque++;
            if (!rays.hit(i)) misses++;
            if (rays.hit(i) && comp.samplesUsed()[i] < STEPS) terminated++;
        }
        assertTrue(opaque > 0.05 * W * H, "some pixels are nearly opaque: " + opaque);
        assertTrue(misses > 0.05 * W * H, "some rays miss the box: " + misses);
        assertTrue(terminated > 0.03 * W * H, "some rays terminate early: " + terminated);
        assertTrue(close >= 0.99 * W * H, "opacity, colour and step count agree within " + TOLERANCE + " on " + close + " of " + W * H
                + " pixels (worst of those " + worst + ")");
    }
}
