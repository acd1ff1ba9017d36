package dev.fields.io.fuzz;

import dev.fields.io.UserError;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongUnaryOperator;

/**
 * Counts of one fuzz run, and the one way an input is read: on a reader thread under a time limit, with the bytes
 * every thread allocated while it ran measured (optionally checked against a limit that grows with the input's size),
 * and optionally with anything printed to stdout or stderr counted as a failure. An input that is neither accepted nor
 * refused with a one-line {@link UserError} is kept under {@link #CRASHERS}.
 */
final class Tally {
    static final Path CRASHERS = Path.of("target", "fuzz-crashers");
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static ExecutorService reader = newReader();

    final int hangSeconds;
    private final LongUnaryOperator allocationLimit;
    private final Console console;
    long run, accepted, refused, slowestNanos, maxAllocated;
    String maxAllocatedInput = "";
    final List<String> other = new ArrayList<>();

    /** @param allocationLimit the bytes an input of n bytes may make the readers allocate, or null for no limit */
    Tally(int hangSeconds, LongUnaryOperator allocationLimit, Console console) {
        this.hangSeconds = hangSeconds;
        this.allocationLimit = allocationLimit;
        this.console = console;
    }

    Tally(int hangSeconds) { this(hangSeconds, null, null); }

    private static ExecutorService newReader() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Bytes allocated so far by every live thread (a thread that ended takes its count with it). */
    static long allocatedBytes() {
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) if (b > 0) sum += b;
        return sum;
    }

    void record(String input, byte[] bytes, String ext, Runnable read) {
        run++;
        if (console != null) console.clear();
        long t0 = System.nanoTime(), a0 = allocatedBytes();
        try {
            // a reader that never returns cannot be stopped: the input is kept and the run ends
            reader.submit(read).get(hangSeconds, TimeUnit.SECONDS);
            accepted++;
        } catch (TimeoutException e) {
            keep(input, bytes, ext, "no answer in " + hangSeconds + " s");
            reader = newReader(); // the stuck thread is abandoned
            throw new AssertionError("reading " + input + " did not finish in " + hangSeconds + " s (kept in " + CRASHERS + "); failures before it: "
                    + other.subList(0, Math.min(10, other.size())));
        } catch (ExecutionException x) {
            Throwable e = x.getCause();
            if (e instanceof UserError u) userError(input, bytes, ext, u);
            else keep(input, bytes, ext, e.toString());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        long allocated = allocatedBytes() - a0;
        if (allocated > maxAllocated) { maxAllocated = allocated; maxAllocatedInput = input; }
        if (allocationLimit != null && allocated > allocationLimit.applyAsLong(bytes.length))
            keep(input, bytes, ext, String.format(Locale.ROOT, "allocated %.1f MB for %d bytes (limit %.1f MB)", allocated / 1e6, bytes.length,
                    allocationLimit.applyAsLong(bytes.length) / 1e6));
        if (console != null && !console.printed().isEmpty()) keep(input, bytes, ext, "printed: " + console.printed());
        slowestNanos = Math.max(slowestNanos, System.nanoTime() - t0);
    }

    private void userError(String input, byte[] bytes, String ext, UserError e) {
        if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n") || e.getMessage().contains("\r"))
            keep(input, bytes, ext, "not one line: " + e.getMessage());
        else refused++;
    }

    private void keep(String input, byte[] bytes, String ext, String why) {
        other.add(input + ": " + why.lines().findFirst().orElse(why));
        try {
            Files.createDirectories(CRASHERS);
            Files.write(CRASHERS.resolve(input.replaceAll("[^A-Za-z0-9_.-]", "_") + ext), bytes);
        } catch (IOException ignored) { }
    }

    String summary(String what) {
        return String.format(Locale.ROOT, "%s: %d mutated inputs, %d accepted, %d refused with a user error, %d other; slowest %.0f ms;"
                        + " most allocated %.1f MB (%s)", what, run, accepted, refused, other.size(), slowestNanos / 1e6, maxAllocated / 1e6,
                maxAllocatedInput);
    }
}
