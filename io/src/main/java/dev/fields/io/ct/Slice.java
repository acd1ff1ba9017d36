package dev.fields.io.ct;

/**
 * One 2-D image to be projected: {@code width × height} values, row-major, row 0 at the top (the largest y), in the
 * file's own units (PNG scaled to [0, 1]; DICOM through its calibration, e.g. Hounsfield units for CT).
 *
 * @param pixelSize  the side of a pixel as the file states it, or NaN when it does not
 * @param lengthUnit the unit of {@code pixelSize} (DICOM: "mm"), empty when unknown
 */
public record Slice(int width, int height, float[] data, double pixelSize, String lengthUnit) {
    public Slice {
        if (width < 1 || height < 1) throw new IllegalArgumentException("a slice needs at least 1 × 1 pixels, got " + width + " × " + height);
        if (data.length != (long) width * height) throw new IllegalArgumentException("slice data holds " + data.length + " values, not " + width + " × " + height);
    }

    public float get(int x, int y) { return data[y * width + x]; }
}
