package dev.fields.io.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.scene.CameraPose;
import dev.fields.io.scene.SceneReader;
import dev.fields.io.spec.SpecJson;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Seeded mutation fuzzing of the scene reader's transforms files: instant-ngp, nerfstudio and Blender-style JSON
 * (edits of the JSON tree, of the text, or of the bytes), read through {@link SceneReader} as a single file or as the
 * train file of a Blender folder, beside four small PNGs. Each mutated input must be accepted or refused with a
 * one-line {@link dev.fields.io.UserError} within {@link #HANG_SECONDS}, allocate no more than
 * {@link #allocationLimit}, and print nothing. Counts and time follow {@link ReaderFuzzTest}'s flags
 * ({@code -Dfields.fuzzSeconds}, {@code -Dfields.fuzzSeed}); failures are kept under {@code target/fuzz-crashers}.
 */
class SceneReaderFuzzTest {
    static final int INPUTS = 1500;
    static final int HANG_SECONDS = 5;
    static final Path WORK = Path.of("target", "fuzz-scene");

    /** 32 MB for the libraries' own buffers plus 8 KB per byte of JSON (the images are fixed and tiny). */
    static long allocationLimit(long n) { return 32_000_000L + 8_300L * n; }

    static String matrix(int k) {
        double a = 2 * Math.PI * k / 4;
        double[] m = CameraPose.lookAt(new double[]{3 * Math.sin(a), 1, 3 * Math.cos(a)}, new double[3], new double[]{0, 1, 0});
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < 4; r++) {
            b.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < 4; c++) b.append(c == 0 ? "" : ",").append(m[4 * r + c]);
            b.append("]");
        }
        return b.append("]").toString();
    }

    static Map<String, String> seeds() {
        Map<String, String> s = new LinkedHashMap<>();
        StringBuilder ngp = new StringBuilder("{\"fl_x\": 7.5, \"fl_y\": 7.25, \"cx\": 3, \"cy\": 3.1, \"w\": 6, \"h\": 6, \"k1\": 0, \"k2\": 0, \"p1\": 0, \"p2\": 0,"
                + " \"aabb_scale\": 2, \"scale\": 0.33, \"offset\": [0.5, 0.5, 0.5], \"frames\": [");
        StringBuilder ns = new StringBuilder("{\"camera_model\": \"OPENCV\", \"fl_x\": 6, \"fl_y\": 6, \"cx\": 3, \"cy\": 3, \"w\": 6, \"h\": 6,"
                + " \"train_filenames\": [\"f_0.png\", \"f_1.png\", \"f_2.png\"], \"test_filenames\": [\"f_3.png\"], \"frames\": [");
        StringBuilder blender = new StringBuilder("{\"camera_angle_x\": 0.69, \"frames\": [");
        for (int k = 0; k < 4; k++) {
            String sep = k == 0 ? "" : ", ";
            ngp.append(sep).append("{\"file_path\": \"f_").append(k).append(".png\", \"transform_matrix\": ").append(matrix(k))
                    .append(k == 1 ? ", \"fl_x\": 8, \"cx\": 2.9" : "").append(", \"sharpness\": 31.5}");
            ns.append(sep).append("{\"file_path\": \"f_").append(k).append(".png\", \"transform_matrix\": ").append(matrix(k)).append("}");
            blender.append(sep).append("{\"file_path\": \"./f_").append(k).append("\", \"rotation\": 0.1, \"transform_matrix\": ").append(matrix(k)).append("}");
        }
        s.put("instant-ngp", ngp.append("]}").toString());
        s.put("nerfstudio", ns.append("]}").toString());
        s.put("blender", blender.append("]}").toString());
        return s;
    }

    static void images(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int k = 0; k < 4; k++) {
            BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_ARGB);
            for (int p = 0; p < 36; p++) img.setRGB(p % 6, p / 6, (p * 7 % 256) << 24 | 0x30a0f0);
            ImageIO.write(img, "png", dir.resolve("f_" + k + ".png").toFile());
        }
    }

    static byte[] mutate(Mutations mut, String seed) throws Exception {
        int kind = mut.below(10);
        if (kind < 6) {
            JsonNode tree = SpecJson.MAPPER.readTree(seed);
            for (int e = 1 + mut.below(3); e > 0; e--) tree = mut.tree(tree);
            return tree.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 9) return mut.text(seed).getBytes(StandardCharsets.UTF_8);
        return mut.bytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    @Test void mutatedTransformsFilesAreAcceptedOrRefusedWithAUserError() throws Exception {
        double seconds = ReaderFuzzTest.seconds();
        long seed = ReaderFuzzTest.seed();
        Mutations mut = new Mutations(new SplittableRandom(seed));
        Map<String, String> seeds = seeds();
        List<String> names = new ArrayList<>(seeds.keySet());
        Path single = WORK.resolve("single"), folder = WORK.resolve("blender");
        images(single);
        images(folder);
        Files.writeString(folder.resolve(SceneReader.TEST), seeds.get("blender"));
        Tally t;
        long start = System.nanoTime();
        try (Console console = new Console()) {
            for (String n : names) { // warm-up: class loading and the decoders' tables are not the inputs' allocation
                Files.writeString(single.resolve("scene.json"), seeds.get(n));
                Files.writeString(folder.resolve(SceneReader.TRAIN), seeds.get(n));
                new Tally(60).record("warm-" + n, new byte[0], "", () -> SceneReader.read(single.resolve("scene.json")));
                new Tally(60).record("warm-blender-" + n, new byte[0], "", () -> SceneReader.read(folder));
            }
            for (String n : names) SceneReader.read(single.resolve("scene.json")); // the seeds themselves are accepted
            t = new Tally(HANG_SECONDS, SceneReaderFuzzTest::allocationLimit, console);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (int i = 0; seconds > 0 ? System.nanoTime() < end : i < INPUTS; i++) {
                String name = names.get(mut.below(names.size()));
                byte[] in = mutate(mut, seeds.get(name));
                boolean asFolder = mut.chance(0.3);
                Path file = asFolder ? folder.resolve(SceneReader.TRAIN) : single.resolve("scene.json");
                Files.write(file, in);
                t.record("scene-" + seed + "-" + i + "-" + name + (asFolder ? "-folder" : ""), in, ".json",
                        () -> SceneReader.read(asFolder ? folder : file));
            }
            console.println(t.summary("transforms files (seed " + seed + ")") + String.format(Locale.ROOT, "; %.1f s", (System.nanoTime() - start) / 1e9));
        }
        assertEquals(List.of(), t.other.subList(0, Math.min(20, t.other.size())), t.other.size() + " inputs neither accepted nor refused (kept in " + Tally.CRASHERS + ")");
        assertTrue(t.refused > t.run / 4 && t.accepted > t.run / 50, "mutations reach both outcomes: " + t.summary("transforms files"));
    }
}
