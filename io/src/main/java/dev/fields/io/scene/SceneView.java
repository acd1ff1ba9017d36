package dev.fields.io.scene;

import dev.fields.io.image.FloatImage;

import java.nio.file.Path;

/**
 * One posed photograph: its name in messages (the file and frame it came from), the image file, the camera's
 * intrinsics and camera-to-world pose (16 values, row-major, OpenGL camera axes: see {@link CameraPose}), and the
 * pixels as linear RGB (3 channels, row 0 at the top) already composited over the scene's background.
 */
public record SceneView(String name, Path image, PinholeIntrinsics intrinsics, double[] cameraToWorld, FloatImage rgb) {
    public SceneView {
        if (cameraToWorld.length != 16) throw new IllegalArgumentException("a pose has 16 entries");
        if (rgb != null && (rgb.width() != intrinsics.width() || rgb.height() != intrinsics.height() || rgb.channels() != 3))
            throw new IllegalArgumentException("the image must be RGB of the intrinsics' size");
        cameraToWorld = cameraToWorld.clone();
    }

    @Override public double[] cameraToWorld() { return cameraToWorld.clone(); }
}
