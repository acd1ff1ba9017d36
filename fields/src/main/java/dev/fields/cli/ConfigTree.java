package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.fit.FitJson;

import java.util.List;

/** Command-line overrides of a configuration tree: a flag the user gave sets one dotted key; absent flags change nothing. */
final class ConfigTree {
    private final ObjectNode root;

    ConfigTree(ObjectNode root) { this.root = root; }

    ObjectNode root() { return root; }

    /** The object at a dotted path, created if missing. */
    ObjectNode object(String path) {
        ObjectNode n = root;
        for (String k : path.split("\\.")) {
            JsonNode c = n.get(k);
            ObjectNode o = c instanceof ObjectNode on ? on : FitJson.MAPPER.createObjectNode();
            if (o != c) n.set(k, o);
            n = o;
        }
        return n;
    }

    JsonNode get(String path) {
        JsonNode n = root;
        for (String k : path.split("\\.")) n = n == null ? null : n.get(k);
        return n;
    }

    /** Sets {@code section.key} to {@code value} when the value is non-null. */
    ConfigTree set(String path, Object value) {
        if (value == null) return this;
        int dot = path.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? root : object(path.substring(0, dot));
        parent.set(path.substring(dot + 1), FitJson.MAPPER.valueToTree(value instanceof Enum<?> e ? e.name() : value));
        return this;
    }

    ConfigTree setList(String path, List<?> values) {
        if (values == null) return this;
        ArrayNode a = FitJson.MAPPER.valueToTree(values);
        int dot = path.lastIndexOf('.');
        object(path.substring(0, dot)).set(path.substring(dot + 1), a);
        return this;
    }
}
