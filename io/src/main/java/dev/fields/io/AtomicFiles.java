package dev.fields.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files atomically: into a temporary sibling, then one rename, so readers never see half a file. */
public final class AtomicFiles {
    /** A temporary file is named {@code .TARGET<digits>.tmp} beside its target. */
    private static final String TEMP_PREFIX = ".", TEMP_SUFFIX = ".tmp";
    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\.(.+?)[0-9]+\\.tmp");

    private AtomicFiles() {}

    /** The target a temporary file of this name was being written for, or null if the name is not one of ours. */
    public static String temporaryTarget(String fileName) {
        var m = TEMP.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * Deletes the temporary files in {@code dir} left by interrupted writes of the targets {@code target} accepts
     * (the caller must know no write to them is under way); returns the files deleted.
     */
    public static java.util.List<Path> removeTemporaries(Path dir, java.util.function.Predicate<String> target) {
        java.util.List<Path> removed = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String t = temporaryTarget(p.getFileName().toString());
                if (t != null && target.test(t) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) removed.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean temporary files in " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** Something that writes the whole content of a file to a stream. */
    @FunctionalInterface
    public interface Writer { void write(OutputStream out) throws IOException; }

    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, TEMP_PREFIX + abs.getFileName(), TEMP_SUFFIX);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            permissions(tmp, abs);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { }
        }
    }

    /**
     * Temporary files are created owner-only (0600); the result gets what a plain write would give: the replaced
     * file's permissions, or rw-r--r-- for a new one.
     */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, p);
    }

    public static void writeBytes(Path target, byte[] bytes) { write(target, out -> out.write(bytes)); }

    public static void writeString(Path target, String s) {
        writeBytes(target, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
