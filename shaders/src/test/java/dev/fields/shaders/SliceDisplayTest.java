package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.ValueRange;
import dev.fields.io.spec.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Window/level: the mapping, the defaults a blob brings, and requests over them. */
class SliceDisplayTest {
    @Test void windowAndLevelMapValuesOntoTheColourMap() {
        SliceDisplay d = new SliceDisplay(ColourMap.GREY, 0.4, 0.45); // [0.25, 0.65]
        assertEquals(0, d.position(-3));
        assertEquals(0, d.position(0.25), 1e-12);
        assertEquals(0.5, d.position(0.45), 1e-12);
        assertEquals(0.625, d.position(0.5), 1e-12);
        assertEquals(1, d.position(0.65), 1e-12);
        assertEquals(1, d.position(7));
        float[] c = d.rgb(0.5, new float[4], 1);
        assertArrayEquals(new float[]{0, 0.625f, 0.625f, 0.625f}, c);
        assertThrows(IllegalArgumentException.class, () -> new SliceDisplay(ColourMap.GREY, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SliceDisplay(ColourMap.GREY, 1, Double.NaN));
    }

    @Test void aRangeIsSpannedAndASingleValueGetsAWindowOfOne() {
        SliceDisplay d = SliceDisplay.spanning(ColourMap.HEAT, new ValueRange(0.2, 1.0));
        assertEquals(0.8, d.window(), 1e-12);
        assertEquals(0.6, d.level(), 1e-12);
        SliceDisplay flat = SliceDisplay.spanning(ColourMap.GREY, new ValueRange(3, 3));
        assertEquals(1, flat.window());
        assertEquals(3, flat.level());
    }

    private static FieldBlob blob(Head head, Map<String, Double> metrics) {
        FieldSpec spec = new FieldSpec(2, new EncodingSpec.Identity(), NetworkSpec.relu(Parameterization.PLAIN, 4),
                List.of(new Output(Channel.ATTENUATION, 1, head)), Frame.box(2, -1, 1), 0);
        return FieldBlob.field(spec, Map.of(), new Provenance("ct", 0, 0, metrics, "test", "", Map.of()));
    }

    @Test void theDeclaredRangeIsTheRecordedOneElseASigmoidsElseUnknown() {
        assertEquals(new ValueRange(0.1, 2.5), SliceDisplay.declaredRange(blob(Head.SOFTPLUS, new ValueRange(0.1, 2.5).metrics())).orElseThrow());
        assertEquals(new ValueRange(0.1, 2.5), SliceDisplay.declaredRange(blob(Head.SIGMOID, new ValueRange(0.1, 2.5).metrics())).orElseThrow());
        assertEquals(new ValueRange(0, 1), SliceDisplay.declaredRange(blob(Head.SIGMOID, Map.of("psnr", 30.0))).orElseThrow());
        assertTrue(SliceDisplay.declaredRange(blob(Head.SOFTPLUS, Map.of())).isEmpty());
    }

    @Test void aRequestReplacesOnlyWhatItNames() {
        SliceDisplay base = new SliceDisplay(ColourMap.GREY, 2, 1);
        assertEquals(base, SliceDisplay.Request.DEFAULTS.over(base));
        assertTrue(SliceDisplay.Request.DEFAULTS.isEmpty());
        assertEquals(new SliceDisplay(ColourMap.GREY, 0.5, 1), new SliceDisplay.Request(null, 0.5, null).over(base));
        assertEquals(new SliceDisplay(ColourMap.VIRIDIS, 2, -1), new SliceDisplay.Request(ColourMap.VIRIDIS, null, -1.0).over(base));
        assertEquals(new SliceDisplay(ColourMap.GREY, 2.2, 1), base.widened(1.1).withMap(ColourMap.GREY).raised(0));
        assertEquals(1.5, base.raised(0.25).level(), 1e-12);
    }

    @Test void theDescriptionIsShort() {
        assertEquals("grey, window 0.5 level 0.35", new SliceDisplay(ColourMap.GREY, 0.6 - 0.1, 0.35).describe());
        assertEquals("viridis, window 1234 level -0.0001235", new SliceDisplay(ColourMap.VIRIDIS, 1234.4, -0.00012345678).describe());
    }
}
