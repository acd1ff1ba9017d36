package dev.fields.train;

import java.util.List;

/** The outcome of a training run: per-step history, wall seconds and steps completed. */
public record TrainResult(List<StepRecord> history, double seconds, long steps) {}
