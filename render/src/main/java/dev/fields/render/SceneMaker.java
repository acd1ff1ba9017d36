package dev.fields.render;

import dev.fields.io.UserError;
import dev.fields.io.image.Images;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.scene.BlenderLayoutWriter;
import dev.fields.io.scene.SceneReader;
import dev.fields.ray.PinholeCamera;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a mesh into a posed-image scene in the NeRF-synthetic (Blender) layout: {@code train/r_K.png},
 * {@code test/r_K.png} and {@code transforms_train.json}, {@code transforms_val.json} (the test views),
 * {@code transforms_test.json}. The mesh is first centred on its bounding box's centre and scaled so that its farthest
 * vertex is at distance 1 (the object fills the unit ball; the scene's world is that normalized frame, +Y up). Vertex
 * colours are the caller's (the file's own) or follow {@link #colours} (a rule on the normalized position), shaded as {@link MeshRasterizer} does
 * (Lambert under a light fixed in the world; with {@code specular} K &gt; 0 plus a white Blinn–Phong highlight, exponent
 * {@value MeshRasterizer#SHININESS}, under the same light, so the scene looks different from different views),
 * supersampled. Cameras: {@link ViewPlan} at {@code distance} from the origin, square images with the horizontal
 * field of view {@code angleX}, centred principal point. Images are RGBA PNGs with alpha 0 where the object is not
 * (straight alpha, 8 bits), or opaque RGB composited over {@code background} when one is given. Every file is
 * written atomically, the transforms files last.
 */
public final class SceneMaker {
    /** NeRF-synthetic's horizontal field of view (lego's camera_angle_x) and camera distance. */
    public static final double DEFAULT_ANGLE_X = 0.6911112070083618, DEFAULT_DISTANCE = 4;
    public static final int MAX_SIZE = 2048;

    /**
     * {@code background} null: transparent outside the object; {@code specular} the weight of the white highlight
     * (0: none, the images are exactly those of a scene made without it).
     */
    public record Settings(int trainViews, int testViews, int size, long seed, float[] background, double distance, double angleX, int supersample,
                           double specular) {
        public Settings {
            if (!(specular >= 0) || Double.isInfinite(specular))
                throw new UserError("the specular weight must be a finite number >= 0 (0 = no highlight), got " + specular + " — e.g. --specular 0.5");
            if (trainViews < 1 || testViews < 1) throw new UserError("a scene needs at least one train and one test view, got " + trainViews + " and " + testViews
                    + " — give a positive number of views");
            if (size < 8 || size > MAX_SIZE) throw new UserError("the image size must be 8 to " + MAX_SIZE + " pixels, got " + size + " — give a size in that range");
            if (!(angleX > 0 && angleX < Math.PI * 0.9)) throw new UserError("the field of view must be between 0 and 162 degrees, got " + Math.toDegrees(angleX));
            double half = angleX / 2; // square images: the horizontal half-angle is the vertical one
            if (!(distance > 1 / Math.sin(half)))
                throw new UserError(String.format(java.util.Locale.ROOT, "at distance %.3g the object (radius 1) does not fit the %.1f° view — give a distance above %.3g",
                        distance, Math.toDegrees(angleX), 1 / Math.sin(half)));
            if (supersample < 1 || supersample > 8) throw new IllegalArgumentException("supersampling 1 to 8");
        }

        /** Settings without a specular highlight. */
        public Settings(int trainViews, int testViews, int size, long seed, float[] background, double distance, double angleX, int supersample) {
            this(trainViews, testViews, size, seed, background, distance, angleX, supersample, 0);
        }
    }

    /** What was written. */
    public record Made(Path out, int train, int test, int size, double angleX, long bytes, double seconds) {}

    private SceneMaker() {}

    /** The mesh centred on its bounding box's centre and scaled into the unit ball. */
    public static Mesh normalized(Mesh m) {
        double[] b = m.bounds();
        double[] c = {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
        float[] v = m.vertices();
        double r = 0;
        for (int i = 0; i < v.length; i += 3)
            r = Math.max(r, Math.sqrt(sq(v[i] - c[0]) + sq(v[i + 1] - c[1]) + sq(v[i + 2] - c[2])));
        if (!(r > 0)) throw new UserError("the mesh has no extent (all vertices at one point) — give a mesh with a surface");
        return m.transformed(1 / r, new double[]{-c[0] / r, -c[1] / r, -c[2] / r});
    }

    /**
     * The colour rule for meshes without colours: each channel an affine function of one normalized coordinate,
     * {@code 0.15 + 0.35 (p + 1)} for (x, y, z) → (R, G, B), so colours run from 0.15 to 0.85 across the object.
     */
    public static float[] colours(Mesh normalized) {
        float[] v = normalized.vertices(), c = new float[v.length];
        for (int i = 0; i < v.length; i++) c[i] = (float) (0.15 + 0.35 * (Math.max(-1, Math.min(1, v[i])) + 1));
        return c;
    }

    /** Renders and writes the scene with the colour rule ({@link #colours}). */
    public static Made make(Mesh mesh, Settings s, Path out) { return make(mesh, null, s, out); }

    /**
     * Renders and writes the scene; {@code vertexColours} (one RGB per vertex of {@code mesh}, e.g. from
     * {@link dev.fields.io.mesh.MeshColours}) or null for the colour rule. Needs no current context (makes its own
     * headless one).
     */
    public static Made make(Mesh mesh, float[] vertexColours, Settings s, Path out) {
        long t0 = System.nanoTime();
        if (Files.exists(out) && !Files.isDirectory(out)) throw new UserError(out + " is a file — give a folder to write the scene into");
        Mesh m = normalized(mesh);
        List<double[]> train = ViewPlan.hemisphere(s.trainViews(), s.distance(), s.seed()), test = ViewPlan.ring(s.testViews(), s.distance());
        long bytes = 0;
        List<BlenderLayoutWriter.Frame> trainFrames = new ArrayList<>(), testFrames = new ArrayList<>();
        try (GlContext ctx = GlContext.headless(); MeshRasterizer r = new MeshRasterizer(m, vertexColours != null ? vertexColours : colours(m))) {
            bytes += renderAll(r, train, "train", s, out, trainFrames);
            bytes += renderAll(r, test, "test", s, out, testFrames);
        }
        BlenderLayoutWriter.write(out.resolve(SceneReader.VAL), s.angleX(), testFrames);
        BlenderLayoutWriter.write(out.resolve(SceneReader.TEST), s.angleX(), testFrames);
        BlenderLayoutWriter.write(out.resolve(SceneReader.TRAIN), s.angleX(), trainFrames);
        for (String f : new String[]{SceneReader.TRAIN, SceneReader.VAL, SceneReader.TEST}) bytes += size(out.resolve(f));
        return new Made(out, train.size(), test.size(), s.size(), s.angleX(), bytes, (System.nanoTime() - t0) / 1e9);
    }

    private static long renderAll(MeshRasterizer r, List<double[]> poses, String split, Settings s, Path out, List<BlenderLayoutWriter.Frame> frames) {
        long bytes = 0;
        for (int k = 0; k < poses.size(); k++) {
            PinholeCamera cam = PinholeCamera.ofAngle(s.angleX(), s.size(), s.size(), poses.get(k));
            float[] rgba = r.render(cam, s.supersample(), s.specular());
            Path png = out.resolve(split).resolve("r_" + k + ".png");
            Images.writePng(png, image(rgba, s.size(), s.size(), s.background()));
            bytes += size(png);
            frames.add(new BlenderLayoutWriter.Frame("./" + split + "/r_" + k, poses.get(k)));
        }
        return bytes;
    }

    /** 8-bit straight-alpha ARGB, or opaque RGB over the background. */
    static BufferedImage image(float[] rgba, int w, int h, float[] background) {
        BufferedImage img = new BufferedImage(w, h, background == null ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int o = 4 * (y * w + x);
                float a = rgba[o + 3];
                int argb;
                if (background == null) {
                    argb = to8(a) << 24 | to8(rgba[o]) << 16 | to8(rgba[o + 1]) << 8 | to8(rgba[o + 2]);
                } else {
                    argb = to8(rgba[o] * a + background[0] * (1 - a)) << 16 | to8(rgba[o + 1] * a + background[1] * (1 - a)) << 8
                            | to8(rgba[o + 2] * a + background[2] * (1 - a));
                }
                img.setRGB(x, y, argb);
            }
        return img;
    }

    private static int to8(double v) { return (int) Math.round(Math.max(0, Math.min(1, v)) * 255); }

    private static double sq(double x) { return x * x; }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
