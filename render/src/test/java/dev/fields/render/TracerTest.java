package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** GL tracers against the Java CPU tracer and the analytic octahedron. */
class TracerTest extends GlTest {
    static final int W = 96, H = 80;

    /** Analytic ray–octahedron distance (|x|+|y|+|z| = r), or -1. */
    static double octahedronHit(Vector3f o, double[] d, double r) {
        double best = -1;
        for (int s = 0; s < 8; s++) {
            double sx = (s & 1) == 0 ? 1 : -1, sy = (s & 2) == 0 ? 1 : -1, sz = (s & 4) == 0 ? 1 : -1;
            double den = sx * d[0] + sy * d[1] + sz * d[2];
            if (Math.abs(den) < 1e-12) continue;
            double t = (r - sx * o.x - sy * o.y - sz * o.z) / den;
            if (t <= 0) continue;
            double x = o.x + t * d[0], y = o.y + t * d[1], z = o.z + t * d[2];
            if (x * sx >= -1e-9 && y * sy >= -1e-9 && z * sz >= -1e-9 && (best < 0 || t < best)) best = t;
        }
        return best;
    }

    private static void compare(FieldRenderer.Frame gl, CpuTracer.Hits cpu, double tol, double minAgree) {
        int agree = 0, hits = 0;
        double worst = 0;
        for (int i = 0; i < W * H; i++) {
            boolean a = gl.t()[i] >= 0, b = cpu.t()[i] >= 0;
            if (a == b) agree++;
            if (a && b) { hits++; worst = Math.max(worst, Math.abs(gl.t()[i] - cpu.t()[i])); }
        }
        assertTrue(agree >= minAgree * W * H, "hit/miss agree on " + agree + " of " + W * H);
        assertTrue(hits > 0.1 * W * H, "the shape is in view: " + hits);
        assertTrue(worst < tol, "depth differs by " + worst);
    }

    @Test void sdfSphereTracingMatchesCpuTracerAndTheAnalyticShape() {
        FieldBlob oct = AnalyticFields.octahedron(0.7, false);
        OrbitCamera cam = new OrbitCamera().set(35, 25, 3);
        CpuTracer.Hits cpu = CpuTracer.trace(oct, cam, W, H, 96);
        // the CPU tracer itself against the analytic intersection
        Vector3f eye = cam.eye(new Vector3f()), f = new Vector3f(), r = new Vector3f(), u = new Vector3f();
        cam.basis(f, r, u);
        int checked = 0;
        for (int y = 0; y < H; y += 2)
            for (int x = 0; x < W; x += 2) {
                double ux = ((x + 0.5) / W * 2 - 1) * W / H, uy = (H - 1 - y + 0.5) / H * 2 - 1, tan = cam.tanHalfFov();
                double[] d = {f.x + tan * (ux * r.x + uy * u.x), f.y + tan * (ux * r.y + uy * u.y), f.z + tan * (ux * r.z + uy * u.z)};
                double l = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                for (int c = 0; c < 3; c++) d[c] /= l;
                double want = octahedronHit(eye, d, 0.7), got = cpu.t()[y * W + x];
                if (want < 0) continue;
                if (got < 0) continue; // grazing rays may run out of steps; counted by the agreement check below
                // sphere tracing never passes the surface and stops where the field is below its tolerance:
                // max(1e-3·t, half a pixel's footprint)
                assertTrue(got <= want + 1e-5, "no overshoot at pixel " + x + "," + y + ": " + got + " > " + want);
                double px = eye.x + got * d[0], py = eye.y + got * d[1], pz = eye.z + got * d[2];
                double sdf = (Math.abs(px) + Math.abs(py) + Math.abs(pz) - 0.7) / Math.sqrt(3);
                double eps = Math.max(1e-3 * Math.max(got, 1), 0.5 * (2 * tan / H) * got);
                assertTrue(sdf >= -1e-5 && sdf < 1.01 * eps, "stopped at field value " + sdf + " at pixel " + x + "," + y);
                checked++;
            }
        assertTrue(checked > 100, "analytic pixels checked: " + checked);
        for (FieldRenderer.Path path : FieldRenderer.Path.values()) {
            if (path == FieldRenderer.Path.TEXTURE) continue;
            try (FieldRenderer gl = new FieldRenderer(oct, path)) {
                gl.skipEmptySpace = false; // the same steps as the CPU twin
                compare(gl.render(cam, W, H, FieldRenderer.Shading.LAMBERT), cpu, 2e-3, 0.99);
                // skipping on the coarse bake starts the network elsewhere on the ray: the same surface, within the hit tolerance
                gl.skipEmptySpace = true;
                FieldRenderer.Frame skipped = gl.render(cam, W, H, FieldRenderer.Shading.LAMBERT);
                compare(skipped, cpu, 2 * Math.max(3e-3, cam.tanHalfFov() / H * 3.5), 0.99);
                double stepsOff = 0, stepsOn = 0;
                gl.skipEmptySpace = false;
                FieldRenderer.Frame full = gl.render(cam, W, H, FieldRenderer.Shading.DEPTH);
                gl.skipEmptySpace = true;
                FieldRenderer.Frame fast = gl.render(cam, W, H, FieldRenderer.Shading.DEPTH);
                for (int i = 0; i < W * H; i++) { stepsOff += full.steps()[i]; stepsOn += fast.steps()[i]; }
                assertTrue(stepsOn < 0.7 * stepsOff, "skipping saves network evaluations: " + stepsOn + " vs " + stepsOff);
            }
        }
    }

    @Test void bakedTextureAndOccupancyAgreeWithTheCpuTracer() {
        OrbitCamera cam = new OrbitCamera().set(-50, 30, 2.8);
        FieldBlob occ = AnalyticFields.octahedron(0.7, true);
        try (FieldRenderer gl = new FieldRenderer(occ, FieldRenderer.Path.LITERAL)) {
            compare(gl.render(cam, W, H, FieldRenderer.Shading.NORMALS), CpuTracer.trace(occ, cam, W, H, 96), 2.0 / 96 * 4, 0.99);
        }
        FieldBlob oct = AnalyticFields.octahedron(0.7, false);
        try (FieldRenderer gl = new FieldRenderer(oct, FieldRenderer.Path.TEXTURE)) {
            gl.volumeSize = 64;
            gl.upload(oct);
            // trilinear samples of a piecewise-linear field: silhouettes move by at most about a voxel
            compare(gl.render(cam, W, H, FieldRenderer.Shading.DEPTH), CpuTracer.trace(oct, cam, W, H, 96), 2.0 / 64 * 2, 0.97);
        }
    }

    @Test void shadingModesProduceDifferentPictures() {
        FieldBlob oct = AnalyticFields.octahedron(0.7, false);
        OrbitCamera cam = new OrbitCamera();
        try (FieldRenderer gl = new FieldRenderer(oct, FieldRenderer.Path.LITERAL)) {
            int[] centre = new int[4];
            for (FieldRenderer.Shading s : FieldRenderer.Shading.values()) centre[s.ordinal()] = gl.render(cam, 64, 64, s).image().getRGB(32, 32);
            assertEquals(4, java.util.Arrays.stream(centre).distinct().count(), "each shading mode colours the centre differently");
            assertEquals(0xf2f2f2, gl.render(cam, 64, 64, FieldRenderer.Shading.LAMBERT).image().getRGB(1, 1) & 0xffffff, "background");
        }
    }

    @Test void densityFieldsCompositeLikeTheCpuTwin() {
        FieldBlob fuzzy = AnalyticFields.fuzzyOctahedron(0.7, 20.0, new float[]{1.5f, -0.5f, 0.2f});
        OrbitCamera cam = new OrbitCamera().set(20, 15, 3);
        CpuTracer.Hits cpu = CpuTracer.trace(fuzzy, cam, W, H, 64);
        try (FieldRenderer gl = new FieldRenderer(fuzzy, FieldRenderer.Path.BUFFER)) {
            gl.maxSteps = 64;
            FieldRenderer.Frame f = gl.render(cam, W, H, FieldRenderer.Shading.LAMBERT);
            int close = 0, opaque = 0;
            for (int i = 0; i < W * H; i++) {
                if (cpu.t()[i] > 0.5) opaque++;
                int px = f.image().getRGB(i % W, i / W);
                double a = cpu.t()[i];
                boolean ok = Math.abs(f.t()[i] - a) < 2e-3;
                int[] want = new int[3];
                for (int k = 0; k < 3; k++) want[k] = (int) Math.round(255 * (cpu.rgb()[3 * i + k] + (1 - a) * 0.95));
                ok &= Math.abs((px >> 16 & 255) - want[0]) <= 2 && Math.abs((px >> 8 & 255) - want[1]) <= 2 && Math.abs((px & 255) - want[2]) <= 2;
                if (ok) close++;
            }
            assertTrue(opaque > 0.05 * W * H, "some pixels are nearly opaque: " + opaque);
            assertTrue(close >= 0.99 * W * H, "opacity and colour agree on " + close + " of " + W * H);
        }
    }

    @Test void theTracerComesFromTheDeclaredOutputs() {
        FieldBlob fuzzy = AnalyticFields.fuzzyOctahedron(0.7, 20.0, new float[]{1.5f, -0.5f, 0.2f});
        try (FieldRenderer sdf = new FieldRenderer(AnalyticFields.octahedron(0.7, false), FieldRenderer.Path.LITERAL);
             FieldRenderer occ = new FieldRenderer(AnalyticFields.octahedron(0.7, true), FieldRenderer.Path.LITERAL);
             FieldRenderer rad = new FieldRenderer(fuzzy, FieldRenderer.Path.LITERAL)) {
            assertEquals(dev.fields.io.spec.FieldKind.SDF_SURFACE, sdf.kind());
            assertEquals(dev.fields.io.spec.FieldKind.OCCUPANCY_SURFACE, occ.kind());
            assertEquals(dev.fields.io.spec.FieldKind.RADIANCE, rad.kind());
        }
        // the bake samples 3-D fields: 2-D fields refuse the texture path in one line
        FieldBlob image = ImageQuadTest.coordinates(dev.fields.io.spec.Frame.box(2, 0, 1));
        dev.fields.io.UserError e0 = assertThrows(dev.fields.io.UserError.class, () -> new FieldRenderer(image, FieldRenderer.Path.TEXTURE));
        assertTrue(e0.getMessage().contains("literal or buffer"), e0.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuTracer.trace(image, new OrbitCamera(), 8, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> CpuTracer.image(fuzzy, 8, 8));
        // an occupancy output without its sigmoid is not a probability: no tracer takes it
        FieldBlob occ = AnalyticFields.octahedron(0.7, true);
        var logits = occ.spec().outputs().stream().map(o -> new dev.fields.io.spec.Output(o.channel(), o.size(), dev.fields.io.spec.Head.IDENTITY)).toList();
        var spec = new dev.fields.io.spec.FieldSpec(3, occ.spec().encoding(), occ.spec().network(), logits, occ.spec().frame(), 0);
        FieldBlob bad = FieldBlob.field(spec, occ.tensors(), occ.provenance());
        dev.fields.io.UserError e = assertThrows(dev.fields.io.UserError.class, () -> new FieldRenderer(bad, FieldRenderer.Path.LITERAL));
        assertTrue(e.getMessage().startsWith("no renderer draws a 3-D field with outputs OCCUPANCY(1, identity head)"), e.getMessage());
    }
}
