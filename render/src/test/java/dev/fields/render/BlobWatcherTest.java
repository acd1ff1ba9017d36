package dev.fields.render;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.*;

/** Hot reload without a window: replacing the blob by atomic rename is noticed; a broken replacement is skipped. */
class BlobWatcherTest {
    @TempDir Path dir;

    private void replace(Path target, byte[] bytes) throws Exception {
        Path tmp = dir.resolve("incoming.tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test void noticesReplacementsAndSkipsBrokenOnes() throws Exception {
        Path p = dir.resolve("live.field");
        FieldBlob small = AnalyticFields.octahedron(0.5, false), large = AnalyticFields.octahedron(0.8, false);
        replace(p, BlobFormat.toBytes(small));
        BlobWatcher w = new BlobWatcher(p);
        assertEquals(small.spec(), w.load().spec());
        assertNull(w.poll(), "unchanged file");

        replace(p, BlobFormat.toBytes(large));
        FieldBlob next = w.poll();
        assertNotNull(next, "replacement noticed");
        assertArrayEquals(large.tensors().get("layers.1.bias").data(), next.tensors().get("layers.1.bias").data());
        assertNull(w.poll());

        byte[] broken = BlobFormat.toBytes(small);
        broken[broken.length - 1] ^= 0x55; // tensor bytes no longer match the checksum
        replace(p, broken);
        assertNull(w.poll(), "a broken replacement is skipped");
        assertNotNull(w.lastError());
        assertTrue(w.lastError().toLowerCase().contains("checksum"), w.lastError());
        assertNull(w.poll(), "and not retried until it changes again");
        assertNull(w.lastError());

        replace(p, BlobFormat.toBytes(small));
        assertNotNull(w.poll());
    }
}
