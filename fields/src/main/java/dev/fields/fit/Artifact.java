package dev.fields.fit;

import java.nio.file.Path;

/**
 * A file a fit produces besides its blob and metrics (a reconstruction, a mesh, a preview), kept in memory until the
 * caller decides where results go.
 *
 * @param suffix appended to the fit's name, e.g. {@code "_recon.png"}
 */
public record Artifact(String suffix, String description, Writer writer) {
    /** Writes the artifact to a path (atomically). */
    @FunctionalInterface
    public interface Writer { void write(Path path); }
}
