package dev.fields.io.scene;

import java.nio.file.Path;
import java.util.List;

/**
 * A posed-image scene as {@link SceneReader} gives it: the train, validation and test views (every image one size),
 * the scene box and where it came from ({@code "explicit"}, {@code "aabb_scale"} or {@code "cameras"}), the
 * background the images were composited over, the layout it was read from ({@code "blender"} or
 * {@code "transforms.json"}) and the folder or file named by the user.
 */
public record Scene(List<SceneView> train, List<SceneView> val, List<SceneView> test, SceneBox box, String boxSource,
                    float[] background, String layout, Path source) {
    public Scene {
        train = List.copyOf(train);
        val = List.copyOf(val);
        test = List.copyOf(test);
        background = background.clone();
    }

    @Override public float[] background() { return background.clone(); }

    public int width() { return train.get(0).intrinsics().width(); }

    public int height() { return train.get(0).intrinsics().height(); }

    /** One line for logs: views per split, size, box. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s (%s): %d train, %d val, %d test views of %d×%d; box %s (%s)", source, layout,
                train.size(), val.size(), test.size(), width(), height(), box, boxSource);
    }
}
