package dev.fields.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Training progress: on a terminal one line redrawn in place (bar, step, loss, PSNR, ETA); otherwise a plain line
 * about every 5% of the run, so logs stay readable.
 */
final class Progress {
    private final long total;
    private final PrintStream out;
    private final boolean terminal, quiet;
    private final long every;
    private final long t0 = System.nanoTime();
    private long lastDraw;
    private Map<String, Double> lastMetrics = Map.of();

    Progress(long total, long start, boolean quiet, PrintStream out) {
        this.total = total;
        this.out = out;
        this.quiet = quiet;
        this.terminal = System.console() != null && out == System.out;
        this.every = Math.max(1, total / 20);
        this.startStep = start;
    }

    private final long startStep;

    void update(long done, double loss, Map<String, Double> metrics) {
        if (quiet) return;
        if (!metrics.isEmpty()) lastMetrics = metrics;
        double el = (System.nanoTime() - t0) / 1e9;
        double eta = done > startStep ? el / (done - startStep) * (total - done) : 0;
        StringBuilder m = new StringBuilder();
        lastMetrics.forEach((k, v) -> m.append(String.format(Locale.ROOT, k.contains("psnr") ? "  %s %.2f dB" : "  %s %.4f", k, v)));
        String psnr = m.toString();
        if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) return;
            lastDraw = now;
            int w = 24, fill = (int) (w * done / Math.max(1, total));
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d  loss %.4g%s  %s elapsed, eta %s   ", "#".repeat(fill), ".".repeat(w - fill),
                    done, total, loss, psnr, time(el), time(eta));
            if (done == total) out.println();
            out.flush();
        } else if (done % every == 0 || done == total) {
            out.printf(Locale.ROOT, "step %d/%d  loss %.4g%s  %s elapsed, eta %s%n", done, total, loss, psnr, time(el), time(eta));
        }
    }

    static String time(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.0fs", s);
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", (int) s / 60, (int) s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", (int) s / 3600, ((int) s % 3600) / 60);
    }
}
