package dev.fields.task.image;

import dev.fields.fit.TaskConfig;

/**
 * What an image fit reads and how it samples.
 *
 * @param source the image (PNG 8/16-bit or JPEG, grey or RGB)
 * @param protocol {@code ALL}: fit every pixel; {@code PAPER}: centre crop to a square of at most 512 px, train on even
 *                 pixels and test on odd ones (the Fourier-features paper's protocol)
 * @param resize downscale so the longer side is this many pixels (after the crop); 0 = keep
 * @param batch pixels per step; 0 = full batch
 */
public record ImageConfig(String source, Protocol protocol, int resize, int batch) implements TaskConfig {
    /** Which pixels train and which test. */
    public enum Protocol { ALL, PAPER }

    public ImageConfig {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("task.source must name an image file");
        if (protocol == null) throw new IllegalArgumentException("task.protocol must be ALL or PAPER");
        if (resize != 0 && resize < 2) throw new IllegalArgumentException("task.resize must be 0 (keep) or >= 2, got " + resize);
        if (batch < 0) throw new IllegalArgumentException("task.batch must be >= 0 (0 = full batch), got " + batch);
    }

    public ImageConfig withSource(String s) { return new ImageConfig(s, protocol, resize, batch); }
}
