package dev.fields.io.scene;

import dev.fields.io.UserError;
import dev.fields.io.image.FloatImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a posed-image scene from a folder or a JSON file (the DIR_OR_JSON of {@code fit-scene}):
 * <ul>
 *   <li>a folder with {@code transforms_train.json} (and usually {@code transforms_val.json},
 *       {@code transforms_test.json}): the NeRF-synthetic (Blender) layout. A missing val file means val = test; a
 *       missing test file means the train file's frames are split as a single file's are;</li>
 *   <li>a folder with {@code transforms.json}, or any JSON file: instant-ngp's / nerfstudio's single file. Its frames
 *       are split by nerfstudio's {@code train_filenames} / {@code val_filenames} / {@code test_filenames} when the
 *       file has them (frames in none of the lists are not used; val defaults to test); otherwise, frames sorted by
 *       {@code file_path}, every 8th from the first (index 0, 8, 16, …) is a test view, val = test, and the rest train
 *       (the LLFF hold-out).</li>
 * </ul>
 * Keys and their checks are in {@link TransformsFile}; poses must be rigid ({@link CameraPose}). Cameras keep the
 * file's world coordinates and OpenGL axes (camera looks down −Z, +Y up). All images must have one size: their headers
 * are read and compared before any is decoded, and the decoded views must fit the Java heap; each is then decoded
 * (size checked against the file first, as every image reader here does) and composited over the background
 * ({@link SceneImages}: linear values as stored, no gamma change). The box: {@link SceneOptions#bounds()} when given,
 * else instant-ngp's {@code aabb_scale} when the (train) file has one ({@link SceneBox#fromAabbScale}), else the
 * region all cameras (train, val and test) see ({@link SceneBox#fromCameras}). Every problem is a one-line {@link UserError}.
 */
public final class SceneReader {
    public static final String TRAIN = "transforms_train.json", VAL = "transforms_val.json", TEST = "transforms_test.json", SINGLE = "transforms.json";
    /** A single file's hold-out: every 8th frame is a test view. */
    public static final int HOLD_OUT_EVERY = 8;

    private SceneReader() {}

    /** Reads with white background and automatic bounds. */
    public static Scene read(Path dirOrJson) { return read(dirOrJson, SceneOptions.DEFAULTS); }

    public static Scene read(Path dirOrJson, SceneOptions options) {
        try {
            return readChecked(dirOrJson, options);
        } catch (UserError e) {
            String m = String.valueOf(e.getMessage()), line = m.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?");
            if (line.equals(m)) throw e;
            throw new UserError(line, e); // paths and names from the file stay on one line
        }
    }

    private static Scene readChecked(Path dirOrJson, SceneOptions options) {
        if (!Files.exists(dirOrJson)) throw new UserError("scene not found: " + dirOrJson + " — give a folder with transforms_train.json or transforms.json, or a transforms JSON file");
        List<TransformsFile.Frame> train, val, test;
        TransformsFile boxFile;
        String layout;
        if (Files.isDirectory(dirOrJson)) {
            Path t = dirOrJson.resolve(TRAIN), single = dirOrJson.resolve(SINGLE);
            if (Files.isRegularFile(t)) {
                layout = "blender";
                TransformsFile tf = TransformsFile.read(t);
                boxFile = tf;
                Path te = dirOrJson.resolve(TEST), va = dirOrJson.resolve(VAL);
                if (Files.isRegularFile(te)) {
                    train = tf.frames();
                    test = TransformsFile.read(te).frames();
                    val = Files.isRegularFile(va) ? TransformsFile.read(va).frames() : test;
                } else {
                    List<List<TransformsFile.Frame>> s = split(tf);
                    train = s.get(0); val = Files.isRegularFile(va) ? TransformsFile.read(va).frames() : s.get(1); test = s.get(2);
                }
            } else if (Files.isRegularFile(single)) {
                layout = "transforms.json";
                boxFile = TransformsFile.read(single);
                List<List<TransformsFile.Frame>> s = split(boxFile);
                train = s.get(0); val = s.get(1); test = s.get(2);
            } else {
                throw new UserError("scene folder " + dirOrJson + " has neither " + TRAIN + " (Blender layout) nor " + SINGLE
                        + " (instant-ngp / nerfstudio) — give the folder that holds them");
            }
        } else {
            layout = "transforms.json";
            boxFile = TransformsFile.read(dirOrJson);
            List<List<TransformsFile.Frame>> s = split(boxFile);
            train = s.get(0); val = s.get(1); test = s.get(2);
        }
        return load(dirOrJson, layout, boxFile, train, val, test, options);
    }

    /** A single file's frames as train, val, test (see the class comment). */
    static List<List<TransformsFile.Frame>> split(TransformsFile f) {
        List<TransformsFile.Frame> train = new ArrayList<>(), val = new ArrayList<>(), test = new ArrayList<>();
        if (f.trainNames() != null || f.testNames() != null || f.valNames() != null) {
            if (f.trainNames() == null || f.testNames() == null && f.valNames() == null)
                throw new UserError(f.name() + " lists a split but not both train and test (or val) file names — give \"train_filenames\" and"
                        + " \"test_filenames\", or remove the lists to hold out every " + HOLD_OUT_EVERY + "th frame");
            pick(f, f.trainNames(), "train_filenames", train);
            if (f.testNames() != null) pick(f, f.testNames(), "test_filenames", test);
            if (f.valNames() != null) pick(f, f.valNames(), "val_filenames", val);
            if (test.isEmpty()) test = val;
            if (val.isEmpty()) val = test;
        } else {
            List<TransformsFile.Frame> sorted = new ArrayList<>(f.frames());
            sorted.sort(Comparator.comparing(TransformsFile.Frame::filePath));
            if (sorted.size() < 2)
                throw new UserError(f.name() + " has one frame; a single transforms file needs at least 2 to hold one out for testing — add frames");
            for (int i = 0; i < sorted.size(); i++) (i % HOLD_OUT_EVERY == 0 ? test : train).add(sorted.get(i));
            val = test;
        }
        return List.of(train, val, test);
    }

    private static void pick(TransformsFile f, List<String> names, String key, List<TransformsFile.Frame> into) {
        Set<String> want = new HashSet<>(names);
        for (TransformsFile.Frame fr : f.frames()) if (want.remove(fr.filePath())) into.add(fr);
        if (!want.isEmpty())
            throw new UserError(f.name() + ": \"" + key + "\" names " + TransformsFile.quoted(want.iterator().next()) + ", which no frame's file_path is"
                    + " — list file_path values of the frames");
        if (into.isEmpty()) throw new UserError(f.name() + ": \"" + key + "\" is empty — list the frames of that split");
    }

    private record Planned(TransformsFile.Frame frame, Path image, PinholeIntrinsics intrinsics) {}

    private static Scene load(Path source, String layout, TransformsFile boxFile, List<TransformsFile.Frame> train, List<TransformsFile.Frame> val,
                              List<TransformsFile.Frame> test, SceneOptions options) {
        if (train.isEmpty()) throw new UserError(source + ": no train views — list frames for training");
        if (test.isEmpty()) throw new UserError(source + ": no test views — list frames for testing");
        // headers first: every image found and one size before anything is decoded
        java.util.Map<TransformsFile.Frame, Planned> plan = new java.util.IdentityHashMap<>();
        Planned first = null;
        long pixels = 0;
        for (List<TransformsFile.Frame> split : List.of(train, val, test))
            for (TransformsFile.Frame f : split) {
                if (plan.containsKey(f)) continue;
                Path dir = Files.isDirectory(source) ? source.toAbsolutePath() : boxFile.dir();
                Path img = SceneImages.resolve(dir, f.filePath(), f.where());
                int[] wh = SceneImages.size(img, f.where());
                if (first != null && (wh[0] != first.intrinsics().width() || wh[1] != first.intrinsics().height()))
                    throw new UserError(String.format(Locale.ROOT, "images of different sizes: %s is %d×%d but %s is %d×%d — give every view at one size",
                            img, wh[0], wh[1], first.image(), first.intrinsics().width(), first.intrinsics().height()));
                Planned p = new Planned(f, img, f.camera().intrinsics(wh[0], wh[1], f.where()));
                plan.put(f, p);
                if (first == null) first = p;
                pixels += (long) wh[0] * wh[1];
            }
        long bytes = 12 * pixels, heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap * 0.7)
            throw new UserError(String.format(Locale.ROOT, "the scene's %d views need %d MB as float RGB, more than the Java heap holds (%d MB) — downscale the"
                    + " images or raise -Xmx", plan.size(), bytes >> 20, heap >> 20));
        float[] bg = options.background();
        java.util.Map<TransformsFile.Frame, SceneView> views = new java.util.IdentityHashMap<>();
        for (Planned p : plan.values()) {
            FloatImage rgb = SceneImages.rgb(p.image(), p.frame().where(), bg, p.intrinsics().width(), p.intrinsics().height());
            views.put(p.frame(), new SceneView(p.frame().where(), p.image(), p.intrinsics(), p.frame().pose(), rgb));
        }
        List<SceneView> tr = train.stream().map(views::get).toList(), va = val.stream().map(views::get).toList(), te = test.stream().map(views::get).toList();
        SceneBox box;
        String from;
        if (options.bounds() != null) { box = options.bounds(); from = "explicit"; }
        else if (boxFile.aabbScale() != null) { box = SceneBox.fromAabbScale(boxFile.aabbScale(), boxFile.scale(), boxFile.offset()); from = "aabb_scale"; }
        else { box = SceneBox.fromCameras(List.copyOf(views.values())); from = "cameras"; }
        return new Scene(tr, va, te, box, from, bg, layout, source);
    }
}
