package dev.fields.io.blob;

import java.util.Arrays;

/** A named float32 tensor, row-major. */
public record Tensor(int[] shape, float[] data) {
    public Tensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }

    public static Tensor of(float[] data, int... shape) { return new Tensor(shape, data); }

    /** Element (r, c) of a 2-D tensor. */
    public float get(int r, int c) { return data[r * shape[1] + c]; }

    @Override public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override public int hashCode() { return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data); }

    @Override public String toString() { return "Tensor" + Arrays.toString(shape); }
}
