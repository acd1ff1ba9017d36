package dev.fields.cli;

import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A fit's output folder for the length of one run: created and proven writable (a probe file is written and removed)
 * before any work, locked against a second run ({@value #LOCK}, holding the owner's pid and start time, plus an OS
 * lock), and cleared of temporary files that interrupted writes of this run's outputs left. {@link #close()} releases
 * the lock and, unless {@link #keep()} was called, removes the folders it created if they are still empty, so a run
 * that fails leaves nothing new behind.
 */
final class OutputFolder implements AutoCloseable {
    static final String LOCK = ".fields.lock";

    private final Path dir;
    private final List<Path> created;
    private FileChannel channel;
    private FileLock lock;
    private boolean keep;
    private List<Path> cleaned = List.of();

    private OutputFolder(Path dir, List<Path> created) {
        this.dir = dir;
        this.created = created;
    }

    /**
     * Opens the folder {@code dir} (given as {@code --out}) for a run whose outputs' names {@code outputs} accepts.
     * One-line user errors: the folder cannot be created or written, or another live run holds it.
     */
    static OutputFolder open(Path dir, Predicate<String> outputs) {
        List<Path> created = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS); p = p.getParent()) created.add(p);
        OutputFolder f = new OutputFolder(dir, created);
        try {
            f.create();
            f.lock();
            f.cleaned = AtomicFiles.removeTemporaries(dir, outputs);
            return f;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Temporary files of interrupted writes that {@link #open} removed. */
    List<Path> cleaned() { return cleaned; }

    /** The run succeeded: the folder stays even if empty. */
    void keep() { keep = true; }

    private UserError unwritable(String why) {
        return new UserError("cannot write into --out " + dir + " (" + why + ") — choose another --out or fix its permissions");
    }

    private void create() {
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw unwritable(e.getFile() + " exists and is not a folder");
        } catch (IOException | SecurityException e) {
            throw unwritable(reason(e));
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".fields-probe", ".tmp");
            Files.write(probe, new byte[]{1});
        } catch (IOException | SecurityException e) {
            throw unwritable(reason(e));
        } finally {
            if (probe != null) try { Files.deleteIfExists(probe); } catch (IOException ignored) { }
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fe && fe.getReason() != null) m = fe.getFile() + ": " + fe.getReason();
        else if (e instanceof java.nio.file.AccessDeniedException ae) m = ae.getFile() + ": permission denied";
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Who holds a lock file: its pid and the start time of that process. */
    record Owner(long pid, String started) {
        static Owner self() {
            ProcessHandle h = ProcessHandle.current();
            return new Owner(h.pid(), h.info().startInstant().map(Instant::toString).orElse("?"));
        }

        /** The process is running and is the one that wrote the lock (a reused pid has another start time). */
        boolean alive() {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            return h.isPresent() && h.get().isAlive()
                    && h.get().info().startInstant().map(Instant::toString).map(started::equals).orElse(true);
        }

        String line() { return "pid " + pid + " started " + started + "\n"; }

        static Owner parse(String s) {
            String[] w = s.strip().split("\\s+");
            if (w.length != 4 || !w[0].equals("pid") || !w[2].equals("started") || !w[1].matches("[0-9]{1,18}")) return null;
            return new Owner(Long.parseLong(w[1]), w[3]);
        }
    }

    private static Owner owner(Path lockFile) {
        try {
            return Owner.parse(Files.readString(lockFile, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return null;
        }
    }

    private UserError held(Path lockFile, Owner o) {
        return new UserError("--out " + dir + " is in use by another fit (" + (o == null ? "lock held" : "pid " + o.pid) + ", " + lockFile
                + ") — wait for it to finish or choose another --out");
    }

    /** Takes the lock; a lock file whose owner is gone is taken over. */
    private void lock() {
        Path lockFile = dir.resolve(LOCK);
        Owner self = Owner.self();
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by another run in this process
                }
                if (lock == null) {
                    Owner o = owner(lockFile);
                    releaseChannel();
                    throw held(lockFile, o);
                }
                Owner previous = owner(lockFile);
                if (previous != null && previous.alive()) {
                    releaseChannel();
                    throw held(lockFile, previous);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(self.line().getBytes(StandardCharsets.ISO_8859_1)), 0);
                channel.force(false);
                // the holder before us deletes the file before it unlocks: make sure ours is the file at that path
                if (self.equals(owner(lockFile))) return;
                releaseChannel();
            } catch (IOException e) {
                releaseChannel();
                throw unwritable(reason(e));
            }
        }
        throw held(lockFile, owner(lockFile));
    }

    private void releaseChannel() {
        try {
            if (lock != null) lock.release();
            if (channel != null) channel.close();
        } catch (IOException ignored) {
        }
        lock = null;
        channel = null;
    }

    @Override public void close() {
        if (lock != null) {
            try { Files.deleteIfExists(dir.resolve(LOCK)); } catch (IOException ignored) { }
        }
        releaseChannel();
        if (keep) return;
        for (Path p : created) {
            try {
                Files.deleteIfExists(p); // only an empty folder can be deleted; the first non-empty one stops it
            } catch (IOException e) {
                break;
            }
        }
    }
}
