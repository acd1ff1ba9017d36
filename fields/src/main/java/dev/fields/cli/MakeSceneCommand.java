package dev.fields.cli;

import dev.fields.io.mesh.MeshColours;
import dev.fields.io.mesh.MeshImporter;
import dev.fields.io.scene.BackgroundColour;
import dev.fields.render.SceneMaker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fields make-scene MESH --views N --size S --out DIR}: renders a mesh into a posed-image scene (Blender layout). */
@Command(name = "make-scene", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a mesh into a posed-image scene for fit-scene, in the NeRF-synthetic (Blender) layout:",
                "DIR/train/r_K.png, DIR/test/r_K.png and transforms_train.json, transforms_val.json (the test views) and",
                "transforms_test.json with camera_angle_x and one 4x4 camera-to-world matrix per frame (OpenGL camera axes).",
                "The mesh (anything fit-shape reads) is centred and scaled into the unit ball, +Y up. Vertices keep the",
                "file's colours (vertex colours, else material diffuse colours, read through Assimp: OBJ+MTL, glTF, FBX, ...),",
                "else are coloured by their position (red along x, green along y, blue along z); all are shaded by one light",
                "fixed in the world, so every view sees the same colours (with --specular K a white Blinn-Phong highlight,",
                "exponent 32, under that same light is added: it moves with the camera, a view-dependent scene). Train cameras are drawn at random (--seed) over the upper hemisphere",
                "(elevation 0 to 80 degrees), test cameras form a ring at 30 degrees; all look at the centre from",
                "--distance. Images are rendered by OpenGL headless (EGL on Mesa works), 4x4 supersampled, and written as",
                "RGBA PNGs with alpha 0 outside the object, or opaque over --background."},
        footer = {"", "Examples:",
                "  fields make-scene scenes/bunny.obj --views 100 --size 100 --out scenes/bunny-scene",
                "  fields make-scene scan.ply --views 50 --test-views 8 --size 200 --out runs/scan-scene --seed 3",
                "  fields make-scene scenes/bunny.obj --views 100 --size 100 --specular 0.5 --out runs/shiny-bunny"})
public final class MakeSceneCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MESH", description = "Mesh to render (OBJ, PLY, STL, OFF, glTF, FBX, ...).")
    Path mesh;
    @Option(names = "--views", defaultValue = "100", paramLabel = "N", description = "Train views. Default: ${DEFAULT-VALUE}.")
    int views;
    @Option(names = "--test-views", defaultValue = "16", paramLabel = "M", description = "Test views on the ring (also the val views). Default: ${DEFAULT-VALUE}.")
    int testViews;
    @Option(names = "--size", defaultValue = "100", paramLabel = "S", description = "Image side in pixels (square images). Default: ${DEFAULT-VALUE}.")
    int size;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to write the scene into.")
    Path out;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the train cameras: the same seed gives the same views. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--background", defaultValue = "none", paramLabel = "none|white|black|#rrggbb|R,G,B",
            description = "none: RGBA with alpha 0 outside the object; a colour: opaque RGB images over it. Default: ${DEFAULT-VALUE}.")
    String background;
    @Option(names = "--distance", defaultValue = "4", description = "Camera distance from the centre (the object has radius 1). Default: ${DEFAULT-VALUE}.")
    double distance;
    @Option(names = "--fov", paramLabel = "DEGREES",
            description = "Horizontal field of view (camera_angle_x) in degrees. Default: NeRF-synthetic's 0.6911 rad (39.6 degrees).")
    Double fovDegrees;
    @Option(names = "--specular", defaultValue = "0", paramLabel = "K",
            description = "Weight of a white Blinn-Phong highlight (exponent 32) under the scene's fixed light, added to the shaded colour;"
                    + " 0 = none (the images are exactly those without the option). Default: ${DEFAULT-VALUE}.")
    double specular;

    @Override public Integer call() {
        String bg = background.strip().toLowerCase(Locale.ROOT);
        float[] colour = bg.equals("none") || bg.equals("transparent") ? null : BackgroundColour.parse(background);
        double angle = fovDegrees == null ? SceneMaker.DEFAULT_ANGLE_X : Math.toRadians(fovDegrees);
        SceneMaker.Settings s = new SceneMaker.Settings(views, testViews, size, seed, colour, distance, angle, 4, specular);
        dev.fields.io.mesh.Mesh loaded = MeshImporter.load(mesh);
        float[] colours = MeshColours.read(mesh, loaded);
        SceneMaker.Made m = SceneMaker.make(loaded, colours, s, out);
        System.out.printf(Locale.ROOT, "wrote %s: %d train and %d test views of %d×%d (camera_angle_x %.6f rad), colours %s%s, %.2f MB, %.1f s%n",
                out, m.train(), m.test(), m.size(), m.size(), m.angleX(), colours != null ? "from the mesh file" : "by position",
                specular > 0 ? String.format(Locale.ROOT, ", specular highlight %.3g", specular) : "",
                m.bytes() / 1e6, m.seconds());
        return 0;
    }
}
