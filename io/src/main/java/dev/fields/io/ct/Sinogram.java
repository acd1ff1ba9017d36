package dev.fields.io.ct;

/**
 * Measured line integrals of one 2-D scan: {@code views × detectors} floats, row-major, so the value of view v at
 * detector bin j is {@code data[v * detectors + j]}; views and bins are numbered as in the scan's {@link Geometry}.
 */
public record Sinogram(int views, int detectors, float[] data) {
    public Sinogram {
        if (views < 1 || detectors < 1) throw new IllegalArgumentException("a sinogram needs at least 1 view and 1 detector, got " + views + " × " + detectors);
        if (data.length != (long) views * detectors)
            throw new IllegalArgumentException("sinogram data holds " + data.length + " values, " + views + " × " + detectors + " needs " + (long) views * detectors);
    }

    public float get(int view, int detector) { return data[view * detectors + detector]; }

    /** The same values with rows and columns swapped: a {@code detectors × views} file read as views × detectors. */
    public Sinogram transposed() {
        float[] t = new float[data.length];
        for (int v = 0; v < views; v++)
            for (int j = 0; j < detectors; j++) t[j * views + v] = data[v * detectors + j];
        return new Sinogram(detectors, views, t);
    }

    /** Each view with its detector bins in reverse order (bin j becomes bin detectors − 1 − j). */
    public Sinogram reversedDetectors() {
        float[] r = new float[data.length];
        for (int v = 0; v < views; v++)
            for (int j = 0; j < detectors; j++) r[v * detectors + j] = data[v * detectors + detectors - 1 - j];
        return new Sinogram(views, detectors, r);
    }

    /** Every value multiplied by {@code factor}. */
    public Sinogram scaled(double factor) {
        if (factor == 1) return this;
        float[] s = new float[data.length];
        for (int i = 0; i < s.length; i++) s[i] = (float) (data[i] * factor);
        return new Sinogram(views, detectors, s);
    }
}
