package dev.fields.task.scene;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a scene step's wall time goes, measured from the task's side of the generic loop: occupancy updates and ray
 * sampling inside {@code sample}, the network's forward pass between {@code sample} and {@code loss}, compositing and
 * the loss inside {@code loss}, and the network's backward pass plus the optimizer step from the end of {@code loss}
 * to the next {@code sample} (minus any evaluation in between). The first {@link #WARMUP} steps are not counted.
 */
final class StepTimes {
    static final int WARMUP = 3;
    private long steps, seen, occupancy, sampling, forward, compositing, backward, rays, samples;
    private long sampleEnd, lossEnd, evaluation;

    void stepStarted(long now) {
        if (lossEnd != 0 && seen > WARMUP) backward += now - lossEnd - evaluation;
        evaluation = 0;
        lossEnd = 0;
    }

    void sampled(long occupancyNs, long samplingNs, long now, int rays, int kept) {
        seen++;
        sampleEnd = now;
        if (seen > WARMUP) {
            steps++;
            occupancy += occupancyNs;
            sampling += samplingNs;
            this.rays += rays;
            samples += kept;
        }
    }

    void forwardDone(long now) { if (seen > WARMUP) forward += now - sampleEnd; }

    void lossDone(long start, long now) {
        if (seen > WARMUP) compositing += now - start;
        lossEnd = now;
    }

    void evaluated(long ns) { evaluation += ns; }

    /** Milliseconds per step by part, and rays and network samples per step (empty before any counted step). */
    Map<String, Double> perStep() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (steps == 0) return m;
        long backSteps = Math.max(1, steps - 1); // the last step's backward pass is not followed by a sample
        m.put("occupancy_ms", occupancy / 1e6 / steps);
        m.put("sampling_ms", sampling / 1e6 / steps);
        m.put("forward_ms", forward / 1e6 / steps);
        m.put("compositing_ms", compositing / 1e6 / steps);
        m.put("backward_adam_ms", backward / 1e6 / backSteps);
        m.put("rays", (double) rays / steps);
        m.put("samples", (double) samples / steps);
        return m;
    }

    String describe() {
        Map<String, Double> m = perStep();
        if (m.isEmpty()) return "step time: too few steps to measure";
        return String.format(Locale.ROOT, "step time (mean of %d steps): occupancy %.1f ms, sampling %.1f ms, network forward %.1f ms, compositing + loss %.1f ms,"
                        + " network backward + Adam %.1f ms; %.0f rays, %.0f network samples per step", steps, m.get("occupancy_ms"), m.get("sampling_ms"),
                m.get("forward_ms"), m.get("compositing_ms"), m.get("backward_adam_ms"), m.get("rays"), m.get("samples"));
    }
}
