package dev.fields.cli;

import dev.fields.io.UserError;
import dev.fields.io.image.FloatImage;
import dev.fields.io.image.Images;
import dev.fields.task.FitOutputs;
import dev.fields.task.image.ImageFit;
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
        footer = {"", "Defaults: RWF on 256 Gaussian Fourier features (sigma 10), 3x256 ReLU, sigmoid head, Adam 1e-3,",
                "random mini-batches of 8,192 pixels over all pixels.",
                "--protocol paper: centre crop to a square of at most 512 px, train on even pixels, test on odd",
                "pixels, full batch, 2000 steps, plain parameterization (the Fourier-features paper); flags override.",
                "", "Example: fields fit-image scenes/images/camera.png --out runs/camera"})
public final class FitImageCommand implements Callable<Integer> {
    /** Data protocol. */
    public enum Protocol { all, paper }

    @Parameters(paramLabel = "IMAGE", description = "Image to fit.")
    Path image;
    @Option(names = "--protocol", defaultValue = "all", description = "all (fit every pixel) or paper (see below). Default: ${DEFAULT-VALUE}.")
    Protocol protocol;
    @Option(names = "--resize", paramLabel = "N", description = "Downscale so the longer side is N pixels (after the paper crop).")
    Integer resize;
    @Option(names = "--batch", description = "Pixels per step; 0 = full batch. Default: 8192 (all), 0 (paper).")
    Integer batch;
    @Option(names = "--view", description = "Open the viewer now; it shows the blob republished at every checkpoint (--checkpoint-every) and stays open after training.")
    boolean view;
    @Mixin NetworkOptions net = new NetworkOptions();
    @Mixin TrainOptions train = new TrainOptions();

    @Override public Integer call() {
        FloatImage img = Images.read(image);
        boolean paper = protocol == Protocol.paper;
        if (paper) img = img.centerCropSquare(512);
        if (resize != null) {
            if (resize < 2) throw new UserError("--resize must be >= 2, got " + resize);
            double f = (double) resize / Math.max(img.width(), img.height());
            if (f < 1) img = img.resize(Math.max(2, (int) Math.round(img.width() * f)), Math.max(2, (int) Math.round(img.height() * f)));
        }
        // Fourier-features paper, image regression: 3x256 ReLU + sigmoid on 256 features sigma 10, Adam 1e-3, 2000 steps (Tancik et al. 2020, Sec. 5)
        NetworkOptions.Defaults d = new NetworkOptions.Defaults(NetworkOptions.Enc.ff,
                paper ? NetworkOptions.Param.plain : NetworkOptions.Param.rwf, NetworkOptions.Net.relu,
                256, 3, 256, 10.0, 10, 30.0, 1.0);
        Path out = train.out(FitOutputs.stem(image));
        ImageFit.Config cfg = new ImageFit.Config(image, img, paper, batch != null ? batch : (paper ? 0 : 8192),
                net.encodingSpec(d), net.networkSpec(d),
                train.steps(paper ? 2000 : 1000), train.lr(1e-3), train.lrDecay(1.0), train.lrDecaySteps(1000),
                train.seed, train.evalEvery(paper ? 25 : 50), train.checkpointEvery, train.resume, train.quiet,
                out);
        ViewerLauncher viewer = ViewerLauncher.startIf(view, out.resolve(FitOutputs.stem(image) + ".field"));
        ImageFit.run(cfg, System.out);
        ViewerLauncher.awaitClose(viewer);
        return 0;
    }
}
