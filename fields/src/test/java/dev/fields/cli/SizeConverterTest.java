package dev.fields.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.*;

/** Sizes on the command line: {@code N} or {@code WxH}, 1..8192 per side, one-line errors otherwise. */
class SizeConverterTest {
    private final SizeConverter c = new SizeConverter();

    @Test void squareAndRectangle() {
        assertEquals(new Size(512, 512), c.convert("512"));
        assertEquals(new Size(640, 480), c.convert("640x480"));
        assertEquals(new Size(80, 60), c.convert(" 80X60 "));
        assertEquals(new Size(1, 8192), c.convert("1x8192"));
        assertEquals("640x480", new Size(640, 480).toString());
    }

    @Test void badInputSaysWhatWasExpected() {
        for (String bad : new String[]{"", "0", "-5", "8193", "64x0", "64x", "x64", "64x64x64", "abc", "12.5", "64*64", "9999999999"}) {
            CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class, () -> c.convert(bad), bad);
            assertEquals(1, e.getMessage().lines().count());
            assertTrue(e.getMessage().contains("N or WxH") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
