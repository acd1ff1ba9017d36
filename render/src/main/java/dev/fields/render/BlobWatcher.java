package dev.fields.render;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Notices when a blob file has been replaced (fit commands republish theirs by atomic rename at every checkpoint)
 * and reads the new one. A replacement that does not parse is reported once and skipped; the last good blob stays.
 */
public final class BlobWatcher {
    private final Path path;
    private FileTime stamp;
    private long size = -1;
    private String lastError;

    public BlobWatcher(Path path) { this.path = path; }

    /** Reads the blob now (errors propagate: this is the first load). */
    public FieldBlob load() {
        FileTime t = modified();
        long s = size();
        FieldBlob b = BlobFormat.read(path);
        stamp = t;
        size = s;
        return b;
    }

    /** The new blob if the file changed since the last successful read or failed attempt, else null. */
    public FieldBlob poll() {
        FileTime t = modified();
        long s = size();
        lastError = null;
        if (t == null || (stamp != null && t.equals(stamp) && s == size)) return null;
        stamp = t;
        size = s;
        try {
            FieldBlob b = BlobFormat.read(path);
            lastError = null;
            return b;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            return null;
        }
    }

    /** Why the file was skipped by the latest {@link #poll()}, or null. */
    public String lastError() { return lastError; }

    private FileTime modified() {
        try { return Files.getLastModifiedTime(path); } catch (Exception e) { return null; }
    }

    private long size() {
        try { return Files.size(path); } catch (Exception e) { return -1; }
    }
}
