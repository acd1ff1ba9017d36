package dev.fields.ct;

import dev.fields.io.UserError;
import dev.fields.io.ct.Geometry;

import java.util.Arrays;
import java.util.Locale;

/**
 * Filtered back-projection onto a {@link Geometry}'s grid. Each view is zero-padded to the power of two at least twice
 * the detector count, filtered with the band-limited ramp of the spatial Ram–Lak kernel ({@code h_0 = 1/(4τ²)},
 * {@code h_n = −1/(nπτ)²} for odd n, 0 for even n; Kak &amp; Slaney ch. 3, eq. 3.61) times the {@link Filter}'s
 * window, and back-projected pixel by pixel with linear interpolation between detectors (zero beyond them), each view
 * weighted by its share of the angular range (half the gaps to its neighbours on the circle of period π, or 2π
 * for fan beams; gaps over three times the mean count as one mean gap).
 *
 * <p>Fan beams (flat detector) are reconstructed directly, not rebinned: rebinning to parallel needs interpolation
 * across views, which blurs and fails at the sparse view counts this product studies. The fan-beam formula for
 * equally spaced collinear detectors (Kak &amp; Slaney §3.4.2) weights detector u by the cosine
 * {@code D / √(D² + u²)}, filters on the detector scaled to the rotation centre (pitch × R/D), halves the result (a
 * full circle measures every line twice) and back-projects with the distance weight {@code R² / L²}, L being the
 * pixel's distance from the source along the central ray. It assumes views all around the circle; short scans would
 * need Parker weights, which this does not apply.
 *
 * <p>One instance serves one caller at a time; its buffers are reused across calls.
 */
public final class Fbp {
    /** Windows on the ramp, as functions of the frequency f in cycles per detector, |f| ≤ ½. */
    public enum Filter {
        /** The bare ramp. */
        RAM_LAK,
        /** Ramp × sinc: {@code sin(πf) / (πf)}. */
        SHEPP_LOGAN,
        /** Ramp × {@code cos(πf)}. */
        COSINE,
        /** Ramp × {@code (1 + cos 2πf) / 2}. */
        HANN;

        public double window(double f) {
            return switch (this) {
                case RAM_LAK -> 1;
                case SHEPP_LOGAN -> f == 0 ? 1 : Math.sin(Math.PI * f) / (Math.PI * f);
                case COSINE -> Math.cos(Math.PI * f);
                case HANN -> 0.5 * (1 + Math.cos(2 * Math.PI * f));
            };
        }

        /** The name a user writes: ram-lak, shepp-logan, cosine or hann. */
        public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

        public static Filter parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Filter f : values()) if (f.id().equals(n)) return f;
            throw new UserError("unknown FBP filter '" + name + "': use ram-lak, shepp-logan, cosine or hann");
        }
    }

    private final Geometry g;
    private final Filter filter;
    private final int views, detectors, n;
    private final boolean fan;
    private final double pitch, first, radius;
    private final double[] response, weight, cos, sin, preWeight, re, im;
    private final float[] filtered;
    private final Fft fft;
    private final ParallelChunks backProjection;
    private final double[][] rowScratch;
    private float[] image;

    public Fbp(Geometry g, Filter filter) {
        this.g = g;
        this.filter = filter;
        views = g.views();
        detectors = g.detectors();
        n = g.gridSize();
        fan = g.beam() == Geometry.Beam.FAN;
        double scale = fan ? g.sourceOrigin() / g.sourceDetector() : 1;
        radius = g.sourceOrigin();
        pitch = g.detectorSpacing() * scale;
        first = g.detector(0) * scale;
        int padded = Integer.highestOneBit(Math.max(1, 2 * detectors - 1)) << 1;
        fft = new Fft(padded);
        re = new double[padded];
        im = new double[padded];
        response = rampResponse(padded, pitch, filter);
        double[] angles = g.angles();
        weight = viewWeights(angles, fan ? 2 * Math.PI : Math.PI);
        cos = new double[views];
        sin = new double[views];
        for (int v = 0; v < views; v++) {
            cos[v] = Math.cos(angles[v]);
            sin[v] = Math.sin(angles[v]);
            if (fan) weight[v] *= 0.5;
        }
        preWeight = new double[detectors];
        for (int j = 0; j < detectors; j++) {
            double u = g.detector(j);
            preWeight[j] = fan ? g.sourceDetector() / Math.hypot(g.sourceDetector(), u) : 1;
        }
        filtered = new float[views * detectors];
        backProjection = new ParallelChunks(n, this::backProjectRows);
        rowScratch = new double[backProjection.chunks()][n];
    }

    public Filter filter() { return filter; }

    /** The zero-padded length of each filtered view. */
    public int paddedLength() { return fft.length(); }

    /** The filter's frequency response at FFT bin k (including the 1/pitch of the ramp): for tests and plots. */
    public double response(int k) { return response[k]; }

    /** The reconstruction of {@code sinogram} (views × detectors), a new gridSize² image. */
    public float[] reconstruct(float[] sinogram) {
        float[] out = new float[n * n];
        reconstruct(sinogram, out);
        return out;
    }

    /** Writes the reconstruction of {@code sinogram} into {@code out} (gridSize², row 0 at the top). */
    public void reconstruct(float[] sinogram, float[] out) {
        if (sinogram.length != views * detectors)
            throw new IllegalArgumentException("sinogram has " + sinogram.length + " values, the geometry needs " + views + " × " + detectors);
        if (out.length != n * n) throw new IllegalArgumentException("image needs " + n * n + " values, got " + out.length);
        filterViews(sinogram);
        image = out;
        backProjection.run();
        image = null;
    }

    /** Filters two views per complex FFT (one in the real part, one in the imaginary): the response is real and even. */
    private void filterViews(float[] sinogram) {
        int p = fft.length();
        for (int v = 0; v < views; v += 2) {
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            boolean pair = v + 1 < views;
            for (int j = 0; j < detectors; j++) {
                re[j] = sinogram[v * detectors + j] * preWeight[j];
                if (pair) im[j] = sinogram[(v + 1) * detectors + j] * preWeight[j];
            }
            fft.forward(re, im);
            for (int k = 0; k < p; k++) { re[k] *= response[k]; im[k] *= response[k]; }
            fft.inverse(re, im);
            for (int j = 0; j < detectors; j++) {
                filtered[v * detectors + j] = (float) re[j];
                if (pair) filtered[(v + 1) * detectors + j] = (float) im[j];
            }
        }
    }

    private void backProjectRows(int chunk, int from, int to) {
        double h = g.pixelSize(), c0 = (n - 1) / 2.0;
        double[] row = rowScratch[chunk];
        for (int r = from; r < to; r++) {
            double y = (c0 - r) * h, x0 = -c0 * h;
            Arrays.fill(row, 0);
            for (int v = 0; v < views; v++) {
                int base = v * detectors;
                double cv = cos[v], sv = sin[v], w = weight[v];
                for (int c = 0; c < n; c++) {
                    double x = x0 + c * h, s, wc = w;
                    if (fan) {
                        double along = radius - (x * cv + y * sv);
                        s = radius * (-x * sv + y * cv) / along;
                        wc *= radius * radius / (along * along);
                    } else s = x * cv + y * sv;
                    double idx = (s - first) / pitch;
                    if (!(idx >= 0) || idx > detectors - 1) continue;
                    int i = (int) idx;
                    double f = idx - i, q = i + 1 < detectors ? filtered[base + i] + f * (filtered[base + i + 1] - filtered[base + i]) : filtered[base + i];
                    row[c] += wc * q;
                }
            }
            for (int c = 0; c < n; c++) image[r * n + c] = (float) row[c];
        }
    }

    /** τ · DFT of the spatial Ram–Lak kernel of pitch τ, times the window; real and even. */
    static double[] rampResponse(int p, double tau, Filter filter) {
        double[] re = new double[p], im = new double[p];
        re[0] = 1 / (4 * tau * tau);
        for (int k = 1; k <= p / 2; k++)
            if (k % 2 == 1) {
                double v = -1 / ((k * Math.PI * tau) * (k * Math.PI * tau));
                re[k] = v;
                re[p - k] = v;
            }
        new Fft(p).forward(re, im);
        double[] out = new double[p];
        for (int k = 0; k < p; k++) {
            double f = (k < p / 2 ? k : k - p) / (double) p;
            out[k] = tau * re[k] * filter.window(f);
        }
        return out;
    }

    /** Each angle's share of the period: half the gaps to its neighbours on the circle, gaps over 3× the mean clamped. */
    static double[] viewWeights(double[] angles, double period) {
        int m = angles.length;
        double[] w = new double[m];
        if (m == 1) { w[0] = period; return w; }
        Integer[] order = new Integer[m];
        double[] pos = new double[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
            pos[i] = angles[i] - period * Math.floor(angles[i] / period);
        }
        Arrays.sort(order, (a, b) -> Double.compare(pos[a], pos[b]));
        double mean = period / m;
        for (int k = 0; k < m; k++) {
            int i = order[k], next = order[(k + 1) % m];
            double gap = pos[next] - pos[i] + (k == m - 1 ? period : 0);
            gap = gap > 3 * mean ? mean : gap;
            w[i] += gap / 2;
            w[next] += gap / 2;
        }
        return w;
    }
}
