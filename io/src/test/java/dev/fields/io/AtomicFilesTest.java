package dev.fields.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test void writesWholeFilesWithOrdinaryPermissionsAndNoLeftovers() throws Exception {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "one");
        assertEquals("one", Files.readString(f));
        boolean posix = f.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), "new files are readable by others, like a plain write");
        if (posix) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        if (posix) assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), "a replaced file keeps its permissions");
        // a failing writer leaves the old content and no temporary file
        assertThrows(RuntimeException.class, () -> AtomicFiles.write(f, out -> { out.write(1); throw new java.io.IOException("disk full"); }));
        assertEquals("two", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) { assertEquals(1, s.count()); }
    }

    @Test void temporariesOfChosenTargetsAreRemovedOthersKept() throws Exception {
        // the name a real interrupted write leaves
        Path real = Files.createTempFile(dir, ".cow.field", ".tmp");
        assertEquals("cow.field", AtomicFiles.temporaryTarget(real.getFileName().toString()));
        for (String n : new String[]{".cow_curves.png123.tmp", ".metrics.json99.tmp", ".other.field5.tmp", "cow.field7.tmp", ".notes.tmp", "keep.txt"})
            Files.writeString(dir.resolve(n), "x");
        var removed = AtomicFiles.removeTemporaries(dir, t -> t.startsWith("cow") || t.equals("metrics.json"));
        assertEquals(3, removed.size(), removed.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(java.util.Set.of(".other.field5.tmp", "cow.field7.tmp", ".notes.tmp", "keep.txt"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }
}
