package dev.fields.ct;

/**
 * In-place iterative radix-2 complex FFT of one power-of-two length, with its twiddles and bit-reversal table made
 * once: {@code X_k = Σ_n x_n e^{−2πi kn/N}}; the inverse divides by N. Allocation-free.
 */
final class Fft {
    private final int n;
    private final double[] cos, sin;
    private final int[] reversed;

    Fft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        this.n = n;
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        reversed = new int[n];
        int bits = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }

    int length() { return n; }

    void forward(double[] re, double[] im) { transform(re, im, -1); }

    void inverse(double[] re, double[] im) {
        transform(re, im, 1);
        for (int i = 0; i < n; i++) { re[i] /= n; im[i] /= n; }
    }

    private void transform(double[] re, double[] im, int sign) {
        if (re.length < n || im.length < n) throw new IllegalArgumentException("FFT of length " + n + " needs arrays that long");
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len / 2, stride = n / len;
            for (int start = 0; start < n; start += len)
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride], wi = sign * sin[k * stride];
                    int a = start + k, b = a + half;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
        }
    }
}
