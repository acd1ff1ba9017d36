package dev.fields.train;

import java.util.Map;

/**
 * One step of the history: total loss, its terms, metrics if evaluated at this step, wall seconds since start, and
 * the task's per-step monitors ({@link Task#monitors()}, e.g. the batch's PSNR; not kept in checkpoints).
 */
public record StepRecord(long step, double loss, Map<String, Double> terms, Map<String, Double> metrics, double seconds,
                         Map<String, Double> monitors) {
    public StepRecord {
        monitors = monitors == null ? Map.of() : monitors;
    }

    /** A record without monitors. */
    public StepRecord(long step, double loss, Map<String, Double> terms, Map<String, Double> metrics, double seconds) {
        this(step, loss, terms, metrics, seconds, Map.of());
    }

    /** The same record with its wall seconds counted from {@code offset} seconds earlier. */
    public StepRecord later(double offset) { return new StepRecord(step, loss, terms, metrics, seconds + offset, monitors); }
}
