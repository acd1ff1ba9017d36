package dev.fields.io.ct;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class GeometryFileTest {
    @TempDir Path dir;

    static final String PARALLEL = """
            {"convention": "fields", "beam": "parallel", "angles": {"start": 0, "stop": 180, "count": 4}, "angle_unit": "deg",
             "detectors": 6, "detector_spacing": 0.5, "grid_size": 8, "pixel_size": 0.25}""";

    static Geometry geometry(String json) { return GeometryFile.parse("g.json", json).geometry(); }

    static String with(String json, String key, String value) {
        return json.replaceFirst("\\}$", ", \"" + key + "\": " + value + "}");
    }

    @Test void fieldsConventionIsTheGeometryAsWritten() {
        Geometry g = geometry(PARALLEL);
        assertEquals(Geometry.Beam.PARALLEL, g.beam());
        assertArrayEquals(new double[]{0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4}, g.angles(), 1e-15);
        assertEquals(6, g.detectors());
        assertEquals(-1.25, g.detector(0), 1e-15);
        assertEquals(1.25, g.detector(5), 1e-15);
        assertEquals(8, g.gridSize());
        assertEquals(0.25, g.pixelSize());
        assertEquals(0.3, geometry(with(PARALLEL, "detector_offset", "0.3")).detectorOffset());
    }

    @Test void anglesAsListOrRangeWithEndpoint() {
        Geometry list = geometry(PARALLEL.replace("{\"start\": 0, \"stop\": 180, \"count\": 4}", "[0, 45, 90, 135]"));
        assertArrayEquals(geometry(PARALLEL).angles(), list.angles(), 1e-15);
        Geometry rad = geometry(PARALLEL.replace("{\"start\": 0, \"stop\": 180, \"count\": 4}", "[0, 1.5]").replace("\"deg\"", "\"rad\""));
        assertArrayEquals(new double[]{0, 1.5}, rad.angles());
        Geometry end = geometry(PARALLEL.replace("\"count\": 4}", "\"count\": 5, \"endpoint\": true}"));
        assertArrayEquals(new double[]{0, Math.PI / 4, Math.PI / 2, 3 * Math.PI / 4, Math.PI}, end.angles(), 1e-15);
        Geometry one = geometry(PARALLEL.replace("\"count\": 4}", "\"count\": 1, \"endpoint\": true}"));
        assertArrayEquals(new double[]{0}, one.angles());
    }

    @Test void skimageMovesTheDetectorCentreToIndexHalfN() {
        String sk = PARALLEL.replace("\"fields\"", "\"skimage\"");
        Geometry even = geometry(sk);
        assertEquals(0, even.detector(3), 1e-15, "bin n//2 = 3 of 6 is on the rotation axis");
        assertEquals(-0.25, even.detectorOffset(), 1e-15);
        Geometry odd = geometry(sk.replace("\"detectors\": 6", "\"detectors\": 7"));
        assertEquals(0, odd.detector(3), 1e-15, "bin 7//2 = 3 of 7 is on the rotation axis");
        assertEquals(0.1, geometry(with(sk, "detector_offset", "0.1")).detector(3), 1e-15);
        assertArrayEquals(geometry(PARALLEL).angles(), even.angles(), 1e-15, "same angle, same direction, degrees to radians");
        assertEquals(0.25, Convention.SKIMAGE.valueScale(0.25), "pixel sums become lengths");
        UserError fan2 = assertThrows(UserError.class, () -> geometry(with(with(sk.replace("\"parallel\"", "\"fan\""), "source_origin", "4"), "source_detector", "8")));
        assertOneLine(fan2, "no fan beam");
    }

    @Test void astraFanIsOurViewMinusQuarterTurn() {
        String fan = """
                {"convention": "astra", "beam": "fan", "angles": [0, 1], "angle_unit": "rad", "detectors": 5,
                 "detector_spacing": 2, "source_origin": 10, "origin_detector": 6, "grid_size": 4, "pixel_size": 1}""";
        Geometry g = geometry(fan);
        assertEquals(Geometry.Beam.FAN, g.beam());
        assertArrayEquals(new double[]{-Math.PI / 2, 1 - Math.PI / 2}, g.angles(), 1e-15);
        assertEquals(10, g.sourceOrigin());
        assertEquals(16, g.sourceDetector());
        Geometry same = geometry(fan.replace("\"origin_detector\": 6", "\"source_detector\": 16"));
        assertEquals(g, same);
        Geometry par = geometry(fan.replace("\"fan\"", "\"parallel\"").replace("\"source_origin\": 10, \"origin_detector\": 6, ", ""));
        assertArrayEquals(new double[]{0, 1}, par.angles(), "ASTRA parallel angles are ours");
        assertEquals(0, par.detectorOffset());
    }

    @Test void roundTripThroughTheWrittenFile() {
        Geometry fan = new Geometry(Geometry.Beam.FAN, new double[]{0.1, 2.3, -1}, 7, 0.3, 0.05, 5, 9, 16, 0.2);
        Path p = dir.resolve("g.json");
        GeometryFile.of(fan).write(p);
        assertEquals(fan, GeometryFile.read(p).geometry());
        Geometry par = geometry(PARALLEL);
        GeometryFile.of(par).withPngScale(3).write(p);
        GeometryFile back = GeometryFile.read(p);
        assertEquals(par, back.geometry());
        assertEquals(3.0, back.pngScale());
    }

    @Test void everyMistakeIsOneLineNamingTheKey() {
        String fan = PARALLEL.replace("\"parallel\"", "\"fan\"");
        String[][] cases = {
                {with(PARALLEL, "detector_count", "6"), "unknown key \"detector_count\""},
                {PARALLEL.replace("\"pixel_size\": 0.25", "\"pixel_size\": null").replace(", \"pixel_size\": null", ""), "missing \"pixel_size\""},
                {PARALLEL.replace("\"detectors\": 6, ", ""), "missing \"detectors\""},
                {PARALLEL.replace(", \"angle_unit\": \"deg\"", ""), "missing \"angle_unit\""},
                {PARALLEL.replace("\"fields\"", "\"matlab\""), "unknown \"convention\": \"matlab\""},
                {PARALLEL.replace("\"parallel\"", "\"cone\""), "unknown \"beam\": \"cone\""},
                {PARALLEL.replace("\"deg\"", "\"grad\""), "unknown \"angle_unit\": \"grad\""},
                {PARALLEL.replace("\"detectors\": 6", "\"detectors\": 6.5"), "\"detectors\" is 6.5 — give a whole number"},
                {PARALLEL.replace("\"detectors\": 6", "\"detectors\": \"6\""), "— give a whole number"},
                {PARALLEL.replace("\"detectors\": 6", "\"detectors\": 0"), "\"detectors\" is 0, must be at least 1"},
                {PARALLEL.replace("0.5", "-0.5"), "\"detector_spacing\" is -0.5, must be a positive"},
                {PARALLEL.replace("\"count\": 4", "\"count\": 0"), "count is 0"},
                {PARALLEL.replace("\"count\": 4", "\"count\": 2.5"), "count is 2.5"},
                {PARALLEL.replace("\"count\": 4", "\"num\": 4"), "unknown key \"angles\".\"num\""},
                {PARALLEL.replace("{\"start\": 0, \"stop\": 180, \"count\": 4}", "[]"), "empty list"},
                {PARALLEL.replace("{\"start\": 0, \"stop\": 180, \"count\": 4}", "[0, \"x\"]"), "\"angles\"[1]"},
                {PARALLEL.replace("{\"start\": 0, \"stop\": 180, \"count\": 4}", "90"), "\"angles\" is 90"},
                {with(PARALLEL, "source_origin", "3"), "no source"},
                {with(fan, "source_origin", "3"), "exactly one of \"source_detector\" and \"origin_detector\""},
                {with(with(with(fan, "source_origin", "3"), "source_detector", "5"), "origin_detector", "2"), "both are given"},
                {with(with(fan, "source_origin", "3"), "source_detector", "2"), "must exceed \"source_origin\""},
                {with(fan, "source_detector", "5"), "missing \"source_origin\""},
                {with(PARALLEL, "png_scale", "0"), "\"png_scale\" is 0.0"},
                {with(PARALLEL, "flip_detectors", "1"), "give true or false"},
                {PARALLEL.replace("}", ""), "not valid JSON"},
                {"[1, 2]", "one JSON object"},
                {with(PARALLEL, "beam", "\"fan\""), "Duplicate field 'beam'"},
        };
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> geometry(c[0]), c[1] + " from " + c[0]);
            assertOneLine(e, c[1]);
            assertTrue(e.getMessage().startsWith("geometry file g.json"), e.getMessage());
        }
        assertOneLine(assertThrows(UserError.class, () -> GeometryFile.read(dir.resolve("none.json"))), "not found");
    }

    static void assertOneLine(UserError e, String mentions) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(mentions), "expected \"" + mentions + "\" in: " + e.getMessage());
        assertTrue(e.getMessage().contains(" — "), "names a fix: " + e.getMessage());
    }
}
