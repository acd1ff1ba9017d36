package dev.fields.cli;

import dev.fields.task.image.ImageConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fields fit-image IMAGE}: fits a 2-D field to an image and writes the blob, reconstruction, plot and metrics. */
@Command(name = "fit-image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a neural field to an image (PNG 8/16-bit or JPEG, grey or RGB, any aspect ratio).",
                "Writes into DIR: NAME.field (weight blob), NAME_recon.png (evaluated from the saved blob),",
                "NAME_curves.png (loss and PSNR over steps), metrics.json, and NAME.ckpt (for --resume)."},
        footer = {"", "Defaults (preset 'image'): RWF on 256 Gaussian Fourier features (sigma 10), 3x256 ReLU, sigmoid head,",
                "Adam 1e-3, random mini-batches of 8,192 pixels over all pixels, 1000 steps.",
                "--preset paper: centre crop to a square of at most 512 px, train on even pixels, test on odd",
                "pixels, full batch, 2000 steps, plain parameterization (the Fourier-features paper); flags override.",
                "--config runs/X/metrics.json reruns an earlier fit exactly; --print-config shows what would run.",
                "", "Example: fields fit-image scenes/images/camera.png --out runs/camera"})
public final class FitImageCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", description = "Image to fit.")
    Path image;
    @Option(names = "--protocol", paramLabel = "all|paper", description = "all (fit every pixel) or paper (train even / test odd pixels, 512 crop).")
    ImageConfig.Protocol protocol;
    @Option(names = "--resize", paramLabel = "N", description = "Downscale so the longer side is N pixels (after the paper crop).")
    Integer resize;
    @Option(names = "--batch", description = "Pixels per step; 0 = full batch.")
    Integer batch;
    @Mixin NetworkOptions net = new NetworkOptions();
    @Mixin FitOptions fit = new FitOptions();

    @Override public Integer call() {
        ConfigTree t = new ConfigTree(fit.base("image"));
        if (protocol == ImageConfig.Protocol.PAPER && fit.preset == null && fit.config == null) t = new ConfigTree(dev.fields.fit.Presets.load("image-paper"));
        t.set("task.protocol", protocol).set("task.resize", resize).set("task.batch", batch);
        t.set("task.source", image.toString());
        return FitLauncher.run(t, fit, net);
    }
}
