package dev.fields.render;

import dev.fields.shaders.ColourMap;
import dev.fields.shaders.SliceDisplay;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.lwjgl.glfw.GLFW.*;

/** The viewer's window/level input for CT slices, as the README and the view command's help describe it. */
class SliceControlsTest {
    static final SliceDisplay START = new SliceDisplay(ColourMap.GREY, 0.8, 0.4);

    @Test void draggingRightWidensAndDraggingUpRaisesTheLevel() {
        SliceDisplay wider = SliceControls.drag(START, 100, 0);
        assertEquals(0.8 * Math.exp(0.5), wider.window(), 1e-12);
        assertEquals(0.4, wider.level(), 1e-12);
        assertTrue(SliceControls.drag(START, -100, 0).window() < START.window());
        SliceDisplay up = SliceControls.drag(START, 0, -50); // screen y grows downwards
        assertEquals(0.4 + 0.1 * 0.8, up.level(), 1e-12);
        assertEquals(0.8, up.window(), 1e-12);
        assertTrue(SliceControls.drag(START, 0, 50).level() < START.level());
        assertEquals(1e-9, SliceControls.drag(START, -1e6, 0).window(), 1e-15, "the window never reaches zero");
        assertEquals(1e9, SliceControls.drag(START, 1e6, 0).window(), 1, "nor infinity");
    }

    @Test void arrowKeysStepAndCCyclesTheColourMaps() {
        assertEquals(0.88, SliceControls.key(START, GLFW_KEY_RIGHT).window(), 1e-12);
        assertEquals(0.8 / 1.1, SliceControls.key(START, GLFW_KEY_LEFT).window(), 1e-12);
        assertEquals(0.44, SliceControls.key(START, GLFW_KEY_UP).level(), 1e-12);
        assertEquals(0.36, SliceControls.key(START, GLFW_KEY_DOWN).level(), 1e-12);
        SliceDisplay d = START;
        for (int i = 0; i < ColourMap.values().length; i++) {
            d = SliceControls.key(d, GLFW_KEY_C);
            assertEquals(ColourMap.values()[(i + 1) % ColourMap.values().length], d.map());
        }
        assertEquals(START, d);
        assertNull(SliceControls.key(START, GLFW_KEY_T), "other keys keep their 3-D meaning");
    }
}
