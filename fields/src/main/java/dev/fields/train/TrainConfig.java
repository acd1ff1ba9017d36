package dev.fields.train;

import java.nio.file.Path;

/**
 * Settings of the training loop.
 *
 * @param checkpoint where checkpoints go (null = none); with {@code resume} it is read first
 * @param quiet no progress output
 */
public record TrainConfig(long steps, long seed, int evalEvery, int checkpointEvery, Path checkpoint, boolean resume, boolean quiet) {}
