package dev.fields.cli;

/** An image size in pixels, as given on the command line ({@code N} or {@code WxH}; see {@link SizeConverter}). */
public record Size(int width, int height) {
    public Size {
        if (width < 1 || height < 1) throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
    }

    @Override public String toString() { return width + "x" + height; }
}
