package dev.fields.io.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Takes over System.out and System.err while a fuzz run reads inputs, so that a reader (or a library it calls) that
 * prints is caught: {@link #printed()} is what was written since {@link #clear()}, at most a few hundred characters.
 */
final class Console implements AutoCloseable {
    private final PrintStream out = System.out, err = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Console() {
        OutputStream sink = new OutputStream() {
            @Override public void write(int b) { synchronized (buffer) { if (buffer.size() < 400) buffer.write(b); } }

            @Override public void write(byte[] b, int off, int len) {
                synchronized (buffer) { buffer.write(b, off, Math.max(0, Math.min(len, 400 - buffer.size()))); }
            }
        };
        PrintStream p = new PrintStream(sink, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
    }

    void clear() { synchronized (buffer) { buffer.reset(); } }

    String printed() {
        synchronized (buffer) { return buffer.toString(StandardCharsets.UTF_8).strip().replace('\n', '|'); }
    }

    /** Writes to the real stdout (for the run's own figures). */
    void println(String s) { out.println(s); }

    @Override public void close() {
        System.setOut(out);
        System.setErr(err);
    }
}
