package dev.fields.cli;

import dev.fields.render.Viewer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --view} on the fit commands: opens the viewer while training runs. The window waits for the run's first
 * blob (published at the first checkpoint), then follows every republished blob by hot reload; the command returns
 * once training is done and the window is closed. A missing display is reported before training starts.
 */
final class ViewerLauncher {
    private final Thread thread;

    private ViewerLauncher(Path blob) {
        thread = new Thread(() -> {
            try {
                while (!Files.exists(blob)) Thread.sleep(200);
                Viewer.open(blob);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("fields view: " + e.getMessage() + " (training goes on)");
            }
        }, "viewer");
        thread.setDaemon(true);
    }

    /** Starts the viewer on {@code blob} (which may not exist yet); null when {@code enabled} is false. */
    static ViewerLauncher startIf(boolean enabled, Path blob) {
        if (!enabled) return null;
        Viewer.requireDisplay();
        ViewerLauncher v = new ViewerLauncher(blob);
        v.thread.start();
        return v;
    }

    /** After training: waits until the user closes the window. */
    static void awaitClose(ViewerLauncher v) {
        if (v == null || !v.thread.isAlive()) return;
        System.out.println("training done; the viewer stays open until you close it");
        try {
            v.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
