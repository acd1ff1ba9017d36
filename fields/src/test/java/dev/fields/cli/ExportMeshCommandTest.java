package dev.fields.cli;

import dev.fields.geometry.BlobMesh;
import dev.fields.geometry.MeshCheck;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.spec.*;
import dev.fields.render.AnalyticFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** export-mesh as a user runs it: analytic SDF and radiance blobs, both formats, and the errors. */
class ExportMeshCommandTest {
    @TempDir Path dir;
    static final double R = 0.6, SCALE = 2;
    static final double[] OFFSET = {1, -2, 3};

    /**
     * A sphere of radius {@link #R} (field units) as an SDF: one dense hash-grid level of resolution 32 holding
     * {@code |p| − R} at its vertices, passed through the MLP; in a frame of scale 2 and offset (1, −2, 3), so in world
     * units the sphere has radius 1.2 about the offset.
     */
    static FieldBlob sphere() {
        return dev.fields.render.AnalyticFields.hashGridSphere(R, new Frame(new double[]{-1, -1, -1}, new double[]{1, 1, 1}, SCALE, OFFSET.clone(), new int[0]));
    }

    /** A PLY as {@code MeshWriter} writes it: vertices (world units), per-vertex colours (0–255) or null, triangles. */
    record Ply(float[] vertices, int[] colours, int[] triangles) {
        static Ply read(Path p) throws Exception {
            byte[] b = Files.readAllBytes(p);
            String text = new String(b, StandardCharsets.US_ASCII);
            int end = text.indexOf("end_header\n") + "end_header\n".length();
            List<String> header = text.substring(0, end).lines().toList();
            int nv = 0, nf = 0, floats = 0;
            boolean colour = false;
            for (String l : header) {
                if (l.startsWith("element vertex ")) nv = Integer.parseInt(l.substring(15));
                if (l.startsWith("element face ")) nf = Integer.parseInt(l.substring(13));
                if (l.startsWith("property float ")) floats++;
                if (l.equals("property uchar red")) colour = true;
            }
            ByteBuffer bb = ByteBuffer.wrap(b, end, b.length - end).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[3 * nv];
            int[] c = colour ? new int[3 * nv] : null;
            for (int i = 0; i < nv; i++) {
                for (int k = 0; k < floats; k++) {
                    float f = bb.getFloat();
                    if (k < 3) v[3 * i + k] = f;
                }
                if (colour) for (int k = 0; k < 3; k++) c[3 * i + k] = bb.get() & 255;
            }
            int[] t = new int[3 * nf];
            for (int i = 0; i < nf; i++) {
                assertEquals(3, bb.get());
                for (int k = 0; k < 3; k++) t[3 * i + k] = bb.getInt();
            }
            assertFalse(bb.hasRemaining(), "the PLY ends after its faces");
            return new Ply(v, c, t);
        }
    }

    @Test void aSphereSdfGivesAClosedMeshAtTheRadiusInWorldUnits() throws Exception {
        Path blob = dir.resolve("sphere.field"), ply = dir.resolve("sphere.ply"), obj = dir.resolve("sphere.obj");
        BlobFormat.write(blob, sphere());
        int res = 48;
        CliRunner r = CliRunner.run("export-mesh", blob.toString(), "--out", ply.toString(), "--res", String.valueOf(res));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("watertight, manifold"), r.out());
        Ply m = Ply.read(ply);
        assertNull(m.colours(), "an SDF has no colours");
        assertTrue(m.triangles().length / 3 > 1000, "triangles " + m.triangles().length / 3);
        MeshCheck check = MeshCheck.of(new Mesh(m.vertices(), m.triangles()));
        assertTrue(check.watertight() && check.manifold(), check.toString());
        assertEquals(2, check.euler(), "a sphere's Euler characteristic");
        double cell = SCALE * 2.0 / res, worst = 0;
        for (int i = 0; i < m.vertices().length; i += 3) {
            double dx = m.vertices()[i] - OFFSET[0], dy = m.vertices()[i + 1] - OFFSET[1], dz = m.vertices()[i + 2] - OFFSET[2];
            worst = Math.max(worst, Math.abs(Math.sqrt(dx * dx + dy * dy + dz * dz) - SCALE * R));
        }
        assertTrue(worst < cell, "vertices at radius " + SCALE * R + " within a cell (" + cell + "): worst " + worst);
        // OBJ, simplified: fewer faces, still closed and on the sphere
        CliRunner o = CliRunner.run("export-mesh", blob.toString(), "--out", obj.toString(), "--res", String.valueOf(res), "--faces", "500");
        assertEquals(0, o.code(), o.err());
        List<float[]> v = new ArrayList<>();
        int faces = 0;
        for (String l : Files.readAllLines(obj)) {
            String[] p = l.split(" ");
            if (p[0].equals("v")) {
                assertEquals(4, p.length, "no colours on an SDF's vertices: " + l);
                v.add(new float[]{Float.parseFloat(p[1]), Float.parseFloat(p[2]), Float.parseFloat(p[3])});
            }
            if (p[0].equals("f")) faces++;
        }
        assertTrue(faces <= 500 && faces >= 450, "simplified to the face budget: " + faces);
        for (float[] p : v) {
            double d = Math.sqrt(Math.pow(p[0] - OFFSET[0], 2) + Math.pow(p[1] - OFFSET[1], 2) + Math.pow(p[2] - OFFSET[2], 2));
            assertEquals(SCALE * R, d, cell, "a simplified vertex stays on the sphere");
        }
    }

    @Test void aRadianceBlobGivesColouredVerticesAtTheDensityLevel() throws Exception {
        float[] c = {1.5f, -0.5f, 0.2f};
        double k = 100, r = 0.7;
        Path blob = dir.resolve("fuzzy.field"), ply = dir.resolve("fuzzy.ply"), obj = dir.resolve("fuzzy.obj");
        BlobFormat.write(blob, AnalyticFields.fuzzyOctahedron(r, k, c));
        int res = 64;
        CliRunner run = CliRunner.run("export-mesh", blob.toString(), "--out", ply.toString(), "--res", String.valueOf(res));
        assertEquals(0, run.code(), run.err());
        Ply m = Ply.read(ply);
        assertNotNull(m.colours(), "a radiance field's vertices are coloured");
        int[] want = new int[3];
        for (int j = 0; j < 3; j++) want[j] = (int) Math.round(255 / (1 + Math.exp(-c[j])));
        for (int i = 0; i < m.colours().length; i++) assertEquals(want[i % 3], m.colours()[i], 1, "vertex colour channel " + i % 3);
        // density relu(k (r − |x|₁)) at the default level ln 2 / cell: the octahedron |x|₁ = r − level / k
        double cell = 2.0 / res, level = BlobMesh.defaultDensity(cell), want1 = r - level / k;
        assertEquals(Math.log(2) * res / 2, level, 1e-12);
        for (int i = 0; i < m.vertices().length; i += 3) {
            double l1 = Math.abs(m.vertices()[i]) + Math.abs(m.vertices()[i + 1]) + Math.abs(m.vertices()[i + 2]);
            assertEquals(want1, l1, cell, "vertex on the level set");
        }
        // an explicit level, as OBJ with 'v x y z r g b'
        CliRunner o = CliRunner.run("export-mesh", blob.toString(), "--out", obj.toString(), "--res", "48", "--level", "50");
        assertEquals(0, o.code(), o.err());
        int seen = 0;
        for (String l : Files.readAllLines(obj)) {
            String[] p = l.split(" ");
            if (!p[0].equals("v")) continue;
            assertEquals(7, p.length, l);
            double l1 = Math.abs(Double.parseDouble(p[1])) + Math.abs(Double.parseDouble(p[2])) + Math.abs(Double.parseDouble(p[3]));
            assertEquals(r - 50 / k, l1, 2.0 / 48, "vertex on the level 50 set");
            for (int j = 0; j < 3; j++) assertEquals(want[j] / 255.0, Double.parseDouble(p[4 + j]), 1.0 / 255);
            seen++;
        }
        assertTrue(seen > 50, "vertices " + seen);
    }

    /** A view-dependent (sh:2) field's vertices carry its diffuse colour sigmoid(c0 Y00): no direction belongs to a vertex. */
    @Test void aViewDependentRadianceBlobGivesItsDiffuseColourAtTheVertices() throws Exception {
        float[] c0 = {1.2f, -0.4f, 0.3f};
        Path blob = dir.resolve("shiny.field"), ply = dir.resolve("shiny.ply");
        BlobFormat.write(blob, AnalyticFields.shinyOctahedron(0.7, 100, c0, ViewDependence.SH2));
        CliRunner run = CliRunner.run("export-mesh", blob.toString(), "--out", ply.toString(), "--res", "48");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("the diffuse colour of a sh:2 field"), run.out());
        Ply m = Ply.read(ply);
        assertNotNull(m.colours());
        assertTrue(m.colours().length > 300);
        for (int i = 0; i < m.colours().length; i++) {
            double want = 255 / (1 + Math.exp(-c0[i % 3] * SphericalHarmonics.basis0()));
            assertEquals(Math.round(want), m.colours()[i], 1, "vertex colour channel " + i % 3);
        }
    }

    @Test void errorsAreOneLineExitTwoAndWriteNothing() throws Exception {
        Path fuzzy = dir.resolve("fuzzy.field"), sphere = dir.resolve("sphere.field"), image = dir.resolve("image.field"), corrupt = dir.resolve("bad.field");
        BlobFormat.write(fuzzy, AnalyticFields.fuzzyOctahedron(0.7, 20, new float[]{0, 0, 0}));
        BlobFormat.write(sphere, sphere());
        BlobFormat.write(image, AnalyticFields.ramp(16, 16, Head.IDENTITY, Map.of()));
        byte[] b = Files.readAllBytes(sphere);
        b[b.length - 1] ^= 1;
        Files.write(corrupt, b);
        Path out = dir.resolve("never.ply");
        Object[][] cases = {
                // the default density at 64³ (ln 2 · 32 = 22.2) is above this field's largest density, 20 · 0.7 = 14
                {new String[]{"export-mesh", fuzzy.toString(), "--out", out.toString(), "--res", "64"}, List.of("density 22.18 (the default", "the level is above the field's density range [0, 14]", "try --level 7")},
                {new String[]{"export-mesh", sphere.toString(), "--out", out.toString(), "--res", "16", "--level", "-5"}, List.of("signed distance -5 is empty", "the level is below the field's signed distance range", "try --level 0.2")},
                {new String[]{"export-mesh", image.toString(), "--out", out.toString()}, List.of("3-D field", "CT slice")},
                {new String[]{"export-mesh", corrupt.toString(), "--out", out.toString()}, List.of("bad.field")},
                {new String[]{"export-mesh", dir.resolve("missing.field").toString(), "--out", out.toString()}, List.of("missing.field")},
                {new String[]{"export-mesh", sphere.toString(), "--out", dir.resolve("never.stl").toString()}, List.of(".ply or .obj")},
                {new String[]{"export-mesh", sphere.toString(), "--out", out.toString(), "--res", "1"}, List.of("--res")},
                {new String[]{"export-mesh", sphere.toString(), "--out", out.toString(), "--faces", "2"}, List.of("--faces", "at least 4")},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[0];
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err() + r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            @SuppressWarnings("unchecked") List<String> words = (List<String>) c[1];
            for (String w : words) assertTrue(r.err().contains(w), "'" + w + "' in: " + r.err());
            assertFalse(Files.exists(out) || Files.exists(dir.resolve("never.stl")), "nothing written");
        }
    }
}
