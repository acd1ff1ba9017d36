package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Texture-path normals on a smooth curved field with exact normals ({@link AnalyticFields#cosineBlob}): the baked,
 * interpolated gradient follows the analytic normals and the literal path closely; differences of the interpolated
 * value (the old texture normals, which crease at cell faces) are far off. Both asserted, so the creases cannot return.
 */
class TextureNormalsGlTest extends GlTest {
    static final double A = 2, R = 0.6;
    static final int S = 128;

    /** Angles between a frame's normals and the exact normals at its hit points. */
    static NormalAgreement toExact(FieldRenderer.Frame f, OrbitCamera cam) {
        Vector3f eye = cam.eye(new Vector3f()), fw = new Vector3f(), r = new Vector3f(), u = new Vector3f();
        cam.basis(fw, r, u);
        double tan = cam.tanHalfFov();
        int w = f.width(), h = f.height();
        float[] deg = new float[w * h];
        double[] got = new double[w * h], p = new double[3], n = new double[3];
        int m = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double nl = Math.sqrt(f.normals()[3 * i] * f.normals()[3 * i] + f.normals()[3 * i + 1] * f.normals()[3 * i + 1] + f.normals()[3 * i + 2] * f.normals()[3 * i + 2]);
                if (f.t()[i] < 0 || nl < 0.5) { deg[i] = Float.NaN; continue; }
                double ux = ((x + 0.5) / w * 2 - 1) * w / h, uy = (h - 1 - y + 0.5) / h * 2 - 1;
                double[] d = {fw.x + tan * (ux * r.x + uy * u.x), fw.y + tan * (ux * r.y + uy * u.y), fw.z + tan * (ux * r.z + uy * u.z)};
                double l = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                p[0] = eye.x + f.t()[i] * d[0] / l; p[1] = eye.y + f.t()[i] * d[1] / l; p[2] = eye.z + f.t()[i] * d[2] / l;
                AnalyticFields.cosineBlobNormal(A, p, n);
                double dot = (n[0] * f.normals()[3 * i] + n[1] * f.normals()[3 * i + 1] + n[2] * f.normals()[3 * i + 2]) / nl;
                deg[i] = (float) Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
                got[m++] = deg[i];
            }
        return NormalAgreement.summarize(w, h, deg, java.util.Arrays.copyOf(got, m));
    }

    @Test void bakedGradientNormalsDoNotCreaseAtCellFaces() {
        FieldBlob blob = AnalyticFields.cosineBlob(A, R);
        OrbitCamera cam = new OrbitCamera().set(30, 20, 2.6);
        try (FieldRenderer literal = new FieldRenderer(blob, FieldRenderer.Path.LITERAL);
             FieldRenderer texture = new FieldRenderer(blob, FieldRenderer.Path.TEXTURE)) {
            texture.volumeSize = 64;
            texture.upload(blob);
            assertEquals(8L * 64 * 64 * 64, texture.textureBytes(), "a float value and a 10-bit gradient direction per cell");
            FieldRenderer.Frame lit = literal.render(cam, S, S, FieldRenderer.Shading.NORMALS);
            FieldRenderer.Frame baked = texture.render(cam, S, S, FieldRenderer.Shading.NORMALS);
            texture.textureNormals = FieldRenderer.TextureNormals.VALUE_DIFFERENCES;
            FieldRenderer.Frame creased = texture.render(cam, S, S, FieldRenderer.Shading.LAMBERT);
            NormalAgreement litExact = toExact(lit, cam), bakedExact = toExact(baked, cam), creasedExact = toExact(creased, cam);
            NormalAgreement bakedLit = NormalAgreement.of(baked, lit), creasedLit = NormalAgreement.of(creased, lit);
            String all = "literal/exact " + litExact.describe() + "; baked/exact " + bakedExact.describe() + "; creased/exact " + creasedExact.describe()
                    + "; baked/literal " + bakedLit.describe() + "; creased/literal " + creasedLit.describe();
            System.out.println(all);
            assertTrue(litExact.pixels() > 0.2 * S * S, "the blob fills the view: " + all);
            assertTrue(bakedLit.pixels() > 0.95 * litExact.pixels(), "both paths hit the same pixels: " + all);
            assertTrue(litExact.meanDegrees() < 0.05, "the literal path's normals are the exact ones: " + all);
            assertTrue(bakedExact.meanDegrees() < 0.1 && bakedExact.p95Degrees() < 0.2, "baked-gradient normals: " + all);
            // the paths' hit points differ by the bake's interpolation error: near silhouettes that turns the normal a little
            assertTrue(bakedLit.meanDegrees() < 0.3 && bakedLit.p95Degrees() < 0.6, "texture against literal: " + all);
            assertTrue(creasedLit.meanDegrees() > 4 * bakedLit.meanDegrees(), "and the old ones against literal: " + all);
            assertTrue(creasedExact.meanDegrees() > 0.5 && creasedExact.meanDegrees() > 4 * bakedExact.meanDegrees() && creasedExact.p95Degrees() > 4 * bakedExact.p95Degrees(),
                    "the old normals are far worse, so this test sees creases: " + all);
            // no depth, no normal: the third target is zero where the shading needs none
            FieldRenderer.Frame depth = texture.render(cam, S, S, FieldRenderer.Shading.DEPTH);
            for (float v : depth.normals()) assertEquals(0f, v);
        }
    }
}
