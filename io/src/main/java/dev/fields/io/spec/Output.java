package dev.fields.io.spec;

/** One group of consecutive network outputs: a channel, its number of components and its head. */
public record Output(Channel channel, int size, Head head) {
    public Output {
        if (channel == null || head == null) throw new IllegalArgumentException("output needs a channel and a head");
        if (size < 1) throw new IllegalArgumentException("output size must be >= 1, got " + size);
    }
}
