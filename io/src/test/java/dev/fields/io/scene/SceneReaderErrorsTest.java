package dev.fields.io.scene;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Every malformed scene is one line naming the problem and the fix, a {@link UserError}, never anything else. */
class SceneReaderErrorsTest {
    @TempDir Path dir;

    private static final String GOOD_MATRIX = SceneFixtures.matrix(SceneFixtures.pose(0, 3));

    /** A transforms.json with three frames (f_0..f_2 exist, 10×8) whose first frame's matrix is {@code m0}. */
    private Path file(String top, String m0, String extraFrame0) throws Exception {
        for (int k = 0; k < 3; k++) SceneFixtures.png(dir.resolve("f_" + k + ".png"), SceneFixtures.image(10, 8, k));
        Path json = dir.resolve("transforms.json");
        Files.writeString(json, "{\"camera_angle_x\": 0.8" + top + ", \"frames\": ["
                + "{\"file_path\": \"f_0\", \"transform_matrix\": " + m0 + extraFrame0 + "},"
                + "{\"file_path\": \"f_1\", \"transform_matrix\": " + SceneFixtures.matrix(SceneFixtures.pose(1, 3)) + "},"
                + "{\"file_path\": \"f_2.png\", \"transform_matrix\": " + SceneFixtures.matrix(SceneFixtures.pose(2, 3)) + "}]}");
        return json;
    }

    private static String refused(Path p, String... words) {
        UserError e = assertThrows(UserError.class, () -> SceneReader.read(p));
        String m = e.getMessage();
        assertEquals(1, m.lines().count(), "one line: " + m);
        assertTrue(m.contains(" — "), "names the fix after a dash: " + m);
        for (String w : words) assertTrue(m.contains(w), "mentions '" + w + "': " + m);
        return m;
    }

    @Test void theGoodFileReads() throws Exception {
        assertEquals(2, SceneReader.read(file(", \"aabb_scale\": 1", GOOD_MATRIX, "")).train().size());
    }

    @Test void matricesMustBeRigid4x4AndFinite() throws Exception {
        refused(file("", "[[1,0,0,0],[0,1,0,0],[0,0,1,0]]", ""), "frame 0", "not 4×4");
        refused(file("", "[[1,0,0],[0,1,0],[0,0,1],[0,0,0]]", ""), "row 0", "not 4 numbers");
        refused(file("", "[[2,0,0,0],[0,1,0,0],[0,0,1,4],[0,0,0,1]]", ""), "frame 0", "not orthonormal");
        refused(file("", "[[1,0.01,0,0],[0,1,0,0],[0,0,1,4],[0,0,0,1]]", ""), "not orthonormal");
        refused(file("", "[[-1,0,0,0],[0,1,0,0],[0,0,1,4],[0,0,0,1]]", ""), "reflection");
        refused(file("", "[[1,0,0,0],[0,1,0,0],[0,0,1,4],[0,0,1,1]]", ""), "last row");
        refused(file("", "[[1,0,0,0],[0,1,0,NaN],[0,0,1,4],[0,0,0,1]]", ""), "[1][3]", "NaN", "finite");
        refused(file("", "[[1,0,0,0],[0,1,0,1e999],[0,0,1,4],[0,0,0,1]]", ""), "Infinity");
        refused(file("", "[[1,0,0,0],[0,1,0,\"x\"],[0,0,1,4],[0,0,0,1]]", ""), "not a number");
        refused(file("", "\"identity\"", ""), "not 4×4");
        refused(file("", "null", ""), "no \"transform_matrix\"");
    }

    @Test void keysOfTheWrongTypeOrRangeAreNamed() throws Exception {
        refused(file(", \"fl_x\": \"big\"", GOOD_MATRIX, ""), "\"fl_x\"", "a number");
        refused(file(", \"w\": 10.5", GOOD_MATRIX, ""), "\"w\"", "whole number");
        refused(file("", GOOD_MATRIX, ", \"camera_angle_x\": 4"), "frame 0", "between 0 and π");
        refused(file(", \"aabb_scale\": -2", GOOD_MATRIX, ""), "\"aabb_scale\"", "positive");
        refused(file(", \"offset\": [1, 2]", GOOD_MATRIX, ""), "\"offset\"", "3 numbers");
        refused(file(", \"aabb_scale\": 2, \"offset\": [0.5, 0.5, 1e31]", GOOD_MATRIX, ""), "\"aabb_scale\"", "no usable box");
        refused(file(", \"aabb_scale\": 2, \"scale\": 1e-320", GOOD_MATRIX, ""), "no usable box");
        refused(file(", \"aabb_scale\": 1", GOOD_MATRIX, ", \"fl_y\": -3"), "frame 0", "\"fl_y\"");
        refused(file(", \"is_fisheye\": true", GOOD_MATRIX, ""), "fisheye");
        refused(file(", \"train_filenames\": [\"f_0\"], \"test_filenames\": [\"nope\"]", GOOD_MATRIX, ""), "\"nope\"");
    }

    @Test void distortionIsRefusedInOneLine() throws Exception {
        refused(file(", \"k1\": 0.01", GOOD_MATRIX, ""), "\"k1\"", "undistort");
        refused(file("", GOOD_MATRIX, ", \"p2\": -0.002"), "frame 0", "\"p2\"", "undistort");
        refused(file(", \"camera_model\": \"OPENCV_FISHEYE\"", GOOD_MATRIX, ""), "OPENCV_FISHEYE", "pinhole");
    }

    @Test void imagesMustExistDecodeAndShareOneSize() throws Exception {
        Path json = file(", \"aabb_scale\": 1", GOOD_MATRIX, "");
        Files.delete(dir.resolve("f_1.png"));
        refused(json, "frame 1", "image not found", "also tried .png");
        SceneFixtures.png(dir.resolve("f_1.png"), SceneFixtures.image(12, 8, 1));
        refused(json, "different sizes", "12×8", "10×8", "one size");
        Files.writeString(dir.resolve("f_1.png"), "not an image at all");
        refused(json, "frame 1", "PNG or JPEG");
        // a PNG whose header claims 60000 × 60000 pixels: refused from the header, nothing that size allocated
        byte[] png = Files.readAllBytes(writeTiny());
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(60000).putInt(60000);
        fixCrc(png);
        Files.write(dir.resolve("f_0.png"), png);
        Files.write(dir.resolve("f_1.png"), png);
        Files.write(dir.resolve("f_2.png"), png);
        refused(json, "60000 × 60000");
        Path sized = file(", \"w\": 11, \"h\": 8", GOOD_MATRIX, "");
        refused(sized, "11×8", "10×8", "fix \"w\"");
    }

    /** Found by the fuzz suite: a file path with control characters once broke the message into several lines. */
    @Test void aFilePathWithControlCharactersStillGivesOneLine() throws Exception {
        Path json = file(", \"aabb_scale\": 1", GOOD_MATRIX, "");
        Files.writeString(json, Files.readString(json).replace("\"f_1\"", "\"f_\\n1\\r\\u0007x\""));
        refused(json, "frame 1", "image not found");
    }

    @Test void theFileItselfMustBeATransformsFile() throws Exception {
        Path j = dir.resolve("t.json");
        Files.writeString(j, "{\"frames\": [ {\"file_path\": \"a\", ]");
        refused(j, "not valid JSON", "line 1");
        Files.writeString(j, "[1, 2]");
        refused(j, "one JSON object");
        Files.writeString(j, "{\"camera_angle_x\": 0.5}");
        refused(j, "no \"frames\"");
        Files.writeString(j, "{\"camera_angle_x\": 0.5, \"frames\": []}");
        refused(j, "empty list");
        Files.writeString(j, "{\"camera_angle_x\": 0.5, \"frames\": {}}");
        refused(j, "not a list");
        Files.writeString(j, "{\"camera_angle_x\": 0.5, \"frames\": [3]}");
        refused(j, "frame 0", "not an object");
        Files.writeString(j, "{\"camera_angle_x\": 0.5, \"frames\": [{\"transform_matrix\": " + GOOD_MATRIX + "}]}");
        refused(j, "no \"file_path\"");
        Files.writeString(j, "{\"camera_angle_x\": 0.5, \"camera_angle_x\": 0.6, \"frames\": []}");
        refused(j, "not valid JSON", "Duplicate");
        Files.write(j, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 0});
        refused(j, "t.json");
        refused(dir.resolve("missing"), "not found");
        Files.createDirectories(dir.resolve("empty"));
        refused(dir.resolve("empty"), "neither transforms_train.json", "transforms.json");
    }

    @Test void noFocalLengthAndOneFrameAreRefused() throws Exception {
        SceneFixtures.png(dir.resolve("a.png"), SceneFixtures.image(4, 4, 0));
        Path j = dir.resolve("t.json");
        Files.writeString(j, "{\"frames\": [{\"file_path\": \"a.png\", \"transform_matrix\": " + GOOD_MATRIX + "},"
                + "{\"file_path\": \"a.png\", \"transform_matrix\": " + GOOD_MATRIX + "}]}");
        refused(j, "no focal length", "fl_x");
        Files.writeString(j, "{\"fl_x\": 3, \"frames\": [{\"file_path\": \"a.png\", \"transform_matrix\": " + GOOD_MATRIX + "}]}");
        refused(j, "one frame", "at least 2");
    }

    @Test void aBlenderFolderWithAnEmptyTestListIsRefused() throws Exception {
        SceneFixtures.blender(dir, 3, 6, 6, 0.7);
        Files.writeString(dir.resolve("transforms_test.json"), "{\"camera_angle_x\": 0.7, \"frames\": []}");
        refused(dir, "transforms_test.json", "empty list");
    }

    @Test void camerasThatLookAtNothingCommonNeedExplicitBounds() throws Exception {
        double[] m = CameraPose.lookAt(new double[]{0, 0, 4}, new double[]{0, 0, 0}, new double[]{0, 1, 0});
        double[] n = CameraPose.lookAt(new double[]{1, 0, 4}, new double[]{1, 0, 0}, new double[]{0, 1, 0});
        for (int k = 0; k < 2; k++) SceneFixtures.png(dir.resolve("p" + k + ".png"), SceneFixtures.image(6, 6, k));
        Path j = dir.resolve("t.json");
        Files.writeString(j, "{\"camera_angle_x\": 0.7, \"frames\": [{\"file_path\": \"p0\", \"transform_matrix\": " + SceneFixtures.matrix(m)
                + "}, {\"file_path\": \"p1\", \"transform_matrix\": " + SceneFixtures.matrix(n) + "}]}");
        refused(j, "nearly parallel", "bounds explicitly");
        SceneBox b = new SceneBox(new double[]{-1, -1, -1}, new double[]{2, 1, 1});
        assertEquals(b.toString(), SceneReader.read(j, SceneOptions.DEFAULTS.withBounds(b)).box().toString());
    }

    @Test void boundsAndBackgroundsParseOrSayHow() {
        assertEquals("[-1.000, 2.000] × [-2.000, 3.000] × [-3.000, 4.000]", SceneBox.parse("-1, -2, -3, 2, 3, 4").toString());
        assertArrayEquals(new double[]{1.5, 1.5, 1.5}, SceneBox.parse("1.5").max());
        for (String bad : new String[]{"1,2,3", "a,b,c,d,e,f", "-1", "1,1,1,0,2,2", "nan,0,0,1,1,1"}) {
            UserError e = assertThrows(UserError.class, () -> SceneBox.parse(bad), bad);
            assertTrue(e.getMessage().contains("minx,miny,minz,maxx,maxy,maxz"), e.getMessage());
        }
        assertArrayEquals(new float[]{1, 1, 1}, BackgroundColour.parse("White"));
        assertArrayEquals(new float[]{0, 0.5f, 1}, BackgroundColour.parse("0, 0.5, 1"));
        assertArrayEquals(new float[]{1, 0, 128 / 255f}, BackgroundColour.parse("#ff0080"));
        for (String bad : new String[]{"purple", "1,2,3", "0,0", "#12345"})
            assertTrue(assertThrows(UserError.class, () -> BackgroundColour.parse(bad)).getMessage().contains("not a colour"));
    }

    private Path writeTiny() throws Exception {
        Path p = dir.resolve("tiny.png");
        SceneFixtures.png(p, new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB));
        return p;
    }

    /** Recomputes the IHDR chunk's CRC after its size was patched (so the decoder reaches the size check). */
    private static void fixCrc(byte[] png) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        java.nio.ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
    }
}
