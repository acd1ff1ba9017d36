package dev.fields.render;

import dev.fields.io.UserError;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.Images;
import dev.fields.io.spec.FieldKind;
import dev.fields.io.spec.SpecJson;
import dev.fields.shaders.SliceDisplay;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.opengl.GL45C.*;

/**
 * The interactive viewer: orbit camera (left-drag rotate, wheel zoom, right-drag pan, R reset), shading keys
 * (1 Lambert, 2 normals, 3 depth, 4 step count), T toggles the baked 3-D texture, S writes a screenshot PNG and the
 * camera as JSON, Esc quits. Renders at quarter resolution while the camera moves and full resolution once it rests.
 * Hot reload: when the blob file is replaced (fit commands write it by atomic rename), the view updates. If full-
 * resolution frames of the per-pixel network take longer than 150 ms, the viewer switches to the baked 3-D texture
 * by itself (once; T switches back); surfaces and radiance fields alike ({@link FieldRenderer#textureAllowed}).
 *
 * <p>CT slices ({@link FieldKind#ATTENUATION_SLICE}) have no camera: left-drag and the arrow keys change the window
 * and level, C cycles the colour map, R goes back to the starting display ({@link SliceControls}); the title shows
 * the display. The display is kept when the blob is reloaded.
 */
public final class Viewer {
    private final Path blobPath;
    private final OrbitCamera cam = new OrbitCamera();
    private FieldRenderer renderer;
    private FieldBlob blob;
    private FieldRenderer.Shading shading = FieldRenderer.Shading.LAMBERT;
    private FieldRenderer.Path path = FieldRenderer.Path.LITERAL;
    private double lastX, lastY;
    private boolean rotating, panning;
    private long lastMove;
    private final BlobWatcher watcher;
    private boolean autoChecked;
    private double seconds;
    private Path exitShot;
    private SliceDisplay.Request sliceRequest = SliceDisplay.Request.DEFAULTS;
    /** The CT slice's current display (null until a slice is loaded). */
    private SliceDisplay slice;

    private Viewer(Path blobPath) { this.blobPath = blobPath; this.watcher = new BlobWatcher(blobPath); }

    /** Opens a window on the blob and blocks until it is closed. */
    public static void open(Path blob) { open(blob, 0, null); }

    /**
     * Opens a window; with {@code seconds > 0} it closes by itself after that long (scripted captures, tests) and
     * with {@code screenshot} non-null the last view is written there as PNG when the window closes.
     */
    public static void open(Path blob, double seconds, Path screenshot) { open(blob, seconds, screenshot, SliceDisplay.Request.DEFAULTS); }

    /**
     * As {@link #open(Path, double, Path)}; a CT slice starts with {@code slice} over the blob's default display
     * (a request for any other kind of field is refused).
     */
    public static void open(Path blob, double seconds, Path screenshot, SliceDisplay.Request slice) {
        Viewer v = new Viewer(blob);
        v.seconds = seconds;
        v.exitShot = screenshot;
        v.sliceRequest = slice == null ? SliceDisplay.Request.DEFAULTS : slice;
        v.run();
    }

    private void load() {
        if (blob == null) blob = watcher.load();
        FieldRenderer next = new FieldRenderer(blob, path); // built first: if it fails, the old view stays
        try {
            if (next.kind() == FieldKind.ATTENUATION_SLICE) {
                if (slice == null) {
                    next.slice(sliceRequest);
                    slice = next.slice();
                    System.out.println("slice display: " + slice.describe() + " (drag or arrow keys: window/level; C: colour map; R: reset)");
                } else {
                    next.slice(slice);
                }
            } else {
                next.slice(sliceRequest); // refuses a request for another kind
            }
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        if (renderer != null) renderer.close();
        renderer = next;
    }

    private boolean isSlice() { return renderer != null && renderer.kind() == FieldKind.ATTENUATION_SLICE; }

    private void adjust(SliceDisplay d) {
        slice = d;
        renderer.slice(d);
    }

    /** Whether T (and the automatic switch) may take this field to the baked 3-D texture. */
    private boolean textureAllowed() { return FieldRenderer.textureAllowed(FieldKind.of(blob.spec())); }

    /** Fails with one line when there is no display to open a window on. */
    public static void requireDisplay() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null)
            throw new UserError("fields view needs a display (none found: DISPLAY is unset) — use 'fields render FILE --out PNG' headless, or run under xvfb-run");
    }

    private void run() {
        requireDisplay();
        try (GlContext ctx = GlContext.window(960, 720, "fields — " + blobPath.getFileName())) {
            long win = ctx.window();
            load();
            callbacks(win);
            long frames = 0, t0 = System.nanoTime();
            double ms = 0;
            long lastCheck = 0;
            while (!glfwWindowShouldClose(win)) {
                long now = System.nanoTime();
                if (seconds > 0 && now - t0 > seconds * 1e9) break;
                if (now - lastCheck > 500_000_000L) { lastCheck = now; reloadIfChanged(); }
                int[] w = new int[1], h = new int[1];
                glfwGetFramebufferSize(win, w, h);
                boolean moving = now - lastMove < 250_000_000L;
                long f0 = System.nanoTime();
                int div = moving ? 4 : 1;
                renderer.drawToWindow(cam, w[0], h[0], div, shading);
                glfwSwapBuffers(win);
                double frameMs = (System.nanoTime() - f0) / 1e6;
                ms = 0.9 * ms + 0.1 * frameMs;
                if (!moving && !autoChecked && frames > 2) {
                    autoChecked = true;
                    if (frameMs > 150 && path == FieldRenderer.Path.LITERAL && textureAllowed()) {
                        path = FieldRenderer.Path.TEXTURE;
                        load();
                        System.out.printf(Locale.ROOT, "frames take %.0f ms per pixel-evaluated network: switched to the baked 3-D texture (T switches back)%n", frameMs);
                        String note = FieldRenderer.textureNote(blob.spec());
                        if (note != null) System.out.println(note);
                    }
                }
                if (frames == 0) System.out.printf(Locale.ROOT, "showing %s: %s weights, %dx%d, first frame %.0f ms%n", blobPath,
                        path.name().toLowerCase(Locale.ROOT), w[0], h[0], frameMs);
                if (++frames % 10 == 0)
                    glfwSetWindowTitle(win, String.format(Locale.ROOT, "fields — %s — %s, %s — %.1f ms/frame (%.0f fps)%s", blobPath.getFileName(),
                            isSlice() ? slice.describe() : shading.name().toLowerCase(Locale.ROOT), path.name().toLowerCase(Locale.ROOT), ms,
                            1000 / Math.max(ms, 1e-3), moving ? " — moving" : ""));
                glfwWaitEventsTimeout(moving ? 0.0 : 0.25);
            }
            if (exitShot != null) screenshot(exitShot);
            renderer.close();
            System.out.printf(Locale.ROOT, "viewer closed after %d frames%n", frames);
        }
    }

    private void reloadIfChanged() {
        FieldBlob next = watcher.poll();
        if (next != null) {
            FieldBlob old = blob;
            blob = next;
            try {
                load();
                System.out.printf(Locale.ROOT, "reloaded %s (step %d)%n", blobPath, next.provenance().steps());
            } catch (RuntimeException e) {
                blob = old;
                System.err.println("kept the previous field: the replaced blob does not render (" + e.getMessage() + ")");
            }
        } else if (watcher.lastError() != null) {
            System.err.println("skipped a replaced blob that does not read: " + watcher.lastError());
        }
    }

    private void callbacks(long win) {
        glfwSetMouseButtonCallback(win, (w, button, action, mods) -> {
            boolean down = action == GLFW_PRESS;
            if (button == GLFW_MOUSE_BUTTON_LEFT) rotating = down;
            if (button == GLFW_MOUSE_BUTTON_RIGHT || button == GLFW_MOUSE_BUTTON_MIDDLE) panning = down;
        });
        glfwSetCursorPosCallback(win, (w, x, y) -> {
            double dx = x - lastX, dy = y - lastY;
            lastX = x; lastY = y;
            if (rotating && isSlice()) { adjust(SliceControls.drag(slice, dx, dy)); lastMove = System.nanoTime(); }
            else if (rotating) { cam.set(cam.azimuth - 0.4 * dx, cam.elevation + 0.4 * dy, cam.distance); lastMove = System.nanoTime(); }
            if (panning) {
                org.joml.Vector3f f = new org.joml.Vector3f(), r = new org.joml.Vector3f(), u = new org.joml.Vector3f();
                cam.basis(f, r, u);
                float s = (float) (0.002 * cam.distance);
                cam.target.add(r.mul((float) -dx * s)).add(u.mul((float) dy * s));
                lastMove = System.nanoTime();
            }
        });
        glfwSetScrollCallback(win, (w, sx, sy) -> { cam.set(cam.azimuth, cam.elevation, Math.max(0.3, cam.distance * Math.pow(0.9, sy))); lastMove = System.nanoTime(); });
        glfwSetKeyCallback(win, (w, key, sc, action, mods) -> {
            if (action == GLFW_RELEASE) return;
            SliceDisplay adjusted = isSlice() ? SliceControls.key(slice, key) : null;
            if (adjusted != null) { adjust(adjusted); lastMove = System.nanoTime(); return; }
            if (action != GLFW_PRESS) return;
            switch (key) {
                case GLFW_KEY_ESCAPE -> glfwSetWindowShouldClose(w, true);
                case GLFW_KEY_R -> {
                    cam.set(30, 20, 3.2);
                    cam.target.zero();
                    if (isSlice()) adjust(sliceRequest.over(renderer.defaultSlice()));
                }
                case GLFW_KEY_1 -> shading = FieldRenderer.Shading.LAMBERT;
                case GLFW_KEY_2 -> shading = FieldRenderer.Shading.NORMALS;
                case GLFW_KEY_3 -> shading = FieldRenderer.Shading.DEPTH;
                case GLFW_KEY_4 -> shading = FieldRenderer.Shading.STEPS;
                case GLFW_KEY_T -> {
                    if (textureAllowed()) {
                        path = path == FieldRenderer.Path.TEXTURE ? FieldRenderer.Path.LITERAL : FieldRenderer.Path.TEXTURE;
                        load();
                        String note = path == FieldRenderer.Path.TEXTURE ? FieldRenderer.textureNote(blob.spec()) : null;
                        if (note != null) System.out.println(note);
                    }
                }
                case GLFW_KEY_S -> screenshot();
                default -> { }
            }
            lastMove = System.nanoTime();
        });
    }

    private void screenshot() {
        String stem = blobPath.getFileName().toString().replace(".field", "");
        screenshot(blobPath.resolveSibling(stem + "_view_" + System.currentTimeMillis() / 1000 + ".png"));
    }

    private void screenshot(Path png) {
        FieldRenderer.Frame f = renderer.render(cam, 1024, 768, shading);
        Images.writePng(png, f.image());
        try {
            dev.fields.io.AtomicFiles.writeString(png.resolveSibling(png.getFileName().toString().replaceFirst("(\\.png)?$", ".camera.json")),
                    SpecJson.MAPPER.writeValueAsString(Map.of("azimuth", cam.azimuth, "elevation", cam.elevation, "distance", cam.distance,
                            "target", new float[]{cam.target.x, cam.target.y, cam.target.z}, "fov", cam.fovDeg)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        System.out.println("screenshot " + png);
    }
}
