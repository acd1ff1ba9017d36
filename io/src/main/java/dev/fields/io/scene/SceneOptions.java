package dev.fields.io.scene;

/**
 * How {@link SceneReader} reads a scene: the background colour transparent pixels are composited over (linear RGB
 * in [0, 1]; white is the NeRF-synthetic protocol's), and the scene box when the user gives it (null: from the file's
 * {@code aabb_scale} or the cameras).
 */
public record SceneOptions(float[] background, SceneBox bounds) {
    public static final float[] WHITE = {1, 1, 1};
    public static final SceneOptions DEFAULTS = new SceneOptions(WHITE, null);

    public SceneOptions {
        if (background == null || background.length != 3) throw new IllegalArgumentException("the background is one RGB colour");
        for (float v : background)
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("background components must be in [0, 1], got " + v);
        background = background.clone();
    }

    @Override public float[] background() { return background.clone(); }

    public SceneOptions withBounds(SceneBox box) { return new SceneOptions(background, box); }

    public SceneOptions withBackground(float[] rgb) { return new SceneOptions(rgb, bounds); }
}
