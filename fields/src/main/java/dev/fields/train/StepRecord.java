package dev.fields.train;

import java.util.Map;

/** One step of the history: total loss, its terms, metrics if evaluated at this step, wall seconds since start. */
public record StepRecord(long step, double loss, Map<String, Double> terms, Map<String, Double> metrics, double seconds) {
    /** The same record with its wall seconds counted from {@code offset} seconds earlier. */
    public StepRecord later(double offset) { return new StepRecord(step, loss, terms, metrics, seconds + offset); }
}
