package dev.fields.io.spec;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** One decision of how a field is drawn, from its declared outputs, and one message when nothing draws it. */
class FieldKindTest {
    static FieldSpec spec(int dim, Output... outs) {
        return new FieldSpec(dim, new EncodingSpec.Identity(), NetworkSpec.relu(Parameterization.PLAIN, 4), List.of(outs), Frame.box(dim, -1, 1), 0);
    }

    @Test void everyKindIsChosenFromTheOutputsItDeclares() {
        assertEquals(FieldKind.IMAGE_2D, FieldKind.of(spec(2, new Output(Channel.IMAGE, 3, Head.SIGMOID))));
        assertEquals(FieldKind.IMAGE_2D, FieldKind.of(spec(2, new Output(Channel.IMAGE, 1, Head.IDENTITY))));
        assertEquals(FieldKind.ATTENUATION_SLICE, FieldKind.of(spec(2, new Output(Channel.ATTENUATION, 1, Head.SOFTPLUS))));
        assertEquals(FieldKind.SDF_SURFACE, FieldKind.of(spec(3, new Output(Channel.SDF, 1, Head.IDENTITY))));
        assertEquals(FieldKind.OCCUPANCY_SURFACE, FieldKind.of(spec(3, new Output(Channel.OCCUPANCY, 1, Head.SIGMOID))));
        assertEquals(FieldKind.RADIANCE, FieldKind.of(spec(3, new Output(Channel.DENSITY, 1, Head.RELU), new Output(Channel.RGB, 3, Head.SIGMOID))));
        // outputs after the ones a kind reads are carried along
        assertEquals(FieldKind.SDF_SURFACE, FieldKind.of(spec(3, new Output(Channel.SDF, 1, Head.IDENTITY), new Output(Channel.RGB, 3, Head.SIGMOID))));
        for (FieldKind k : FieldKind.values()) {
            Output[] outs = k.needs().stream()
                    .map(n -> new Output(n.channel(), n.sizes().iterator().next(), n.heads().iterator().next())).toArray(Output[]::new);
            assertEquals(k, FieldKind.of(spec(k.inputDim(), outs)), "a field made of exactly what " + k + " needs");
        }
    }

    @Test void codesAreDistinct() {
        assertEquals(FieldKind.values().length, java.util.Arrays.stream(FieldKind.values()).mapToInt(FieldKind::code).distinct().count());
    }

    @Test void fieldsNoRendererTakesGetOneLineNamingWhatIsTaken() {
        Output[][] bad = {
                {new Output(Channel.SDF, 1, Head.SIGMOID)},                                    // an SDF that cannot go negative
                {new Output(Channel.OCCUPANCY, 1, Head.IDENTITY)},                             // logits are not a probability
                {new Output(Channel.RGB, 3, Head.SIGMOID), new Output(Channel.DENSITY, 1, Head.RELU)}, // read by position
                {new Output(Channel.DENSITY, 1, Head.RELU)},
                {new Output(Channel.IMAGE, 2, Head.SIGMOID)},
        };
        for (Output[] outs : bad) {
            UserError e = assertThrows(UserError.class, () -> FieldKind.of(spec(3, outs)));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("no renderer draws a 3-D field with outputs " + outs[0].channel() + "("), e.getMessage());
            assertTrue(e.getMessage().contains("3-D SDF(1, identity head)") && e.getMessage().contains("3-D DENSITY(1) then RGB(3)")
                    && e.getMessage().contains("2-D IMAGE(1|3)"), e.getMessage());
        }
        assertThrows(UserError.class, () -> FieldKind.of(spec(2, new Output(Channel.SDF, 1, Head.IDENTITY))));
        assertThrows(UserError.class, () -> FieldKind.of(spec(3, new Output(Channel.IMAGE, 3, Head.SIGMOID))));
        assertThrows(UserError.class, () -> FieldKind.of(spec(1, new Output(Channel.IMAGE, 1, Head.SIGMOID))));
    }
}
