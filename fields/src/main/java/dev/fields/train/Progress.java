package dev.fields.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Training progress as a listener: on a terminal one line redrawn in place (bar, step, loss, metrics, ETA); otherwise
 * a plain line about every 5% of the run, so logs stay readable.
 */
public final class Progress implements TrainListener {
    private final PrintStream out;
    private final boolean terminal;
    private long total, start, every, t0, lastDraw;
    private Map<String, Double> lastMetrics = Map.of();

    public Progress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null && out == System.out;
    }

    @Override public void started(Trainer<?> t, long start, long total) {
        this.total = total;
        this.start = start;
        this.every = Math.max(1, total / 20);
        this.t0 = System.nanoTime();
        if (start > 0) out.printf("resuming at step %d%n", start);
    }

    @Override public void stepped(Trainer<?> t, StepRecord r) {
        long done = r.step();
        if (!r.metrics().isEmpty()) lastMetrics = r.metrics();
        double el = (System.nanoTime() - t0) / 1e9;
        double eta = done > start ? el / (done - start) * (total - done) : 0;
        StringBuilder m = new StringBuilder();
        if (r.terms().size() > 1) { // a loss of several terms shows each, so a user sees which one dominates
            StringBuilder tm = new StringBuilder();
            r.terms().forEach((k, v) -> tm.append(tm.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3g", k, v)));
            m.append(" (").append(tm).append(')');
        }
        r.monitors().forEach((k, v) -> m.append(String.format(Locale.ROOT, k.contains("psnr") ? "  %s %.2f dB" : "  %s %.4f", k, v)));
        lastMetrics.forEach((k, v) -> m.append(String.format(Locale.ROOT, k.contains("psnr") ? "  %s %.2f dB" : "  %s %.4f", k, v)));
        if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) return;
            lastDraw = now;
            int w = 24, fill = (int) (w * done / Math.max(1, total));
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d  loss %.4g%s  %s elapsed, eta %s   ", "#".repeat(fill), ".".repeat(w - fill),
                    done, total, r.loss(), m, time(el), time(eta));
            if (done == total) out.println();
            out.flush();
        } else if (done % every == 0 || done == total) {
            out.printf(Locale.ROOT, "step %d/%d  loss %.4g%s  %s elapsed, eta %s%n", done, total, r.loss(), m, time(el), time(eta));
        }
    }

    static String time(double s) {
        if (s < 60) return String.format(Locale.ROOT, "%.0fs", s);
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", (int) s / 60, (int) s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", (int) s / 3600, ((int) s % 3600) / 60);
    }
}
