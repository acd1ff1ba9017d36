package dev.fields.bench;

import dev.fields.io.AtomicFiles;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.io.spec.*;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Adam;
import dev.fields.task.image.ImageTask;
import dev.fields.train.StepRecord;
import dev.fields.train.Progress;
import dev.fields.train.TrainResult;
import dev.fields.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fields bench siren-ws}: weight scaling (Yeom et al. 2025) against standard SIREN initialization on a
 * grayscale image, full batch, Adam 1e-4, coordinates in [-1, 1]², linear head. Reports the PSNR curve of both and
 * the number of steps each needs to reach the PSNR that standard SIREN has at the end.
 */
@Command(name = "siren-ws", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"SIREN with weight scaling alpha vs standard SIREN init: steps each needs to reach the same PSNR.",
                "Writes DIR/siren-ws.json with both PSNR curves."})
public final class WeightScalingBench implements Callable<Integer> {
    @Option(names = "--image", defaultValue = "scenes/images/camera.png") Path image;
    @Option(names = "--size", defaultValue = "256", description = "Image side (centre crop, downscaled). Default: ${DEFAULT-VALUE}.") int size;
    @Option(names = "--width", defaultValue = "256") int width;
    @Option(names = "--depth", defaultValue = "4", description = "Sine layers (WS paper: 4 hidden + linear output).") int depth;
    @Option(names = "--alpha", defaultValue = "2.5", description = "Weight scale (authors' default 2.5).") double alpha;
    @Option(names = "--steps", defaultValue = "150", description = "Steps per run (WS paper protocol: 150).") int steps;
    @Option(names = "--eval-every", defaultValue = "5") int evalEvery;
    @Option(names = "--lr", defaultValue = "1e-4") double lr;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--out", defaultValue = "runs/bench-siren-ws") Path out;

    @Override public Integer call() throws Exception {
        FloatImage im = Images.read(image).centerCropSquare(Integer.MAX_VALUE);
        if (size < im.width()) im = im.resize(size, size);
        if (im.channels() == 3) {
            FloatImage g = FloatImage.blank(im.width(), im.height(), 1);
            for (int i = 0; i < g.data().length; i++) g.data()[i] = (im.data()[3 * i] + im.data()[3 * i + 1] + im.data()[3 * i + 2]) / 3;
            im = g;
        }
        ImageTask.ImageSamples s = symmetric(im);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (double a : new double[]{1.0, alpha}) {
            // SIREN: omega0 = 30 (Sitzmann et al. 2020); WS scales all but the last layer by alpha (Yeom et al. 2025)
            NetworkSpec net = new NetworkSpec(NetworkSpec.Type.MLP, java.util.Collections.nCopies(depth, width), Activation.SINE,
                    Parameterization.PLAIN, 30.0, a, 1.0, 0.1);
            FieldSpec spec = new FieldSpec(2, new EncodingSpec.Identity(), net, List.of(new Output(Channel.IMAGE, 1, Head.IDENTITY)),
                    Frame.box(2, -1, 1), 0);
            FieldNetwork f = new FieldNetwork(spec, seed);
            TrainResult r = new Trainer<>(f, new ImageTask(s, s, 0), new Adam(lr, 1.0, 1000), seed)
                    .run(0, steps, evalEvery, List.of(new Progress(System.out)));
            List<double[]> c = new ArrayList<>();
            for (StepRecord rec : r.history()) if (rec.metrics().containsKey("psnr")) c.add(new double[]{rec.step(), rec.metrics().get("psnr")});
            curves.put(a == 1.0 ? "standard" : "alpha=" + a, c.toArray(new double[0][]));
            System.out.printf(Locale.ROOT, "alpha %.2f: final PSNR %.2f dB, %.1f s%n", a, c.get(c.size() - 1)[1], r.seconds());
        }
        double[][] std = curves.get("standard"), ws = curves.get("alpha=" + alpha);
        double target = std[std.length - 1][1];
        double stdSteps = stepsToReach(std, target), wsSteps = stepsToReach(ws, target);
        System.out.printf(Locale.ROOT, "target PSNR %.2f dB (standard SIREN after %d steps): standard needs %.0f steps, alpha=%.2f needs %.0f steps -> %.1fx fewer%n",
                target, steps, stdSteps, alpha, wsSteps, stdSteps / wsSteps);
        json.put("protocol", Map.of("image", image.toString(), "size", size, "width", width, "depth", depth, "lr", lr, "steps", steps, "seed", seed));
        json.put("target_psnr", target);
        json.put("steps_standard", stdSteps);
        json.put("steps_ws", wsSteps);
        json.put("speedup", stdSteps / wsSteps);
        json.put("curves", curves);
        AtomicFiles.writeString(out.resolve("siren-ws.json"), dev.fields.io.spec.SpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }

    /** First evaluated step whose PSNR reaches the target (NaN if never). */
    static double stepsToReach(double[][] curve, double target) {
        for (double[] p : curve) if (p[1] >= target - 1e-9) return p[0];
        return Double.NaN;
    }

    /** Pixels of {@code im} at coordinates in [-1, 1)² (WS protocol). */
    static ImageTask.ImageSamples symmetric(FloatImage im) {
        ImageTask.ImageSamples s = ImageTask.ImageSamples.of(im, im.width(), im.height(), 0, 1);
        float[] xy = s.coords();
        for (int i = 0; i < xy.length; i++) xy[i] = 2 * xy[i] - 1;
        return s;
    }
}
