package dev.fields.render;

import dev.fields.io.UserError;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;

import static org.lwjgl.glfw.GLFW.*;

/**
 * An OpenGL 4.5 core context. Headless: a hidden GLFW window; without a display GLFW's null platform with an EGL
 * context (Mesa's software renderer works). Windowed: a visible GLFW window for the viewer. Failure to get any context
 * is a {@link UserError} naming the packages to install.
 */
public final class GlContext implements AutoCloseable {
    private static String lastError = "";
    private static boolean initialized;
    final long window;

    private GlContext(long window) { this.window = window; }

    private static synchronized void init() {
        if (initialized) return;
        GLFWErrorCallback.create((code, desc) -> lastError = GLFWErrorCallback.getDescription(desc)).set();
        boolean ok = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null ? glfwInit() : false;
        if (!ok) {
            glfwInitHint(GLFW_PLATFORM, GLFW_PLATFORM_NULL);
            ok = glfwInit();
        }
        if (!ok) throw noGl("GLFW cannot start (" + lastError + ")");
        initialized = true;
    }

    static UserError noGl(String why) {
        return new UserError("no OpenGL available: " + why + " — install libegl1 libegl-mesa0 libgl1-mesa-dri (Mesa's software OpenGL) or run under xvfb-run");
    }

    /** A hidden context for offscreen rendering and compute. */
    public static GlContext headless() { return create(64, 64, false, "fields"); }

    /** A visible window with a context. */
    public static GlContext window(int w, int h, String title) { return create(w, h, true, title); }

    private static synchronized GlContext create(int w, int h, boolean visible, String title) {
        try {
            init();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError e) {
            throw noGl("the GLFW native library does not load (" + e.getMessage() + ")");
        }
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 4);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 5);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        if (glfwGetPlatform() == GLFW_PLATFORM_NULL) glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_EGL_CONTEXT_API);
        if (visible && glfwGetPlatform() == GLFW_PLATFORM_NULL)
            throw new dev.fields.io.UserError("cannot open a window: the display " + System.getenv("DISPLAY") + " does not answer (" + lastError
                    + ") — check DISPLAY / X forwarding, or render headless with 'fields render FILE --out PNG'");
        long win = glfwCreateWindow(w, h, title, 0, 0);
        if (win == 0) throw noGl("no OpenGL 4.5 context (" + lastError + ")");
        glfwMakeContextCurrent(win);
        GL.createCapabilities();
        return new GlContext(win);
    }

    /** Whether an OpenGL context can be made here (tests use this to decide whether to skip). */
    public static boolean available() {
        try (GlContext c = headless()) {
            return true;
        } catch (UserError | UnsatisfiedLinkError e) {
            return false;
        }
    }

    public long window() { return window; }

    @Override public void close() {
        glfwMakeContextCurrent(0);
        glfwDestroyWindow(window);
    }
}
