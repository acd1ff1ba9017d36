package dev.fields.render;

import dev.fields.shaders.SliceDisplay;

import static org.lwjgl.glfw.GLFW.*;

/**
 * How the viewer's input adjusts a CT slice's display. Left-drag: right widens the window (less contrast), left
 * narrows it, by a factor e^(0.005·pixels); up raises the level (the picture darkens), down lowers it, by 0.2% of the
 * window per pixel. Keys: ← / → narrow / widen the window by 10%, ↑ / ↓ raise / lower the level by 5% of the window,
 * C the next colour map. The window stays within [1e-9, 1e9].
 */
final class SliceControls {
    static final double WINDOW_PER_PIXEL = 0.005, LEVEL_PER_PIXEL = 0.002, WINDOW_STEP = 1.1, LEVEL_STEP = 0.05;

    private SliceControls() {}

    /** After a drag of {@code dx, dy} screen pixels (y grows downwards). */
    static SliceDisplay drag(SliceDisplay d, double dx, double dy) {
        return widened(d, Math.exp(WINDOW_PER_PIXEL * dx)).raised(-LEVEL_PER_PIXEL * dy);
    }

    private static SliceDisplay widened(SliceDisplay d, double factor) {
        double w = Math.min(Math.max(d.window() * factor, 1e-9), 1e9);
        return d.widened(w / d.window());
    }

    /** After a GLFW key, or null when the key is not one of the slice keys. */
    static SliceDisplay key(SliceDisplay d, int key) {
        return switch (key) {
            case GLFW_KEY_LEFT -> widened(d, 1 / WINDOW_STEP);
            case GLFW_KEY_RIGHT -> widened(d, WINDOW_STEP);
            case GLFW_KEY_UP -> d.raised(LEVEL_STEP);
            case GLFW_KEY_DOWN -> d.raised(-LEVEL_STEP);
            case GLFW_KEY_C -> d.withMap(d.map().next());
            default -> null;
        };
    }
}
