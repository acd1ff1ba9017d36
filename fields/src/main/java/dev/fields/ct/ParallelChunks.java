package dev.fields.ct;

import java.util.concurrent.RecursiveAction;

/**
 * Runs one body over {@code [0, n)} cut into contiguous chunks, one per core (at most n), on the calling thread and
 * the common fork–join pool. The chunk tasks are made once and reused, so a run allocates nothing.
 */
final class ParallelChunks {
    /** The work of one chunk: indices {@code [from, to)}. */
    interface Body { void run(int chunk, int from, int to); }

    private final Body body;
    private final Part[] parts;

    ParallelChunks(int n, Body body) {
        this.body = body;
        int k = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        parts = new Part[k];
        for (int i = 0; i < k; i++) parts[i] = new Part(i, (int) ((long) n * i / k), (int) ((long) n * (i + 1) / k));
    }

    int chunks() { return parts.length; }

    void run() {
        for (int i = 1; i < parts.length; i++) {
            parts[i].reinitialize();
            parts[i].fork();
        }
        body.run(0, parts[0].from, parts[0].to);
        for (int i = 1; i < parts.length; i++) parts[i].join();
    }

    private final class Part extends RecursiveAction {
        final int chunk, from, to;

        Part(int chunk, int from, int to) { this.chunk = chunk; this.from = from; this.to = to; }

        @Override protected void compute() { body.run(chunk, from, to); }
    }
}
