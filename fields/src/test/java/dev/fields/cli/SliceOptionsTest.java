package dev.fields.cli;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.spec.Head;
import dev.fields.render.AnalyticFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --window}, {@code --level} and {@code --colour-map} on render and view: refused in one line (exit 2) for
 * fields that are not CT slices and for values that are not a window, before any window or GL context opens; both
 * commands' help documents them.
 */
class SliceOptionsTest {
    @TempDir Path dir;

    @Test void sliceOptionsOnOtherFieldsOrWithBadValuesAreOneLineAndExitTwo() {
        Path shape = dir.resolve("oct.field"), slice = dir.resolve("ramp.field"), out = dir.resolve("never.png");
        BlobFormat.write(shape, AnalyticFields.octahedron(0.7, false));
        BlobFormat.write(slice, AnalyticFields.ramp(40, 30, Head.IDENTITY, Map.of()));
        Object[][] cases = {
                {"--window", new String[]{"render", shape.toString(), "--out", out.toString(), "--window", "1"}},
                {"--level", new String[]{"render", shape.toString(), "--out", out.toString(), "--level", "0.5"}},
                {"--colour-map", new String[]{"render", shape.toString(), "--out", out.toString(), "--colour-map", "grey"}},
                {"--colour-map", new String[]{"view", shape.toString(), "--colormap", "heat"}},
                {"--window", new String[]{"view", shape.toString(), "--window", "2", "--level", "1"}},
                {"--window must be a positive number", new String[]{"render", slice.toString(), "--out", out.toString(), "--window", "0"}},
                {"--window must be a positive number", new String[]{"view", slice.toString(), "--window", "-0.5"}},
                {"--level must be a finite number", new String[]{"render", slice.toString(), "--out", out.toString(), "--level", "NaN"}},
                {"unknown colour map 'jet': use one of grey, heat, viridis", new String[]{"render", slice.toString(), "--out", out.toString(), "--colour-map", "jet"}},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[1];
            CliRunner r = CliRunner.run(args);
            String line = String.join(" ", args) + ": " + r.err();
            assertEquals(2, r.code(), line);
            assertEquals(1, r.err().strip().lines().count(), line);
            assertTrue(r.err().contains((String) c[0]), line);
            assertFalse(Files.exists(out), line);
        }
        CliRunner other = CliRunner.run("render", shape.toString(), "--out", out.toString(), "--window", "1");
        assertTrue(other.err().contains("SDF_SURFACE") && other.err().contains("drop them"), other.err());
    }

    @Test void helpDocumentsWindowLevelAndTheViewersKeys() {
        String render = CliRunner.run("render", "--help").out(), view = CliRunner.run("view", "--help").out();
        for (String h : new String[]{render, view})
            for (String s : new String[]{"--window", "--level", "--colour-map", "grey (default), heat or viridis"}) assertTrue(h.contains(s), s + " in\n" + h);
        assertTrue(view.contains("C cycles the colour map"), view);
        assertTrue(view.contains("raises/lowers the level"), view);
    }
}
