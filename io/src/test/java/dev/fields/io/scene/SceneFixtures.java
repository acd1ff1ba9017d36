package dev.fields.io.scene;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small scenes written for tests: cameras on a circle looking at the origin, RGBA PNGs with a known pattern. */
final class SceneFixtures {
    private SceneFixtures() {}

    /** Camera k of n on the circle of radius 4 at height 1, looking at the origin, +Y up. */
    static double[] pose(int k, int n) {
        double a = 2 * Math.PI * k / n;
        return CameraPose.lookAt(new double[]{4 * Math.sin(a), 1, 4 * Math.cos(a)}, new double[3], new double[]{0, 1, 0});
    }

    /** Pixel (x, y) of image k: red = x/(w-1), green = y/(h-1), blue = k/10, alpha 255 except the top-left pixel (128) and top-right (0). */
    static BufferedImage image(int w, int h, int k) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int a = y == 0 && x == 0 ? 128 : y == 0 && x == w - 1 ? 0 : 255;
                int r = Math.round(255f * x / (w - 1)), g = Math.round(255f * y / (h - 1)), b = Math.min(255, 25 * k);
                img.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        return img;
    }

    static void png(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no png writer");
    }

    /** A Blender-layout folder: n train views, 2 val, 3 test, w × h, file_path without extension. */
    static Path blender(Path dir, int n, int w, int h, double angleX) throws IOException {
        int[] counts = {n, 2, 3};
        String[] splits = {"train", "val", "test"};
        for (int s = 0; s < 3; s++) {
            List<BlenderLayoutWriter.Frame> frames = new ArrayList<>();
            for (int k = 0; k < counts[s]; k++) {
                png(dir.resolve(splits[s]).resolve("r_" + k + ".png"), image(w, h, k));
                frames.add(new BlenderLayoutWriter.Frame("./" + splits[s] + "/r_" + k, pose(k + s * 7, counts[s] + 7)));
            }
            BlenderLayoutWriter.write(dir.resolve("transforms_" + splits[s] + ".json"), angleX, frames);
        }
        return dir;
    }

    /** A JSON matrix literal of a pose. */
    static String matrix(double[] m) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < 4; r++) {
            b.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < 4; c++) b.append(c == 0 ? "" : ", ").append(m[4 * r + c]);
            b.append(']');
        }
        return b.append(']').toString();
    }
}
