package dev.fields.cli;

import java.nio.file.Path;

/** Opens the interactive viewer on a blob from a fit command ({@code --view}). */
final class ViewerLauncher {
    private ViewerLauncher() {}

    static void open(Path blob) {
        System.out.println("the viewer is not available in this build; render the blob later with 'fields view " + blob + "'");
    }
}
