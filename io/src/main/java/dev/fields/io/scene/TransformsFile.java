package dev.fields.io.scene;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.fields.io.UserError;
import dev.fields.io.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One {@code transforms*.json} file, checked key by key. Keys read (at the top level, and per frame where marked *,
 * a frame's value overriding the file's):
 * <pre>
 * camera_angle_x*, camera_angle_y*   horizontal / vertical field of view in radians (used when fl_x / fl_y are absent)
 * fl_x*, fl_y*, cx*, cy*             focal lengths and principal point in pixels (fl_y defaults to fl_x, cx/cy to w/2, h/2)
 * w*, h*                             image size in pixels (default: the image's own; when given it must match the image)
 * k1* k2* k3* k4* p1* p2*            distortion: accepted only when zero (undistort the images first)
 * camera_model*                      PINHOLE, SIMPLE_PINHOLE or OPENCV (zero distortion); others refused
 * is_fisheye                         accepted only when false
 * aabb_scale, scale, offset          instant-ngp's scene box (see {@link SceneBox#fromAabbScale}); scale 0.33 and
 *                                    offset [0.5, 0.5, 0.5] by default, as instant-ngp's
 * train_filenames, val_filenames,    nerfstudio's own split: lists of file_path values
 * test_filenames
 * frames                             the list of frames: file_path (string), transform_matrix (4×4 camera-to-world)
 * </pre>
 * Keys not listed (nerfstudio's {@code applied_transform}, instant-ngp's {@code sharpness}, {@code n_extra_learnable_dims},
 * …) are ignored: they do not change how the images and cameras are read. A listed key with the wrong type, a
 * non-finite or out-of-range value is a one-line {@link UserError} naming the file, the frame and the key. The
 * file's world coordinates are kept as they are: instant-ngp's {@code scale}/{@code offset} and axis cycling are not
 * applied to the cameras, they only place the box.
 */
record TransformsFile(String name, Path dir, List<Frame> frames, Double aabbScale, double scale, double[] offset,
                      List<String> trainNames, List<String> valNames, List<String> testNames) {

    /** The largest transforms file read (a frame takes about 300 bytes: 64 MB is some 200,000 frames). */
    static final long MAX_BYTES = 64L << 20;
    static final Set<String> DISTORTION = Set.of("k1", "k2", "k3", "k4", "p1", "p2");
    static final Set<String> PINHOLE_MODELS = Set.of("PINHOLE", "SIMPLE_PINHOLE", "OPENCV");

    /** A frame as the file gives it: the camera keys already merged with the file's own. */
    record Frame(int index, String filePath, String where, double[] pose, CameraKeys camera) {}

    /** Intrinsics keys; null where the file says nothing. */
    record CameraKeys(Double flX, Double flY, Double cx, Double cy, Double angleX, Double angleY, Integer w, Integer h) {
        static final CameraKeys NONE = new CameraKeys(null, null, null, null, null, null, null, null);

        CameraKeys over(CameraKeys base) {
            return new CameraKeys(flX != null ? flX : base.flX, flY != null ? flY : base.flY, cx != null ? cx : base.cx, cy != null ? cy : base.cy,
                    angleX != null ? angleX : base.angleX, angleY != null ? angleY : base.angleY, w != null ? w : base.w, h != null ? h : base.h);
        }

        /** The intrinsics for an image of {@code width × height}. */
        PinholeIntrinsics intrinsics(int width, int height, String where) {
            if (w != null && h != null && (w != width || h != height))
                throw new UserError(where + ": the file says the image is " + w + "×" + h + " (\"w\", \"h\") but it is " + width + "×" + height
                        + " — fix \"w\"/\"h\" or point file_path at the full-size image");
            if (w != null && w != width) throw new UserError(where + ": the file says \"w\": " + w + " but the image is " + width + " wide — fix \"w\"");
            if (h != null && h != height) throw new UserError(where + ": the file says \"h\": " + h + " but the image is " + height + " high — fix \"h\"");
            Double fx = flX, fy = flY;
            if (fx == null && angleX != null) fx = PinholeIntrinsics.focalFromAngle(angleX, width);
            if (fy == null && angleY != null) fy = PinholeIntrinsics.focalFromAngle(angleY, height);
            if (fx == null) fx = fy;
            if (fy == null) fy = fx;
            if (fx == null)
                throw new UserError(where + ": no focal length — give \"fl_x\" (pixels) or \"camera_angle_x\" (radians) in the file or the frame");
            return PinholeIntrinsics.checked(fx, fy, cx != null ? cx : width / 2.0, cy != null ? cy : height / 2.0, width, height, where);
        }
    }

    /** Reads and checks a file; frames' images are resolved relative to its folder later. */
    static TransformsFile read(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.isRegularFile(path)) throw new UserError("scene file not found: " + path + " — check the path");
        String text;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES)
                throw new UserError(name + " is " + size + " bytes, more than a transforms file of " + (MAX_BYTES >> 20) + " MB — give the scene's transforms JSON");
            text = Files.readString(path);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError(name + " is not UTF-8 text — give the scene's transforms JSON", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + " (" + e.getMessage() + ") — check that it is a readable file", e);
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(name, text, dir);
    }

    static final ObjectReader READER = SpecJson.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS); // Python's json writes NaN and Infinity: refused below, by key

    static TransformsFile parse(String name, String text, Path dir) {
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            String m = String.valueOf(e.getOriginalMessage());
            throw new UserError(name + " is not valid JSON (" + m.lines().findFirst().orElse(m).replaceAll("\\p{Cntrl}", "?") + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ") — fix the syntax");
        }
        if (root == null || !root.isObject()) throw new UserError(name + " must hold one JSON object {\"frames\": [...], ...} — give a transforms file");
        Keys top = new Keys(name, root);
        top.refuseUnsupportedCamera();
        if (Boolean.TRUE.equals(top.bool("is_fisheye")))
            throw new UserError(name + ": \"is_fisheye\" is true — only pinhole cameras are read; undistort the images to a pinhole camera first");
        CameraKeys global = top.camera();
        Double aabb = top.positive("aabb_scale");
        Double scaleKey = top.positive("scale");
        double scale = scaleKey == null ? 0.33 : scaleKey; // instant-ngp's default (nerf_loader.h)
        double[] offset = top.vector3("offset", new double[]{0.5, 0.5, 0.5});
        List<String> train = top.names("train_filenames"), val = top.names("val_filenames"), test = top.names("test_filenames");
        JsonNode fs = root.get("frames");
        if (fs == null || fs.isNull()) throw new UserError(name + " has no \"frames\" — list the images and their camera matrices under \"frames\"");
        if (!fs.isArray()) throw new UserError(name + ": \"frames\" is " + brief(fs) + ", not a list — list the frames as [{\"file_path\": ..., \"transform_matrix\": ...}, ...]");
        if (fs.isEmpty()) throw new UserError(name + ": \"frames\" is an empty list — list at least one image with its camera matrix");
        List<Frame> frames = new ArrayList<>(fs.size());
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String where = name + " frame " + i;
            if (!f.isObject()) throw new UserError(where + " is " + brief(f) + ", not an object — give {\"file_path\": ..., \"transform_matrix\": ...}");
            Keys k = new Keys(where, f);
            String file = k.text("file_path");
            if (file == null) throw new UserError(where + " has no \"file_path\" — give the image file of each frame");
            if (file.isBlank() || file.indexOf('\0') >= 0) throw new UserError(where + ": \"file_path\" is " + quoted(file) + " — give the image file's path");
            where = where + " (" + quoted(file) + ")";
            k = new Keys(where, f);
            k.refuseUnsupportedCamera();
            double[] pose = CameraPose.read(f.get("transform_matrix"), where);
            frames.add(new Frame(i, file, where, pose, k.camera().over(global)));
        }
        return new TransformsFile(name, dir, frames, aabb, scale, offset, train, val, test);
    }

    /** A value for a message: short, one line. */
    static String brief(JsonNode v) {
        if (v == null) return "missing";
        if (v.isObject()) return "an object";
        if (v.isArray()) return "a list";
        String s = v.toString();
        return (s.length() > 40 ? s.substring(0, 40) + "…" : s).replaceAll("\\p{Cntrl}", "?");
    }

    static String quoted(String s) {
        String q = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "\"" + q.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?") + "\"";
    }

    /** Typed access to one object's keys, messages naming {@code where}. */
    private record Keys(String where, JsonNode node) {
        private JsonNode get(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        private UserError wrong(String key, JsonNode v, String expected) {
            return new UserError(where + ": \"" + key + "\" is " + brief(v) + " — give " + expected);
        }

        Double number(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isNumber()) throw wrong(key, v, "a number");
            double d = v.asDouble();
            if (!Double.isFinite(d)) throw wrong(key, v, "a finite number");
            return d;
        }

        Double positive(String key) {
            Double d = number(key);
            if (d != null && !(d > 0)) throw wrong(key, get(key), "a positive number");
            return d;
        }

        Double angle(String key) {
            Double d = number(key);
            if (d != null && !(d > 0 && d < Math.PI)) throw wrong(key, get(key), "a field of view in radians, between 0 and π");
            return d;
        }

        Integer size(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || !(v.asDouble() >= 1) || v.asDouble() > 1 << 20)
                throw wrong(key, v, "a whole number of pixels (1 to " + (1 << 20) + ")");
            return v.asInt();
        }

        String text(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isTextual()) throw wrong(key, v, "a string");
            return v.asText();
        }

        Boolean bool(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isBoolean()) throw wrong(key, v, "true or false");
            return v.asBoolean();
        }

        double[] vector3(String key, double[] fallback) {
            JsonNode v = get(key);
            if (v == null) return fallback;
            if (!v.isArray() || v.size() != 3) throw wrong(key, v, "a list of 3 numbers");
            double[] out = new double[3];
            for (int i = 0; i < 3; i++) {
                if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) throw wrong(key, v, "a list of 3 finite numbers");
                out[i] = v.get(i).asDouble();
            }
            return out;
        }

        List<String> names(String key) {
            JsonNode v = get(key);
            if (v == null) return null;
            if (!v.isArray()) throw wrong(key, v, "a list of file_path strings");
            List<String> out = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                if (!e.isTextual()) throw wrong(key, v, "a list of file_path strings");
                out.add(e.asText());
            }
            return out;
        }

        CameraKeys camera() {
            return new CameraKeys(positive("fl_x"), positive("fl_y"), number("cx"), number("cy"), angle("camera_angle_x"), angle("camera_angle_y"),
                    size("w"), size("h"));
        }

        void refuseUnsupportedCamera() {
            String model = text("camera_model");
            if (model != null && !PINHOLE_MODELS.contains(model))
                throw new UserError(where + ": \"camera_model\" is " + quoted(model) + " — only pinhole cameras (PINHOLE, SIMPLE_PINHOLE, OPENCV without"
                        + " distortion) are read; undistort the images to a pinhole camera first");
            for (String k : new String[]{"k1", "k2", "k3", "k4", "p1", "p2"}) {
                Double d = number(k);
                if (d != null && d != 0)
                    throw new UserError(where + ": lens distortion \"" + k + "\" = " + d + " is not supported — undistort the images first (e.g. COLMAP's"
                            + " image_undistorter) and set k1, k2, p1, p2 to 0");
            }
        }
    }
}
