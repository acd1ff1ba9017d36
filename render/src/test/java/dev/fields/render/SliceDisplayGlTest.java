package dev.fields.render;

import dev.fields.io.UserError;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.PixelGrid;
import dev.fields.io.blob.ValueRange;
import dev.fields.io.spec.*;
import dev.fields.shaders.ColourMap;
import dev.fields.shaders.SliceDisplay;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * CT slices through a window/level and a colour map: the GL quad and the CPU twin agree pixel for pixel for every
 * map at a window that clips at both ends; a slice whose values are known gives the expected grey levels; the default
 * window comes from the fit's recorded value range, a sigmoid head's [0, 1], or the drawn values.
 */
class SliceDisplayGlTest extends GlTest {
    static final int W = 40, H = 30;

    static FieldBlob randomSlice(Head head) {
        FieldBlob b = GlslParityTest.random(new EncodingSpec.GaussianFourier(6, 1.0), NetworkSpec.Type.MLP, Activation.RELU, 2,
                List.of(new Output(Channel.ATTENUATION, 1, head)), 9);
        return FieldBlob.field(b.spec().withFrame(Frame.box(2, 0, 1).withResolution(W, H)), b.tensors(), b.provenance());
    }

    private static int channel(int px, int c) { return px >> (16 - 8 * c) & 255; }

    @Test void glAndCpuTwinAgreeForEveryColourMapAtAWindowThatClips() {
        FieldBlob slice = randomSlice(Head.SIGMOID);
        CpuTracer.Picture values = CpuTracer.image(slice, W, H, new SliceDisplay(ColourMap.GREY, 1, 0.5));
        ValueRange r = ValueRange.of(values.values());
        // a window over the middle third of the values: some pixels fall below it, some above
        double lo = r.low() + (r.high() - r.low()) / 3, hi = r.high() - (r.high() - r.low()) / 3;
        int inside = 0; // a pixel in the middle of the window, where every map has a colour of its own
        while (Math.abs(values.values()[inside] - 0.5 * (lo + hi)) > 0.2 * (hi - lo)) inside++;
        int[] middle = new int[ColourMap.values().length];
        for (FieldRenderer.Path path : new FieldRenderer.Path[]{FieldRenderer.Path.LITERAL, FieldRenderer.Path.BUFFER})
            try (FieldRenderer gl = new FieldRenderer(slice, path)) {
                for (ColourMap map : ColourMap.values()) {
                    SliceDisplay d = new SliceDisplay(map, hi - lo, 0.5 * (lo + hi));
                    gl.slice(d);
                    FieldRenderer.Frame f = gl.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT);
                    CpuTracer.Picture cpu = CpuTracer.image(slice, W, H, d);
                    int below = 0, above = 0;
                    double worst = 0;
                    for (int i = 0; i < W * H; i++) {
                        int px = f.image().getRGB(i % W, i / W);
                        for (int c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(cpu.rgb()[3 * i + c] * 255 - channel(px, c)));
                        double t = d.position(cpu.values()[i]);
                        if (t == 0) below++;
                        if (t == 1) above++;
                    }
                    assertTrue(worst <= 1.01, path + " " + map + ": GL and CPU differ by " + worst + " of 255");
                    assertTrue(below > W * H / 20 && above > W * H / 20, map + ": the window clips both ends (" + below + " below, " + above + " above)");
                    middle[map.ordinal()] = f.image().getRGB(inside % W, inside / W) & 0xffffff;
                    if (map == ColourMap.GREY)
                        for (int i = 0; i < W * H; i++) {
                            int px = f.image().getRGB(i % W, i / W);
                            assertTrue(channel(px, 0) == channel(px, 1) && channel(px, 1) == channel(px, 2), "grey at pixel " + i);
                        }
                }
            }
        assertEquals(ColourMap.values().length, java.util.Arrays.stream(middle).distinct().count(), "each map colours differently");
    }

    @Test void aKnownSliceGivesTheExpectedGreyLevels() {
        FieldBlob ramp = AnalyticFields.ramp(W, H, Head.IDENTITY, Map.of()); // pixel (col, row) holds col / 40
        SliceDisplay d = new SliceDisplay(ColourMap.GREY, 0.4, 0.45);       // t = (x − 0.25) / 0.4
        // col → expected grey: below the window, inside it, at its top and above it
        int[][] expected = {{0, 0}, {10, 0}, {14, 64}, {20, 159}, {23, 207}, {26, 255}, {39, 255}};
        try (FieldRenderer gl = new FieldRenderer(ramp, FieldRenderer.Path.LITERAL)) {
            gl.slice(d);
            FieldRenderer.Frame f = gl.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT);
            CpuTracer.Picture cpu = CpuTracer.image(ramp, W, H, d);
            for (int[] e : expected)
                for (int row : new int[]{0, H / 2, H - 1}) {
                    double exact = 255 * Math.min(Math.max((e[0] / 40.0 - 0.25) / 0.4, 0), 1);
                    assertEquals(e[1], Math.round(exact), "the expectation itself at col " + e[0]);
                    int px = f.image().getRGB(e[0], row);
                    for (int c = 0; c < 3; c++) {
                        assertEquals(e[1], channel(px, c), 1, "GL grey at col " + e[0] + ", row " + row);
                        assertEquals(exact, cpu.rgb()[3 * (row * W + e[0]) + c] * 255, 1e-3, "CPU grey at col " + e[0] + ", row " + row);
                    }
                }
            // the same slice through heat at t = 0.625 (col 20): (1.5 t, 1.5 t − 0.5, 2.6 t − 1.6), clamped
            gl.slice(d.withMap(ColourMap.HEAT));
            int px = gl.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT).image().getRGB(20, 3);
            double[] heat = {0.9375, 0.4375, 0.025};
            for (int c = 0; c < 3; c++) assertEquals(255 * heat[c], channel(px, c), 1.01, "heat channel " + c);
        }
    }

    @Test void aSliceIsDrawnWithItsYAxisUpAsTheReconstructionGridStoresIt() {
        FieldBlob ramp = AnalyticFields.rampY(W, H, Head.IDENTITY, Map.of()); // attenuation = y on [0, 1]²
        SliceDisplay d = new SliceDisplay(ColourMap.GREY, 1, 0.5);
        try (FieldRenderer gl = new FieldRenderer(ramp, FieldRenderer.Path.LITERAL)) {
            gl.slice(d);
            FieldRenderer.Frame f = gl.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT);
            CpuTracer.Picture cpu = CpuTracer.image(ramp, W, H, d);
            for (int row = 0; row < H; row++) {
                double y = 1 - PixelGrid.resampled(row, H, H); // row 0 at the top is y near 1
                assertEquals(255 * y, channel(f.image().getRGB(W / 2, row), 0), 1.01, "GL grey of row " + row);
                assertEquals(y, cpu.rgb()[3 * (row * W + W / 2)], 1e-5, "CPU grey of row " + row);
            }
            assertTrue(channel(f.image().getRGB(W / 2, 0), 0) > 240 && channel(f.image().getRGB(W / 2, H - 1), 0) < 15, "bright top, dark bottom");
        }
    }

    @Test void theDefaultWindowComesFromTheRecordedRangeASigmoidOrTheDrawnValues() {
        FieldBlob recorded = AnalyticFields.ramp(W, H, Head.IDENTITY, new ValueRange(0.1, 0.6).metrics());
        FieldBlob bare = AnalyticFields.ramp(W, H, Head.IDENTITY, Map.of());
        try (FieldRenderer a = new FieldRenderer(recorded, FieldRenderer.Path.LITERAL);
             FieldRenderer b = new FieldRenderer(bare, FieldRenderer.Path.LITERAL);
             FieldRenderer c = new FieldRenderer(randomSlice(Head.SIGMOID), FieldRenderer.Path.LITERAL)) {
            assertEquals(new SliceDisplay(ColourMap.GREY, 0.5, 0.35), round(a.slice()));
            assertEquals(new SliceDisplay(ColourMap.GREY, 1, 0.5), c.slice());
            // without either, the 0.5th–99.5th percentiles of the slice on its own 40 × 30 grid: columns 0 .. 39 / 40
            float[] cols = new float[W * H];
            for (int i = 0; i < cols.length; i++) cols[i] = (i % W) / 40f;
            SliceDisplay want = SliceDisplay.spanning(ColourMap.GREY, ValueRange.of(cols));
            assertEquals(want.window(), b.slice().window(), 1e-6);
            assertEquals(want.level(), b.slice().level(), 1e-6);
            assertEquals(want.window(), CpuTracer.defaultSlice(bare).window(), 1e-6);
            assertEquals(want.level(), CpuTracer.defaultSlice(bare).level(), 1e-6);
            // the default render draws that window: col 20 (x = 0.5) at the recorded [0.1, 0.6] is t = 0.8
            int px = a.render(new OrbitCamera(), W, H, FieldRenderer.Shading.LAMBERT).image().getRGB(20, 0);
            assertEquals(0.8 * 255, channel(px, 0), 1.01);
            // a request keeps the parts it does not name
            a.slice(new SliceDisplay.Request(ColourMap.VIRIDIS, null, 0.2));
            assertEquals(new SliceDisplay(ColourMap.VIRIDIS, 0.5, 0.2), round(a.slice()));
        }
    }

    @Test void otherKindsRefuseAWindow() {
        try (FieldRenderer r = new FieldRenderer(AnalyticFields.octahedron(0.7, false), FieldRenderer.Path.LITERAL)) {
            UserError e = assertThrows(UserError.class, () -> r.slice(new SliceDisplay(ColourMap.GREY, 1, 0.5)));
            assertTrue(e.getMessage().contains("SDF_SURFACE"), e.getMessage());
            r.slice(SliceDisplay.Request.DEFAULTS); // nothing asked: nothing to refuse
        }
    }

    private static SliceDisplay round(SliceDisplay d) {
        return new SliceDisplay(d.map(), Math.round(d.window() * 1e9) / 1e9, Math.round(d.level() * 1e9) / 1e9);
    }
}
