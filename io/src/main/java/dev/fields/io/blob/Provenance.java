package dev.fields.io.blob;

import java.util.Map;

/**
 * Where a blob came from: task, seed, steps trained, final metrics, tool version, creation date (ISO-8601) and the
 * resolved training configuration.
 */
public record Provenance(String task, long seed, long steps, Map<String, Double> metrics, String toolVersion,
                         String created, Map<String, Object> config) {
    public Provenance {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        config = config == null ? Map.of() : config;
    }
}
