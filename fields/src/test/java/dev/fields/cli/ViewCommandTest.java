package dev.fields.cli;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.Head;
import dev.fields.shaders.ColourMap;
import dev.fields.shaders.SliceDisplay;
import dev.fields.render.AnalyticFields;
import dev.fields.render.CpuTracer;
import dev.fields.render.OrbitCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code fields view} in a real window: on the user's display, or on an Xvfb server this test starts (CI installs
 * xvfb; there the test must run). The viewer is started as its own process, the blob is replaced by atomic rename
 * while the window is open, and the screenshot written at exit must show the new field.
 */
class ViewCommandTest {
    @TempDir Path dir;
    private static Process xvfb;
    private static String display;

    @BeforeAll static void display() throws Exception {
        display = System.getenv("DISPLAY");
        if (display == null && canRun("Xvfb")) {
            xvfb = new ProcessBuilder("Xvfb", ":97", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(1500);
            if (xvfb.isAlive()) display = ":97";
        }
        if (display == null && "true".equals(System.getenv("CI"))) fail("CI must run the viewer test: install xvfb (no DISPLAY and no Xvfb found)");
        assumeTrue(display != null, "no display and no Xvfb here");
    }

    @AfterAll static void stop() {
        if (xvfb != null) xvfb.destroy();
    }

    private static boolean canRun(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d, exe))) return true;
        return false;
    }

    private static void replace(Path target, byte[] bytes) throws Exception {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static double coverage(FloatImage img) {
        int fg = 0;
        for (int y = 0; y < img.height(); y++)
            for (int x = 0; x < img.width(); x++)
                if (Math.abs(img.get(x, y, 0) - 0xf2 / 255f) > 0.02 || Math.abs(img.get(x, y, 2) - 0xf2 / 255f) > 0.02) fg++;
        return fg / (double) (img.width() * img.height());
    }

    @Test void viewerFollowsAReplacedBlobAndWritesTheScreenshot() throws Exception {
        Path blob = dir.resolve("live.field"), shot = dir.resolve("shot.png");
        BlobFormat.write(blob, AnalyticFields.octahedron(0.35, false));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "dev.fields.cli.Main", "view", blob.toString(), "--seconds", "8", "--screenshot", shot.toString()).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (Exception ignored) { }
        });
        reader.start();
        long t0 = System.nanoTime();
        while (lines.stream().noneMatch(l -> l.startsWith("showing")) && p.isAlive() && System.nanoTime() - t0 < 60e9) Thread.sleep(100);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("showing")), "the window showed a first frame: " + lines);
        replace(blob, BlobFormat.toBytes(AnalyticFields.octahedron(0.8, false)));
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the viewer closes after --seconds");
        reader.join(5000);
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("reloaded")), "hot reload happened: " + lines);

        FloatImage img = Images.read(shot);
        assertEquals(1024, img.width());
        assertEquals(768, img.height());
        // the screenshot shows the replacement: its coverage matches the CPU tracer of the new field, not the old one
        OrbitCamera cam = new OrbitCamera();
        CpuTracer.Hits big = CpuTracer.trace(AnalyticFields.octahedron(0.8, false), cam, 256, 192, 96);
        CpuTracer.Hits small = CpuTracer.trace(AnalyticFields.octahedron(0.35, false), cam, 256, 192, 96);
        double got = coverage(img), want = hitFraction(big), old = hitFraction(small);
        assertTrue(want > old + 0.05, want + " vs " + old);
        assertEquals(want, got, 0.02, "screenshot coverage " + got + " (old field would give " + old + ")");
        assertTrue(Files.exists(dir.resolve("shot.camera.json")));
    }

    /** A CT slice opened with a window/level and colour map: the viewer says so, and its screenshot is the CPU twin's picture. */
    @Test void aSliceOpensWithTheAskedWindowLevelAndColourMap() throws Exception {
        Path blob = dir.resolve("ramp.field"), shot = dir.resolve("slice.png");
        BlobFormat.write(blob, AnalyticFields.ramp(40, 30, Head.IDENTITY, Map.of()));
        List<String> lines = runViewer(blob, "--seconds", "3", "--screenshot", shot.toString(), "--window", "0.4", "--level", "0.45", "--colour-map", "viridis");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("slice display: viridis, window 0.4 level 0.45")), String.join("\n", lines));
        FloatImage img = Images.read(shot);
        CpuTracer.Picture cpu = CpuTracer.image(BlobFormat.read(blob), img.width(), img.height(), new SliceDisplay(ColourMap.VIRIDIS, 0.4, 0.45));
        double worst = 0;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 5)
                for (int c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(cpu.rgb()[3 * (y * img.width() + x) + c] - img.get(x, y, c)) * 255);
        assertTrue(worst <= 1.01, "screenshot vs CPU twin: " + worst + " of 255");
    }

    private List<String> runViewer(Path blob, String... options) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "dev.fields.cli.Main", "view", blob.toString()));
        cmd.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            lines = r.lines().toList();
        }
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the viewer closes after --seconds");
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return lines;
    }

    private static double hitFraction(CpuTracer.Hits h) {
        int n = 0;
        for (float t : h.t()) if (t >= 0) n++;
        return n / (double) h.t().length;
    }
}
