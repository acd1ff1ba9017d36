package dev.fields.render;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Notices when a blob file has been replaced (fit commands republish theirs by atomic rename at every checkpoint)
 * and reads the new one. A replacement that does not parse is reported once and skipped; the last good blob stays.
 */
public final class BlobWatcher {
    private final Path path;
    private Object stamp; // modification time, size and file key (inode): an atomic rename always changes the key

    private String lastError;

    public BlobWatcher(Path path) { this.path = path; }

    /** Reads the blob now (errors propagate: this is the first load). */
    public FieldBlob load() {
        Object t = stamp();
        FieldBlob b = BlobFormat.read(path);
        stamp = t;
        return b;
    }

    /** The new blob if the file changed since the last successful read or failed attempt, else null. */
    public FieldBlob poll() {
        Object t = stamp();
        lastError = null;
        if (t == null || t.equals(stamp)) return null;
        stamp = t;
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

    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return java.util.Arrays.asList(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (Exception e) {
            return null;
        }
    }
}
