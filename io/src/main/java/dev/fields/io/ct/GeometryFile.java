package dev.fields.io.ct;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.io.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scan's geometry file (JSON), as a user writes it for a sinogram from any toolkit; {@link #geometry()} converts it
 * into {@link Geometry} through its {@link Convention}. Every length is in one unit of the user's choosing.
 *
 * <pre>
 * key                required        meaning
 * convention         yes             "fields", "astra" or "skimage" (see {@link Convention})
 * beam               yes             "parallel" or "fan" (flat detector)
 * angles             yes             a list of view angles, or {"start": a, "stop": b, "count": n, "endpoint": false}
 *                                    = numpy.linspace(a, b, n, endpoint) (endpoint false by default: [a, b) in n steps)
 * angle_unit         yes             "deg" or "rad"
 * detectors          yes             detector bins per view (an integer)
 * detector_spacing   yes             distance between adjacent bin centres (on the detector, for fan beams)
 * detector_offset    no (0)          shift of every bin along the detector axis, in the convention's own terms
 * source_origin      fan only        source to rotation centre
 * source_detector    fan: this or    source to detector
 * origin_detector      this one      rotation centre to detector (ASTRA's origin_det)
 * grid_size          yes             reconstruction grid side in pixels (an integer; the grid is square)
 * pixel_size         yes             reconstruction pixel side
 * png_scale          16-bit PNG      the value of PNG pixel 65535 (value = pixel / 65535 × png_scale)
 * flip_detectors     no (false)      the file's detector bins run in reverse order
 * </pre>
 * Unknown or repeated keys, missing required keys, wrong types and out-of-range values are one-line {@link UserError}s naming
 * the key and the fix. Boxed components are null when the key is absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"convention", "beam", "angles", "angle_unit", "detectors", "detector_spacing", "detector_offset",
        "source_origin", "source_detector", "origin_detector", "grid_size", "pixel_size", "png_scale", "flip_detectors"})
public record GeometryFile(
        String convention,
        String beam,
        JsonNode angles,
        @JsonProperty("angle_unit") String angleUnit,
        Integer detectors,
        @JsonProperty("detector_spacing") Double detectorSpacing,
        @JsonProperty("detector_offset") Double detectorOffset,
        @JsonProperty("source_origin") Double sourceOrigin,
        @JsonProperty("source_detector") Double sourceDetector,
        @JsonProperty("origin_detector") Double originDetector,
        @JsonProperty("grid_size") Integer gridSize,
        @JsonProperty("pixel_size") Double pixelSize,
        @JsonProperty("png_scale") Double pngScale,
        @JsonProperty("flip_detectors") Boolean flipDetectors) {

    /** The most views an angle range may make (80 KB of angles per 10,000 views; real scans have a few thousand). */
    static final int MAX_VIEWS = 100_000;

    /** A string from the file as a JSON literal, so that a message stays one line whatever the string holds. */
    static String quoted(String s) {
        try {
            return SpecJson.MAPPER.writeValueAsString(s).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key, with what it means (for messages). */
    static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("convention", "\"fields\", \"astra\" or \"skimage\"");
        k.put("beam", "\"parallel\" or \"fan\"");
        k.put("angles", "a list of view angles or {\"start\", \"stop\", \"count\"}");
        k.put("angle_unit", "\"deg\" or \"rad\"");
        k.put("detectors", "the number of detector bins per view");
        k.put("detector_spacing", "the distance between adjacent detector bins");
        k.put("detector_offset", "a shift of every bin along the detector");
        k.put("source_origin", "the source-to-rotation-centre distance");
        k.put("source_detector", "the source-to-detector distance");
        k.put("origin_detector", "the rotation-centre-to-detector distance");
        k.put("grid_size", "the reconstruction grid side in pixels");
        k.put("pixel_size", "the reconstruction pixel side");
        k.put("png_scale", "the value of PNG pixel 65535");
        k.put("flip_detectors", "true when the detector bins run in reverse order");
        return java.util.Collections.unmodifiableMap(k);
    }

    /** Reads a geometry file and checks it completely: keys, types, values (through {@link #geometry()}). */
    public static GeometryFile read(Path path) {
        if (!Files.exists(path)) throw new UserError("geometry file not found: " + path + " — check the path");
        String text;
        try {
            text = Files.readString(path);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError("geometry file " + path + " is not UTF-8 text — save it as UTF-8 JSON", e);
        } catch (IOException e) {
            throw new UserError("cannot read geometry file " + path + " (" + e.getMessage() + ") — check that it is a readable text file", e);
        }
        return parse(path.toString(), text);
    }

    /** Parses and checks geometry JSON (as {@link #read}); {@code name} is what messages call it. */
    public static GeometryFile parse(String name, String json) {
        JsonNode root;
        try {
            root = SpecJson.MAPPER.reader().with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(json);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            throw new UserError("geometry file " + name + " is not valid JSON (" + m.lines().findFirst().orElse(m) + " at line "
                    + e.getLocation().getLineNr() + ") — fix the syntax");
        }
        Fields f = new Fields(name, root);
        GeometryFile file = new GeometryFile(f.text("convention"), f.text("beam"), f.angles(), f.text("angle_unit"), f.integer("detectors"),
                f.number("detector_spacing"), f.number("detector_offset"), f.number("source_origin"), f.number("source_detector"),
                f.number("origin_detector"), f.integer("grid_size"), f.number("pixel_size"), f.number("png_scale"), f.bool("flip_detectors"));
        try {
            file.geometry();
        } catch (UserError e) {
            throw new UserError(e.getMessage().replaceFirst("^geometry: ", "geometry file " + java.util.regex.Matcher.quoteReplacement(name) + ": "), e);
        }
        return file;
    }

    /** A file in the {@code fields} convention that describes {@code g} exactly (angles listed in radians). */
    public static GeometryFile of(Geometry g) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double t : g.angles()) a.add(t);
        boolean fan = g.beam() == Geometry.Beam.FAN;
        return new GeometryFile("fields", fan ? "fan" : "parallel", a, "rad", g.detectors(), g.detectorSpacing(), g.detectorOffset(),
                fan ? g.sourceOrigin() : null, fan ? g.sourceDetector() : null, null, g.gridSize(), g.pixelSize(), null, null);
    }

    /** The same file with {@code png_scale} set (for a sinogram written as 16-bit PNG). */
    public GeometryFile withPngScale(double scale) {
        return new GeometryFile(convention, beam, angles, angleUnit, detectors, detectorSpacing, detectorOffset, sourceOrigin,
                sourceDetector, originDetector, gridSize, pixelSize, scale, flipDetectors);
    }

    /** Pretty-printed JSON, keys in the order of the table above. */
    public String toJson() {
        try {
            return SpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize geometry file", e);
        }
    }

    /** Writes {@link #toJson()} atomically. */
    public void write(Path path) { AtomicFiles.writeString(path, toJson()); }

    /** The convention named by {@code convention}. */
    public Convention conventionValue() {
        String c = require("convention", convention);
        for (Convention k : Convention.values()) if (k.key().equals(c)) return k;
        throw new UserError("geometry: unknown \"convention\": " + quoted(c) + " — use \"fields\", \"astra\" or \"skimage\"");
    }

    /** True when the file's detector order must be reversed: the convention's own direction, or {@code flip_detectors}. */
    public boolean reversesDetectors() { return conventionValue().reversesDetectors() ^ Boolean.TRUE.equals(flipDetectors); }

    /** The view angles as written, in radians (before the convention's mapping). */
    public double[] anglesRadians() {
        JsonNode a = require("angles", angles);
        String unit = require("angle_unit", angleUnit);
        double toRad = switch (unit) {
            case "deg" -> Math.PI / 180;
            case "rad" -> 1;
            default -> throw new UserError("geometry: unknown \"angle_unit\": " + quoted(unit) + " — use \"deg\" or \"rad\"");
        };
        double[] out;
        if (a.isArray()) {
            if (a.isEmpty()) throw new UserError("geometry: \"angles\" is an empty list — list one angle per view");
            out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode v = a.get(i);
                if (!v.isNumber()) throw new UserError("geometry: \"angles\"[" + i + "] is " + v + ", not a number — list numbers only");
                out[i] = v.asDouble();
            }
        } else {
            out = Range.of(a).values();
        }
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) throw new UserError("geometry: \"angles\"[" + i + "] is not finite — give finite angles");
            out[i] *= toRad;
        }
        return out;
    }

    /** The scan in {@link Geometry}'s convention; every missing or out-of-range value is a {@link UserError} naming its key. */
    public Geometry geometry() {
        Convention c = conventionValue();
        String b = require("beam", beam);
        Geometry.Beam kind = switch (b) {
            case "parallel" -> Geometry.Beam.PARALLEL;
            case "fan" -> Geometry.Beam.FAN;
            default -> throw new UserError("geometry: unknown \"beam\": " + quoted(b) + " — use \"parallel\" or \"fan\" (flat detector)");
        };
        double[] theta = anglesRadians();
        int n = atLeastOne("detectors", detectors);
        double spacing = positive("detector_spacing", detectorSpacing);
        double offset = detectorOffset == null ? 0 : detectorOffset;
        if (!Double.isFinite(offset))
            throw new UserError("geometry: \"detector_offset\" is " + offset + ", must be a finite number — give " + KEYS.get("detector_offset"));
        int grid = atLeastOne("grid_size", gridSize);
        double pixel = positive("pixel_size", pixelSize);
        if (pngScale != null) positive("png_scale", pngScale);
        double so = 0, sd = 0;
        if (kind == Geometry.Beam.FAN) {
            so = positive("source_origin", sourceOrigin);
            if ((sourceDetector == null) == (originDetector == null))
                throw new UserError("geometry: a fan beam needs exactly one of \"source_detector\" and \"origin_detector\""
                        + (sourceDetector == null ? " (neither is given)" : " (both are given)") + " — give the source-to-detector"
                        + " or the rotation-centre-to-detector distance");
            sd = sourceDetector != null ? sourceDetector : so + positive("origin_detector", originDetector);
            if (!Double.isFinite(sd))
                throw new UserError("geometry: the source-to-detector distance (" + sd + ") is not finite — give finite \"source_origin\" and"
                        + " \"origin_detector\" distances");
            if (!(sd > so))
                throw new UserError("geometry: \"source_detector\" (" + sd + ") must exceed \"source_origin\" (" + so
                        + "): the detector lies beyond the rotation centre — check the two distances");
        } else {
            for (String k : new String[]{"source_origin", "source_detector", "origin_detector"})
                if (value(k) != null)
                    throw new UserError("geometry: \"" + k + "\" is given but \"beam\" is \"parallel\", which has no source"
                            + " — remove it, or set \"beam\": \"fan\"");
        }
        return c.geometry(kind, theta, n, spacing, offset, so, sd, grid, pixel);
    }

    private Object value(String key) {
        return switch (key) {
            case "source_origin" -> sourceOrigin;
            case "source_detector" -> sourceDetector;
            case "origin_detector" -> originDetector;
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static <T> T require(String key, T v) {
        if (v == null) throw new UserError("geometry: missing \"" + key + "\" (" + KEYS.get(key) + ") — add it to the geometry file");
        return v;
    }

    private static int atLeastOne(String key, Integer v) {
        int x = require(key, v);
        if (x < 1) throw new UserError("geometry: \"" + key + "\" is " + x + ", must be at least 1 — give " + KEYS.get(key));
        return x;
    }

    private static double positive(String key, Double v) {
        double x = require(key, v);
        if (!(x > 0) || !Double.isFinite(x)) throw new UserError("geometry: \"" + key + "\" is " + x + ", must be a positive number — give " + KEYS.get(key));
        return x;
    }

    /** {@code {"start", "stop", "count", "endpoint"}}: numpy.linspace's meaning. */
    private record Range(double start, double stop, int count, boolean endpoint) {
        static Range of(JsonNode a) {
            if (!a.isObject())
                throw new UserError("geometry: \"angles\" is " + a.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                        + " — give a list of angles or {\"start\": 0, \"stop\": 180, \"count\": 60}");
            for (var it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!java.util.Set.of("start", "stop", "count", "endpoint").contains(k))
                    throw new UserError("geometry: unknown key \"angles\"." + quoted(k) + " — an angle range has \"start\", \"stop\", \"count\" and optionally \"endpoint\"");
            }
            for (String k : new String[]{"start", "stop", "count"})
                if (!a.has(k) || !a.get(k).isNumber())
                    throw new UserError("geometry: \"angles\"." + k + (a.has(k) ? " is not a number" : " is missing")
                            + " — an angle range is {\"start\": 0, \"stop\": 180, \"count\": 60}");
            JsonNode c = a.get("count");
            if (!isInteger(c) || c.asDouble() < 1 || c.asDouble() > MAX_VIEWS)
                throw new UserError("geometry: \"angles\".count is " + c + ", must be a whole number of views from 1 to " + MAX_VIEWS + " — give the number of views");
            JsonNode e = a.get("endpoint");
            if (e != null && !e.isBoolean()) throw new UserError("geometry: \"angles\".endpoint is " + e + " — use true or false");
            return new Range(a.get("start").asDouble(), a.get("stop").asDouble(), c.asInt(), e != null && e.asBoolean());
        }

        double[] values() {
            double[] v = new double[count];
            int steps = endpoint ? count - 1 : count;
            for (int i = 0; i < count; i++) v[i] = steps == 0 ? start : start + (stop - start) * i / steps;
            return v;
        }
    }

    static boolean isInteger(JsonNode v) {
        return v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 1e15);
    }

    /** Reads the JSON object's keys with type checks, refusing unknown keys. */
    private static final class Fields {
        private final String name;
        private final JsonNode root;

        Fields(String name, JsonNode root) {
            this.name = name;
            this.root = root;
            if (root == null || !root.isObject())
                throw new UserError("geometry file " + name + " must hold one JSON object {...} — see the README's fit-ct geometry section");
            for (var it = root.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.containsKey(k))
                    throw new UserError("geometry file " + name + ": unknown key " + quoted(k) + " — remove it or use one of " + String.join(", ", KEYS.keySet()));
            }
        }

        private JsonNode get(String key) {
            JsonNode v = root.get(key);
            return v == null || v.isNull() ? null : v;
        }

        private UserError wrongType(String key, JsonNode v, String expected) {
            return new UserError("geometry file " + name + ": \"" + key + "\" is " + v + " — give " + expected + " (" + KEYS.get(key) + ")");
        }

        String text(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isTextual()) throw wrongType(key, v, "a string");
            return v.asText();
        }

        Double number(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isNumber()) throw wrongType(key, v, "a number");
            return v.asDouble();
        }

        Integer integer(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isNumber() || !isInteger(v) || Math.abs(v.asDouble()) > Integer.MAX_VALUE) throw wrongType(key, v, "a whole number");
            return v.asInt();
        }

        Boolean bool(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isBoolean()) throw wrongType(key, v, "true or false");
            return v.asBoolean();
        }

        JsonNode angles() {
            JsonNode v = get("angles");
            if (v != null && !v.isArray() && !v.isObject()) throw wrongType("angles", v, "a list or a {\"start\", \"stop\", \"count\"} range");
            return v;
        }
    }
}
