package dev.fields.cli;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.spec.FieldKind;
import dev.fields.render.Viewer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fields view FILE}: the interactive viewer. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Open an interactive OpenGL viewer on a weight blob; it reloads when the file is replaced (watch a fit converge).",
                "Left-drag rotate, wheel zoom, right-drag pan, R reset; 1 Lambert, 2 normals, 3 depth, 4 step-count heat map;",
                "T toggles the baked 3-D texture (surfaces and radiance fields); S writes a screenshot PNG and camera JSON next to the blob; Esc quits.",
                "CT slices (fit-ct): left-drag right/left widens/narrows the window, up/down raises/lowers the level;",
                "arrow keys Left/Right narrow/widen the window by 10%%, Up/Down raise/lower the level by 5%% of the window;",
                "C cycles the colour map (grey, heat, viridis); R returns to the starting window/level."})
public final class ViewCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Weight blob (.field).") Path file;
    @Option(names = "--seconds", defaultValue = "0", description = "Close by itself after this many seconds (scripted captures; 0 = stay open).")
    double seconds;
    @Option(names = "--screenshot", paramLabel = "PNG", description = "Write the last view to this PNG when the window closes.")
    Path screenshot;
    @Mixin SliceOptions slice;

    @Override public Integer call() {
        // fail fast, with the blob's own one-line errors and before any window opens
        var request = slice.request(file, FieldKind.of(BlobFormat.read(file).spec()));
        Viewer.requireDisplay();
        Viewer.open(file, seconds, screenshot, request);
        return 0;
    }
}
