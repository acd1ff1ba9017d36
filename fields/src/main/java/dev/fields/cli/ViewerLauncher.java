package dev.fields.cli;

import dev.fields.render.Viewer;

import java.nio.file.Path;

/** Opens the interactive viewer on a blob from a fit command ({@code --view}). */
final class ViewerLauncher {
    private ViewerLauncher() {}

    static void open(Path blob) { Viewer.open(blob); }
}
