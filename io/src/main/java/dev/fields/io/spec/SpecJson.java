package dev.fields.io.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON form of {@link FieldSpec} (and a shared, configured {@link ObjectMapper}). */
public final class SpecJson {
    /** Shared mapper: unknown properties are errors, enums as names. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private SpecJson() {}

    public static String write(FieldSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize spec", e);
        }
    }

    /** Parses a spec; throws {@link IllegalArgumentException} with a one-line reason on bad JSON or bad values. */
    public static FieldSpec read(String json) {
        try {
            return MAPPER.readValue(json, FieldSpec.class);
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException ia ? ia : e;
            String msg = c == e ? e.getOriginalMessage() : c.getMessage();
            throw new IllegalArgumentException("invalid field spec: " + msg.lines().findFirst().orElse(msg));
        }
    }
}
