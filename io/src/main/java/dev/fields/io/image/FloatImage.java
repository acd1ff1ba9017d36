package dev.fields.io.image;

/**
 * An image as float channels in [0, 1], row-major, interleaved: value (x, y, c) at {@code (y*width + x)*channels + c}.
 * Row 0 is the top row.
 */
public record FloatImage(int width, int height, int channels, float[] data) {
    public FloatImage {
        if (width < 1 || height < 1) throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        if (data.length != width * height * channels) throw new IllegalArgumentException("data length " + data.length + " != " + width + "x" + height + "x" + channels);
    }

    public static FloatImage blank(int width, int height, int channels) {
        return new FloatImage(width, height, channels, new float[width * height * channels]);
    }

    public float get(int x, int y, int c) { return data[(y * width + x) * channels + c]; }

    public void set(int x, int y, int c, float v) { data[(y * width + x) * channels + c] = v; }

    /** The centered square crop of side {@code min(width, height, maxSide)} (FF paper protocol). */
    public FloatImage centerCropSquare(int maxSide) {
        int side = Math.min(Math.min(width, height), maxSide);
        int x0 = (width - side) / 2, y0 = (height - side) / 2;
        return crop(x0, y0, side, side);
    }

    public FloatImage crop(int x0, int y0, int w, int h) {
        FloatImage out = blank(w, h, channels);
        for (int y = 0; y < h; y++)
            System.arraycopy(data, ((y0 + y) * width + x0) * channels, out.data, y * w * channels, w * channels);
        return out;
    }

    /** Pixels {@code (x0 + k*step, y0 + l*step)}: step 2 with offset 0 / 1 gives the FF paper's train / test grids. */
    public FloatImage subsample(int offset, int step) {
        int w = (width - offset + step - 1) / step, h = (height - offset + step - 1) / step;
        FloatImage out = blank(w, h, channels);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < channels; c++) out.set(x, y, c, get(offset + x * step, offset + y * step, c));
        return out;
    }

    /** Area-average downscale to {@code w x h} (box filter; exact for integer factors). */
    public FloatImage resize(int w, int h) {
        if (w == width && h == height) return this;
        FloatImage out = blank(w, h, channels);
        double sx = (double) width / w, sy = (double) height / h;
        for (int y = 0; y < h; y++) {
            int ya = (int) Math.floor(y * sy), yb = Math.max(ya + 1, (int) Math.ceil((y + 1) * sy));
            for (int x = 0; x < w; x++) {
                int xa = (int) Math.floor(x * sx), xb = Math.max(xa + 1, (int) Math.ceil((x + 1) * sx));
                for (int c = 0; c < channels; c++) {
                    double s = 0;
                    int n = 0;
                    for (int yy = ya; yy < Math.min(yb, height); yy++)
                        for (int xx = xa; xx < Math.min(xb, width); xx++) { s += get(xx, yy, c); n++; }
                    out.set(x, y, c, (float) (s / n));
                }
            }
        }
        return out;
    }
}
