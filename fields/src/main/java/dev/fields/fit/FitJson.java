package dev.fields.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.fields.io.UserError;
import dev.fields.io.spec.SpecJson;

import java.util.Map;

/**
 * JSON form of {@link FitConfig}: the spec mapper (unknown keys are errors) with every registered task's config type
 * and case-insensitive enum names. Errors name the key and the source.
 */
public final class FitJson {
    private FitJson() {}

    public static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = SpecJson.MAPPER.copy();
        m.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        for (Problems.Entry e : Problems.all()) m.registerSubtypes(new NamedType(e.configType(), e.name()));
        return m;
    }

    /** A configuration from a JSON tree; one-line {@link UserError} naming {@code source} on a bad key or value. */
    public static FitConfig read(JsonNode tree, String source) {
        try {
            return MAPPER.treeToValue(tree, FitConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(source + ": unknown setting '" + path(e) + "' (known here: " + e.getKnownPropertyIds() + ") — remove or correct it");
        } catch (InvalidTypeIdException e) {
            throw new UserError(source + ": unknown task type '" + e.getTypeId() + "' (known: " + Problems.names() + ")");
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException ia ? ia : null;
            String msg = c != null ? c.getMessage() : e.getOriginalMessage();
            throw new UserError(source + ": invalid configuration at '" + path(e) + "': " + msg.lines().findFirst().orElse(msg));
        } catch (IllegalArgumentException e) {
            throw new UserError(source + ": invalid configuration: " + e.getMessage());
        }
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m)) return "?";
        StringBuilder sb = new StringBuilder();
        for (var r : m.getPath()) {
            if (sb.length() > 0) sb.append('.');
            sb.append(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return sb.toString();
    }

    public static JsonNode toTree(FitConfig c) { return MAPPER.valueToTree(c); }

    public static Map<String, Object> toMap(FitConfig c) { return MAPPER.convertValue(c, new TypeReference<Map<String, Object>>() {}); }

    public static String write(FitConfig c) {
        try {
            return MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the configuration", e);
        }
    }
}
