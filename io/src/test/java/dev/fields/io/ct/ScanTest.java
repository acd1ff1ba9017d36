package dev.fields.io.ct;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Loading a sinogram with its geometry file: shapes checked, orientation and scale corrected in one place. */
class ScanTest {
    @TempDir Path dir;

    /** The 3 × 5 golden sinogram v[r, c] = 0.25 (10 r + c) − 1.5 with a geometry of {@code views} angles and {@code detectors} bins. */
    private Path geometry(String convention, int views, int detectors, String extra) throws Exception {
        Path p = dir.resolve("g.json");
        Files.writeString(p, "{\"convention\": \"" + convention + "\", \"beam\": \"parallel\", \"angles\": {\"start\": 0, \"stop\": 180, \"count\": "
                + views + "}, \"angle_unit\": \"deg\", \"detectors\": " + detectors + ", \"detector_spacing\": 1, \"grid_size\": 4,"
                + " \"pixel_size\": 0.5" + extra + "}");
        return p;
    }

    private static Path sino(String name) { return SinogramReaderTest.golden(name); }

    @Test void loadsAsWrittenTransposedFlippedAndScaled() throws Exception {
        Scan plain = Scan.load(sino("sino_f4.npy"), geometry("fields", 3, 5, ""), false);
        assertEquals(0.25f * 13 - 1.5f, plain.sinogram().get(1, 3));
        Scan t = Scan.load(sino("sino_f4.npy"), geometry("fields", 5, 3, ""), true);
        assertEquals(plain.sinogram().get(1, 3), t.sinogram().get(3, 1));
        Scan flipped = Scan.load(sino("sino_f4.npy"), geometry("astra", 3, 5, ", \"flip_detectors\": true"), false);
        assertEquals(plain.sinogram().get(1, 3), flipped.sinogram().get(1, 1));
        Scan sk = Scan.load(sino("sino_f4.npy"), geometry("skimage", 5, 3, ""), true);
        assertEquals(0.5f * plain.sinogram().get(1, 3), sk.sinogram().get(3, 1), 1e-7, "skimage pixel sums times the pixel size");
        Scan png = Scan.load(sino("sino_16.png"), geometry("fields", 3, 5, ", \"png_scale\": 4"), false);
        assertEquals((float) (13007 / 65535.0 * 4), png.sinogram().get(1, 3));
    }

    /** asWritten undoes load's conversion: written with SinogramWriter and loaded with the same file, values come back. */
    @Test void asWrittenIsTheInverseOfLoad() throws Exception {
        float[] v = new float[15];
        for (int i = 0; i < v.length; i++) v[i] = i * 0.75f - 2;
        Sinogram ours = new Sinogram(3, 5, v);
        String[][] cases = {{"fields", ""}, {"astra", ", \"flip_detectors\": true"}, {"skimage", ""}};
        for (String[] c : cases)
            for (boolean transposed : new boolean[]{false, true})
                for (String ext : new String[]{".npy", ".tiff"}) {
                    Path g = geometry(c[0], 3, 5, c[1]);
                    GeometryFile file = GeometryFile.read(g);
                    Path out = dir.resolve("s" + ext);
                    SinogramWriter.write(out, Scan.asWritten(ours, file), transposed);
                    assertArrayEquals(v, Scan.load(out, g, transposed).sinogram().data(), 1e-6f, c[0] + " " + transposed + " " + ext);
                }
        Sinogram sk = Scan.asWritten(ours, GeometryFile.read(geometry("skimage", 3, 5, "")));
        assertEquals(v[7] / 0.5f, sk.data()[7], 1e-6f, "skimage stores pixel lengths");
        Sinogram flipped = Scan.asWritten(ours, GeometryFile.read(geometry("fields", 3, 5, ", \"flip_detectors\": true")));
        assertEquals(ours.get(1, 0), flipped.get(1, 4));
        SinogramReaderTest.assertOneLine(assertThrows(UserError.class, () -> SinogramWriter.write(dir.resolve("s.png"), ours, false)), ".npy");
        assertFalse(Files.exists(dir.resolve("s.png")));
    }

    @Test void shapeMismatchesNameTheFix() throws Exception {
        String[][] cases = {
                {"5", "3", "false", "read it transposed"},
                {"3", "5", "true", "read it without transposing"},
                {"4", "5", "false", "the angle count does not match"},
                {"3", "6", "false", "set \"detectors\": 5"},
                {"7", "7", "false", "give the geometry file that belongs"},
        };
        for (String[] c : cases) {
            Path g = geometry("fields", Integer.parseInt(c[0]), Integer.parseInt(c[1]), "");
            UserError e = assertThrows(UserError.class, () -> Scan.load(sino("sino_f4.npy"), g, Boolean.parseBoolean(c[2])));
            SinogramReaderTest.assertOneLine(e, c[3]);
            assertTrue(e.getMessage().contains("sino_f4.npy") && e.getMessage().contains("g.json"), e.getMessage());
        }
        Path g = geometry("fields", 3, 5, ", \"detectors_spacing\": 1");
        SinogramReaderTest.assertOneLine(assertThrows(UserError.class, () -> Scan.load(sino("sino_f4.npy"), g, false)), "unknown key \"detectors_spacing\"");
    }
}
