package dev.fields.task.image;

import dev.fields.io.image.FloatImage;
import dev.fields.metrics.ImageMetrics;
import dev.fields.nn.FieldNetwork;
import dev.fields.train.Task;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Image regression: pixel coordinates to intensities, MSE on the network's outputs (after its head, a sigmoid for
 * fits). Coordinates follow the Fourier-features protocol: pixel (col, row) of a W×H grid sits at (col/W, row/H) in
 * [0, 1)². Full batch by default, or random mini-batches of training pixels.
 */
public final class ImageTask implements Task<ImageTask.Pixels> {
    private final ImageSamples train, test;
    private final int batch;
    private final INDArray fullX, fullY, batchX, batchY;
    private INDArray diff; // in the network's precision
    private final ImageSamples trainProbe;

    /** A step's pixels: coordinates and target values. */
    public record Pixels(INDArray inputs, INDArray targets) implements Task.Batch {}

    /**
     * @param train training pixels
     * @param test held-out pixels (may be the training pixels when there is no split)
     * @param batch pixels per step, 0 or ≥ train size for full batch
     */
    public ImageTask(ImageSamples train, ImageSamples test, int batch) {
        this.train = train;
        this.test = test;
        int n = train.count();
        this.batch = batch <= 0 || batch >= n ? n : batch;
        int c = train.channels();
        fullX = Nd4j.create(train.coords(), new long[]{n, 2}, 'c');
        fullY = Nd4j.create(train.values(), new long[]{n, c}, 'c');
        batchX = this.batch == n ? fullX : Nd4j.create(DataType.FLOAT, this.batch, 2);
        batchY = this.batch == n ? fullY : Nd4j.create(DataType.FLOAT, this.batch, c);
        trainProbe = train.count() > 65536 ? train.randomSubset(65536, 12345) : train;
    }

    @Override public Pixels sample(long step, SplittableRandom rng, FieldNetwork field) {
        if (batch == train.count()) return new Pixels(fullX, fullY);
        FloatBuffer xb = batchX.data().asNioFloat(), yb = batchY.data().asNioFloat();
        int c = train.channels();
        float[] cx = train.coords(), vy = train.values();
        for (int i = 0; i < batch; i++) {
            int k = rng.nextInt(train.count());
            xb.put(2 * i, cx[2 * k]).put(2 * i + 1, cx[2 * k + 1]);
            for (int j = 0; j < c; j++) yb.put(c * i + j, vy[c * k + j]);
        }
        return new Pixels(batchX, batchY);
    }

    /** mse = mean((out − y)²) over pixels and channels; d mse / d out = 2 (out − y) / n. */
    @Override public LinkedHashMap<String, Double> loss(Pixels b, FieldNetwork.Outputs out, INDArray grad) {
        INDArray v = out.values();
        if (diff == null || diff.dataType() != v.dataType() || diff.length() != v.length()) diff = Nd4j.create(v.dataType(), v.shape());
        diff.assign(v).subi(b.targets().castTo(v.dataType()));
        long n = diff.length();
        double mse = diff.norm2Number().doubleValue();
        mse = mse * mse / n;
        grad.assign(diff).muli(2.0 / n);
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
