package dev.fields.cli;

import dev.fields.io.UserError;
import dev.fields.io.spec.Head;
import dev.fields.task.ct.CtConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fields fit-ct [SINOGRAM]}: reconstructs a CT slice with a neural field, beside FBP and SIRT of the same sinogram. */
@Command(name = "fit-ct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reconstruct a 2-D CT slice with a neural attenuation field from a sinogram (views x detectors: .npy, 32-bit",
                "float TIFF, or 16-bit PNG with a scale in the geometry file) and its geometry, or from a phantom's exact sinogram.",
                "FBP and SIRT run on the same sinogram in the same run. Writes into DIR: NAME.field (shown by 'fields view' and",
                "'fields render' as a slice), NAME_recon.npy / .tiff (float32) / .png, NAME_fbp.npy, NAME_sirt.npy, NAME_compare.png (truth | FBP",
                "| SIRT | field with error maps), NAME_curves.png (loss, PSNR over steps with the baselines as reference lines),",
                "metrics.json (PSNR and SSIM inside the reconstruction circle, peak = the truth's maximum, for every method)."},
        footer = {"", "Defaults (preset 'ct'): the modified Shepp-Logan phantom, 20 parallel views kπ/20 on a 256² grid over [-1,1]²,",
                "its exact analytic sinogram; a 2-D hash grid read by a 2x64 ReLU MLP with random weight factorization, sigmoid head,",
                "300 Adam steps at lr 2e-3 (decaying to 2e-4):",
                "100 warm-start steps fitting the SIRT image, then the field on the grid projected by the ray-driven system",
                "matrix against the sinogram, with a TV prior of 3e-3 (--forward rays samples line integrals along rays instead).",
                "", "Examples:",
                "  fields fit-ct --phantom shepp-logan --views 20",
                "  fields fit-ct scan.npy --geometry scan.json --truth slice.npy",
                "  fields fit-ct radon.npy --geometry g.json --transpose        # scikit-image radon output (detectors x views)",
                "  fields make-sinogram slice.dcm --geometry g.json --out s.npy   # simulate a scan of a slice to reconstruct"})
public final class FitCtCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SINOGRAM", arity = "0..1", description = "Measured sinogram (omit with --phantom).")
    Path sinogram;
    @Option(names = "--geometry", paramLabel = "G.json", description = "Scan geometry of SINOGRAM (see README: fit-ct geometry).")
    Path geometry;
    @Option(names = "--transpose", description = "SINOGRAM is detectors x views (scikit-image's radon writes that).")
    boolean transpose;
    @Option(names = "--phantom", paramLabel = "shepp-logan|random:SEED", description = "Reconstruct a phantom from its exact analytic sinogram.")
    String phantom;
    @Option(names = "--views", description = "Views of the phantom scan (parallel beam, angles kπ/N).")
    Integer views;
    @Option(names = "--grid", description = "Reconstruction grid side of the phantom scan.")
    Integer grid;
    @Option(names = "--noise", paramLabel = "none|poisson:I0|gauss:SIGMA", description = "Noise added to the sinogram (seeded by --seed).")
    String noise;
    @Option(names = "--truth", paramLabel = "FILE", description = "The true slice of SINOGRAM (.npy or float TIFF), for PSNR/SSIM of every method.")
    Path truth;
    @Option(names = "--forward", paramLabel = "matrix|rays", description = "Projector of the field: system matrix on the grid, or rays sampled through the field.")
    CtConfig.Forward forward;
    @Option(names = "--rays-per-step", description = "Rays per step of --forward rays (0 = all).")
    Integer raysPerStep;
    @Option(names = "--samples-per-ray", description = "Samples per ray of --forward rays.")
    Integer samplesPerRay;
    @Option(names = "--head", paramLabel = "softplus|sigmoid", description = "Non-negative head of the field: softplus (any attenuation) or sigmoid (densities in [0, 1]).")
    Head head;
    @Option(names = "--sirt-iterations", description = "Iterations of the SIRT baseline (0 = none).")
    Integer sirtIterations;
    @Option(names = "--fbp-filter", paramLabel = "ram-lak|shepp-logan|cosine|hann", description = "Filter of the FBP baseline.")
    String fbpFilter;
    @Option(names = "--tv", paramLabel = "W", description = "Weight of a total-variation prior on the field's grid values (0 = none; matrix projector only).")
    Double tv;
    @Option(names = "--value-scale", paramLabel = "S", description = "Attenuation that the field's value 1 stands for (0 = automatic, from the classical baseline's range).")
    Double valueScale;
    @Option(names = "--warm-start", paramLabel = "STEPS", description = "Steps that first fit the field to the classical reconstruction (SIRT, else FBP) before the projection loss refines it (0 = none; matrix projector only).")
    Integer warmStart;
    @Mixin NetworkOptions net = new NetworkOptions();
    @Mixin FitOptions fit = new FitOptions();

    @Override public Integer call() {
        ConfigTree t = new ConfigTree(fit.base("ct"));
        if (sinogram != null && phantom != null) throw new UserError("give a SINOGRAM file or --phantom, not both");
        if (sinogram != null) {
            if (geometry == null) throw new UserError("a sinogram file needs --geometry G.json (its scan geometry; see 'fields fit-ct --help')");
            t.object("task").putNull("phantom");
            t.set("task.sinogram", sinogram.toString()).set("task.geometry", geometry.toString());
        } else if (geometry != null) {
            throw new UserError("--geometry goes with a SINOGRAM file; a phantom scan is set by --views and --grid");
        }
        if (phantom != null) t.set("task.phantom", phantom).object("task").putNull("sinogram");
        t.set("task.transpose", transpose ? Boolean.TRUE : null).set("task.views", views).set("task.gridSize", grid).set("task.noise", noise)
                .set("task.truth", truth == null ? null : truth.toString()).set("task.forward", forward).set("task.raysPerStep", raysPerStep)
                .set("task.samplesPerRay", samplesPerRay).set("task.head", head).set("task.sirtIterations", sirtIterations).set("task.fbpFilter", fbpFilter)
                .set("task.tv", tv).set("task.valueScale", valueScale).set("task.warmStart", warmStart);
        return FitLauncher.run(t, fit, net);
    }
}
