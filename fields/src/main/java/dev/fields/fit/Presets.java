package dev.fields.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Configuration presets: JSON files (bundled ones live in {@code scenes/presets/} and inside the jar) that may name a
 * {@code "parent"} preset; a child's keys are merged over its parent's, objects key by key, everything else replaced.
 * A preset is found by name (bundled) or by path.
 */
public final class Presets {
    private Presets() {}

    private static final String RESOURCES = "/dev/fields/presets/";

    /** The merged tree of a preset, without its {@code parent} key. */
    public static ObjectNode load(String nameOrPath) { return load(nameOrPath, new ArrayList<>()); }

    private static ObjectNode load(String ref, List<String> chain) {
        if (chain.contains(ref)) throw new UserError("preset '" + ref + "' is its own ancestor (" + String.join(" -> ", chain) + " -> " + ref + ")");
        chain.add(ref);
        ObjectNode node = read(ref);
        JsonNode parent = node.remove("parent");
        if (parent == null || parent.isNull()) return node;
        if (!parent.isTextual()) throw new UserError("preset '" + ref + "': \"parent\" must be a preset name or path, got " + parent);
        ObjectNode base = load(parent.asText(), chain);
        merge(base, node);
        return base;
    }

    private static ObjectNode read(String ref) {
        try {
            Path p = Path.of(ref);
            if (ref.endsWith(".json") && Files.isRegularFile(p)) return object(FitJson.MAPPER.readTree(p.toFile()), ref);
            try (InputStream in = Presets.class.getResourceAsStream(RESOURCES + ref + ".json")) {
                if (in == null) throw new UserError("no preset '" + ref + "' (bundled: " + bundled() + "; or give the path of a .json file)");
                return object(FitJson.MAPPER.readTree(in), ref);
            }
        } catch (IOException e) {
            throw new UserError("preset '" + ref + "' is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static ObjectNode object(JsonNode n, String ref) {
        if (!(n instanceof ObjectNode o)) throw new UserError("preset '" + ref + "' must be a JSON object");
        return o;
    }

    /** Deep merge: {@code over}'s keys replace {@code base}'s, except objects, which merge recursively. */
    public static void merge(ObjectNode base, JsonNode over) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode && !typeChanges(o, e.getValue())) merge(o, e.getValue());
            else base.set(e.getKey(), e.getValue().deepCopy());
        }
    }

    /** A child that names another {@code "type"} (another encoding, another task) replaces the object whole. */
    private static boolean typeChanges(JsonNode base, JsonNode over) {
        return over.has("type") && base.has("type") && !over.get("type").equals(base.get("type"));
    }

    /** Names of the bundled presets. */
    public static List<String> bundled() {
        try (InputStream in = Presets.class.getResourceAsStream(RESOURCES + "index.txt")) {
            if (in == null) return List.of();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
