package dev.fields.task.image;

import dev.fields.eval.BlobField;
import dev.fields.fit.Artifact;
import dev.fields.fit.Evaluation;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitProblem;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.Output;
import dev.fields.metrics.ImageMetrics;
import dev.fields.train.Task;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Image regression as a fit: the image (cropped and resized as configured) becomes a 2-D field with a sigmoid head on
 * [0, 1)²; metrics (PSNR, SSIM; train/test for the paper protocol) and the reconstruction come from the saved blob.
 */
public final class ImageProblem implements FitProblem {
    private final ImageConfig cfg;
    private final FloatImage img;
    private final FieldSpec spec;
    private final String source;

    public ImageProblem(FitConfig c, PrintStream log) { this(c, Images.read(Path.of(((ImageConfig) c.task()).source())), log); }

    /** A problem on an image already in memory (benchmarks prepare it once for many runs). */
    public ImageProblem(FitConfig c, FloatImage image, PrintStream log) {
        this.cfg = (ImageConfig) c.task();
        this.source = cfg.source();
        this.img = prepare(image, cfg);
        this.spec = new FieldSpec(2, c.encoding(), c.network(), List.of(new Output(Channel.IMAGE, img.channels(), Head.SIGMOID)),
                Frame.box(2, 0, 1).withResolution(img.width(), img.height()), 0);
    }

    /** The paper crop, then the resize. */
    public static FloatImage prepare(FloatImage im, ImageConfig c) {
        if (c.protocol() == ImageConfig.Protocol.PAPER) im = im.centerCropSquare(512);
        if (c.resize() > 0) {
            double f = (double) c.resize() / Math.max(im.width(), im.height());
            if (f < 1) im = im.resize(Math.max(2, (int) Math.round(im.width() * f)), Math.max(2, (int) Math.round(im.height() * f)));
        }
        return im;
    }

    private boolean paper() { return cfg.protocol() == ImageConfig.Protocol.PAPER; }

    @Override public String task() { return "image"; }

    @Override public FieldSpec spec() { return spec; }

    @Override public Task<?> newTask() {
        ImageTask.ImageSamples all = ImageTask.ImageSamples.of(img, img.width(), img.height(), 0, 1);
        if (!paper()) return new ImageTask(all, all, cfg.batch());
        return new ImageTask(ImageTask.ImageSamples.of(img.subsample(0, 2), img.width(), img.height(), 0, 2),
                ImageTask.ImageSamples.of(img.subsample(1, 2), img.width(), img.height(), 1, 2), cfg.batch());
    }

    @Override public String describe(long parameters, int steps) {
        int n = img.width() * img.height(), train = paper() ? img.subsample(0, 2).data().length / img.channels() : n;
        return String.format(Locale.ROOT, "fit-image %s: %dx%d, %d channel(s), %d train / %d test pixels, %,d parameters, %d steps",
                source, img.width(), img.height(), img.channels(), train, paper() ? img.subsample(1, 2).data().length / img.channels() : n,
                parameters, steps);
    }

    @Override public Evaluation evaluate(FieldBlob saved, PrintStream log) {
        FloatImage recon = reconstruct(new BlobField(saved), img);
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        if (paper()) {
            m.put("train_psnr", ImageMetrics.psnr(recon.subsample(0, 2).data(), img.subsample(0, 2).data()));
            m.put("test_psnr", ImageMetrics.psnr(recon.subsample(1, 2).data(), img.subsample(1, 2).data()));
            m.put("test_ssim", ImageMetrics.ssim(recon.subsample(1, 2), img.subsample(1, 2)));
        } else {
            m.put("psnr", ImageMetrics.psnr(recon.data(), img.data()));
        }
        m.put("ssim", ImageMetrics.ssim(recon, img));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("width", img.width());
        details.put("height", img.height());
        details.put("channels", img.channels());
        return new Evaluation(saved.spec(), m, details,
                List.of(new Artifact("_recon.png", "the image evaluated from the saved blob", p -> Images.writePng(p, recon))));
    }

    /** Evaluates the field at every pixel of the image grid. */
    public static FloatImage reconstruct(BlobField field, FloatImage like) {
        ImageTask.ImageSamples all = ImageTask.ImageSamples.of(like, like.width(), like.height(), 0, 1);
        float[] v = field.evaluate(all.coords(), all.count());
        return new FloatImage(like.width(), like.height(), like.channels(), v);
    }
}
