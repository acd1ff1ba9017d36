package dev.fields.task.image;

import dev.fields.io.image.FloatImage;
import dev.fields.metrics.ImageMetrics;
import dev.fields.nn.FieldNetwork;
import dev.fields.train.Task;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Image regression: pixel coordinates to intensities through a sigmoid head, MSE loss. Coordinates follow the
 * Fourier-features protocol: pixel (col, row) of a W×H grid sits at ((col)/W, (row)/H) in [0, 1)². Full batch by
 * default, or random mini-batches of training pixels.
 */
public final class ImageTask implements Task {
    private final ImageSamples train, test;
    private final int batch;
    private final INDArray fullX, fullY, batchX, batchY, sig, diff;
    private final ImageSamples trainProbe;
    private final boolean sigmoidHead;

    /**
     * @param train training pixels
     * @param test held-out pixels (may be the training pixels when there is no split)
     * @param batch pixels per step, 0 or ≥ train size for full batch
     */
    public ImageTask(ImageSamples train, ImageSamples test, int batch) { this(train, test, batch, true); }

    /** As above; {@code sigmoidHead} false fits raw outputs directly (identity head). */
    public ImageTask(ImageSamples train, ImageSamples test, int batch, boolean sigmoidHead) {
        this.sigmoidHead = sigmoidHead;
        this.train = train;
        this.test = test;
        int n = train.count();
        this.batch = batch <= 0 || batch >= n ? n : batch;
        int c = train.channels();
        fullX = Nd4j.create(train.coords(), new long[]{n, 2}, 'c');
        fullY = Nd4j.create(train.values(), new long[]{n, c}, 'c');
        batchX = this.batch == n ? fullX : Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, this.batch, 2);
        batchY = this.batch == n ? fullY : Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, this.batch, c);
        sig = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, this.batch, c);
        diff = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, this.batch, c);
        trainProbe = train.count() > 65536 ? train.randomSubset(65536, 12345) : train;
    }

    @Override public INDArray sample(long step, SplittableRandom rng) {
        if (batch == train.count()) return fullX;
        FloatBuffer xb = batchX.data().asNioFloat(), yb = batchY.data().asNioFloat();
        int c = train.channels();
        float[] cx = train.coords(), vy = train.values();
        for (int i = 0; i < batch; i++) {
            int k = rng.nextInt(train.count());
            xb.put(2 * i, cx[2 * k]).put(2 * i + 1, cx[2 * k + 1]);
            for (int j = 0; j < c; j++) yb.put(c * i + j, vy[c * k + j]);
        }
        return batchX;
    }

    @Override public LinkedHashMap<String, Double> loss(INDArray rawOut, INDArray gradOut, long step) {
        INDArray y = batch == train.count() ? fullY : batchY;
        sig.assign(rawOut);
        if (sigmoidHead) Transforms.sigmoid(sig, false);
        diff.assign(sig).subi(y);
        long n = diff.length();
        double mse = diff.norm2Number().doubleValue();
        mse = mse * mse / n;
        if (sigmoidHead) {
            // d/dz of mean((sigmoid(z) - y)^2) = 2 (s - y) s (1 - s) / n
            gradOut.assign(sig).rsubi(1.0).muli(sig).muli(diff).muli(2.0 / n);
        } else {
            gradOut.assign(diff).muli(2.0 / n);
        }
        LinkedHashMap<String, Double> terms = new LinkedHashMap<>();
        terms.put("mse", mse);
        return terms;
    }

    @Override public Map<String, Double> evaluate(FieldNetwork net) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("psnr", psnr(net, trainProbe));
        if (test != train) m.put("test_psnr", psnr(net, test));
        return m;
    }

    private static double psnr(FieldNetwork net, ImageSamples s) {
        return ImageMetrics.psnr(net.predict(s.coords(), s.count()), s.values());
    }

    /** Pixels as coordinate/value arrays. */
    public record ImageSamples(float[] coords, float[] values, int channels) {
        public int count() { return coords.length / 2; }

        /** Every pixel of {@code img}, placed on the grid of a {@code gridW × gridH} image at offset/step. */
        public static ImageSamples of(FloatImage img, int gridW, int gridH, int offset, int step) {
            int n = img.width() * img.height(), c = img.channels();
            float[] xy = new float[2 * n];
            for (int y = 0, k = 0; y < img.height(); y++)
                for (int x = 0; x < img.width(); x++, k++) {
                    xy[2 * k] = dev.fields.io.spec.PixelGrid.coordinate(offset + x * step, gridW);
                    xy[2 * k + 1] = dev.fields.io.spec.PixelGrid.coordinate(offset + y * step, gridH);
                }
            return new ImageSamples(xy, img.data().clone(), c);
        }

        ImageSamples randomSubset(int k, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            float[] xy = new float[2 * k], v = new float[k * channels];
            for (int i = 0; i < k; i++) {
                int j = r.nextInt(count());
                xy[2 * i] = coords[2 * j];
                xy[2 * i + 1] = coords[2 * j + 1];
                System.arraycopy(values, j * channels, v, i * channels, channels);
            }
            return new ImageSamples(xy, v, channels);
        }
    }
}
