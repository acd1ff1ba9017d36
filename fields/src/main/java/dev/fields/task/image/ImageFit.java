package dev.fields.task.image;

import dev.fields.task.FitOutputs;
import dev.fields.eval.BlobField;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;
import dev.fields.metrics.ImageMetrics;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Adam;
import dev.fields.train.TrainConfig;
import dev.fields.train.TrainResult;
import dev.fields.train.Trainer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs an image fit end to end: data split, training, blob, reconstruction from the blob, metrics and plot. */
public final class ImageFit {
    private ImageFit() {}

    /** Everything an image fit needs, resolved. */
    public record Config(Path source, FloatImage image, boolean paperSplit, int batch, EncodingSpec encoding,
                         NetworkSpec network, int steps, double lr, double lrDecay, int lrDecaySteps, long seed,
                         int evalEvery, int checkpointEvery, boolean resume, boolean quiet, Path out) {}

    /** The outcome: blob path and final metrics (computed from the saved blob). */
    public record Result(Path blob, Map<String, Double> metrics, TrainResult training) {}

    public static Path run(Config c, PrintStream log) { return fit(c, log).blob(); }

    public static Result fit(Config c, PrintStream log) {
        FloatImage img = c.image();
        String name = FitOutputs.stem(c.source());
        FieldSpec spec = new FieldSpec(2, c.encoding(), c.network(),
                List.of(new Output(Channel.IMAGE, img.channels(), Head.SIGMOID)),
                Frame.box(2, 0, 1).withResolution(img.width(), img.height()), 0);
        ImageTask.ImageSamples all = ImageTask.ImageSamples.of(img, img.width(), img.height(), 0, 1);
        ImageTask.ImageSamples train = c.paperSplit() ? ImageTask.ImageSamples.of(img.subsample(0, 2), img.width(), img.height(), 0, 2) : all;
        ImageTask.ImageSamples test = c.paperSplit() ? ImageTask.ImageSamples.of(img.subsample(1, 2), img.width(), img.height(), 1, 2) : all;
        FieldNetwork net = new FieldNetwork(spec, c.seed());
        ImageTask task = new ImageTask(train, test, c.batch());
        Path dir = c.out();
        Path ckpt = dir.resolve(name + ".ckpt");
        if (c.resume() && !Files.exists(ckpt))
            throw new dev.fields.io.UserError("--resume: no checkpoint " + ckpt + " (run without --resume first, or give the same --out)");
        if (!c.quiet())
            log.printf(Locale.ROOT, "fit-image %s: %dx%d, %d channel(s), %d train / %d test pixels, %,d parameters, %d steps%n",
                    c.source(), img.width(), img.height(), img.channels(), train.count(), test.count(), net.parameterCount(), c.steps());
        TrainConfig tc = new TrainConfig(c.steps(), c.seed(), c.evalEvery(), c.checkpointEvery(),
                c.checkpointEvery() > 0 || c.resume() ? ckpt : null, c.resume(), c.quiet());
        Map<String, Object> config = config(c, img);
        // the blob is republished at every checkpoint, so 'fields view' on it follows the run
        Trainer.Snapshot live = (step, n) -> BlobFormat.write(dir.resolve(name + ".field"),
                n.export(FitOutputs.provenance("image", c.seed(), step, Map.of(), config)));
        TrainResult tr = Trainer.run(net, task, new Adam(c.lr(), c.lrDecay(), c.lrDecaySteps()), tc, log, live);

        FieldBlob saved = FitOutputs.roundTrip(net.export(FitOutputs.provenance("image", c.seed(), tr.steps(), Map.of(), config)), name + ".field");
        BlobField field = new BlobField(saved);
        FloatImage recon = reconstruct(field, img);
        Map<String, Double> m = new LinkedHashMap<>();
        if (c.paperSplit()) {
            m.put("train_psnr", ImageMetrics.psnr(recon.subsample(0, 2).data(), img.subsample(0, 2).data()));
            m.put("test_psnr", ImageMetrics.psnr(recon.subsample(1, 2).data(), img.subsample(1, 2).data()));
            m.put("test_ssim", ImageMetrics.ssim(recon.subsample(1, 2), img.subsample(1, 2)));
        } else {
            m.put("psnr", ImageMetrics.psnr(recon.data(), img.data()));
        }
        m.put("ssim", ImageMetrics.ssim(recon, img));
        FieldBlob finalBlob = new FieldBlob(saved.kind(), saved.spec(), saved.tensors(),
                FitOutputs.provenance("image", c.seed(), tr.steps(), m, config));
        Path blobPath = dir.resolve(name + ".field");
        BlobFormat.write(blobPath, finalBlob);
        Images.writePng(dir.resolve(name + "_recon.png"), recon);
        FitOutputs.writePlot(dir.resolve(name + "_curves.png"), name, tr);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("task", "image");
        top.put("source", c.source().toString());
        top.putAll(m);
        top.put("config", config);
        FitOutputs.writeMetrics(dir, top, tr);
        if (!c.quiet()) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
            log.printf(Locale.ROOT, "done in %.1f s:%s%nwrote %s, %s_recon.png, %s_curves.png, metrics.json%n",
                    tr.seconds(), sb, blobPath, dir.resolve(name), dir.resolve(name));
        }
        return new Result(blobPath, m, tr);
    }

    /** Evaluates the field at every pixel of the image grid. */
    public static FloatImage reconstruct(BlobField field, FloatImage like) {
        ImageTask.ImageSamples all = ImageTask.ImageSamples.of(like, like.width(), like.height(), 0, 1);
        float[] v = field.evaluate(all.coords(), all.count());
        return new FloatImage(like.width(), like.height(), like.channels(), v);
    }

    private static Map<String, Object> config(Config c, FloatImage img) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", c.paperSplit() ? "paper" : "all");
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("batch", c.batch());
        FitOutputs.putTraining(m, c.encoding(), c.network(), c.steps(), c.lr(), c.lrDecay(), c.lrDecaySteps(), c.seed());
        return m;
    }
}
