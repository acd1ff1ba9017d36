package dev.fields.cli;

import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.SamplePool;
import dev.fields.io.UserError;
import dev.fields.task.FitOutputs;
import dev.fields.task.shape.ShapeFit;
import dev.fields.task.shape.ShapeTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fields fit-shape MESH}: fits an SDF or occupancy field to a mesh; writes blob, mesh, preview and metrics. */
@Command(name = "fit-shape", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a neural signed-distance (default) or occupancy field to a mesh (OBJ, PLY, STL, OFF, glTF, FBX, DAE, ...).",
                "Writes into DIR: NAME.field, NAME_mesh.obj and NAME_mesh.ply (marching cubes of the saved field, in the",
                "mesh's own coordinates), NAME_preview.png, NAME_curves.png, metrics.json (IoU uniform / near-surface,",
                "Chamfer-L1, F-score at 1% of the diagonal, normal consistency, timings) and NAME.ckpt (for --resume)."},
        footer = {"", "Defaults: a small, real-time-renderable network: RWF on 64 Gaussian Fourier features (sigma 1.5),",
                "3x64 ReLU, L1 on the signed distance, 16,384 points per step drawn from a pool of surface, near-surface",
                "(two noise scales) and uniform points; inside/outside by generalized winding numbers (holes are fine).",
                "--preset paper: the Fourier-features occupancy setup (8x256 ReLU on 256 features sigma 12 over the unit",
                "box, 32,768 uniform points per step, BCE, Adam 5e-4 x0.1 every 5000 steps, 10k steps).",
                "", "Example: fields fit-shape scenes/bunny.obj --out runs/bunny"})
public final class FitShapeCommand implements Callable<Integer> {
    /** Field kind on the command line. */
    public enum FieldKind { sdf, occupancy }
    /** Presets. */
    public enum Preset { fast, paper }

    @Parameters(paramLabel = "MESH", description = "Mesh to fit.")
    Path mesh;
    @Option(names = "--field", description = "sdf (sphere-traceable) or occupancy. Default: sdf (paper preset: occupancy).")
    FieldKind field;
    @Option(names = "--preset", defaultValue = "fast", description = "fast (default) or paper.")
    Preset preset;
    @Option(names = "--mesh-res", defaultValue = "256", description = "Marching-cubes resolution per axis. Default: ${DEFAULT-VALUE}.")
    int meshRes;
    @Option(names = "--batch", description = "Points per step.")
    Integer batch;
    @Option(names = "--pool", description = "Pool points per kind (surface, near A, near B, uniform). Default: 250000.")
    Integer pool;
    @Option(names = "--mix", split = ",", paramLabel = "S,A,B,U", description = "Batch fractions: surface, near (sigma A), near (sigma B), uniform. Default: 0.25,0.25,0.25,0.25.")
    List<Double> mix;
    @Option(names = "--near-sigma", split = ",", paramLabel = "A,B", description = "Near-surface noise scales in field units (box is [-1,1]^3). Default: 0.01,0.08.")
    List<Double> nearSigma;
    @Option(names = "--eikonal", defaultValue = "0", description = "Weight of the eikonal term (|grad f| - 1)^2 on uniform points (SDF only). Default: ${DEFAULT-VALUE}.")
    double eikonal;
    @Option(names = "--clamp", defaultValue = "0", description = "Clamp the SDF loss at this distance (0 = no clamp).")
    double clamp;
    @Option(names = "--inside", defaultValue = "winding", description = "Inside test for ground truth: winding (robust on open meshes) or parity (ray casting).")
    String inside;
    @Option(names = "--metric-points", defaultValue = "262144", description = "Points for each IoU (2^18).")
    int metricPoints;
    @Option(names = "--chamfer-samples", defaultValue = "100000", description = "Surface samples per mesh for Chamfer / F-score.")
    int chamferSamples;
    @Option(names = "--view", description = "Open the viewer now; it shows the blob republished at every checkpoint (--checkpoint-every) and stays open after training.")
    boolean view;
    @Mixin NetworkOptions net = new NetworkOptions();
    @Mixin TrainOptions train = new TrainOptions();

    @Override public Integer call() {
        boolean paper = preset == Preset.paper;
        ShapeTask.Mode mode = (field != null ? field : paper ? FieldKind.occupancy : FieldKind.sdf) == FieldKind.sdf ? ShapeTask.Mode.SDF : ShapeTask.Mode.OCCUPANCY;
        // FF paper occupancy: 8x256 ReLU, 256 features sigma 12 on [0,1]^3 (= sigma 6 on our [-1,1]^3 box) (Tancik et al. 2020)
        NetworkOptions.Defaults d = paper
                ? new NetworkOptions.Defaults(NetworkOptions.Enc.ff, NetworkOptions.Param.plain, NetworkOptions.Net.relu, 256, 8, 256, 6.0, 6, 30, 1)
                : new NetworkOptions.Defaults(NetworkOptions.Enc.ff, NetworkOptions.Param.rwf, NetworkOptions.Net.relu, 64, 3, 64, 1.5, 6, 30, 1);
        SamplePool.Mix m = SamplePool.Mix.defaults();
        if (paper) m = new SamplePool.Mix(0, 0, 0, 1, 0.01, 0.08);
        if (mix != null) {
            if (mix.size() != 4) throw new UserError("--mix needs 4 fractions (surface, near A, near B, uniform), got " + mix.size());
            m = new SamplePool.Mix(mix.get(0), mix.get(1), mix.get(2), mix.get(3), m.sigmaA(), m.sigmaB());
        }
        if (nearSigma != null) {
            if (nearSigma.size() != 2) throw new UserError("--near-sigma needs 2 values, got " + nearSigma.size());
            m = new SamplePool.Mix(m.surface(), m.nearA(), m.nearB(), m.uniform(), nearSigma.get(0), nearSigma.get(1));
        }
        if (mode == ShapeTask.Mode.OCCUPANCY && m.surface() > 0)
            m = new SamplePool.Mix(0, m.nearA(), m.nearB(), m.uniform() + m.surface(), m.sigmaA(), m.sigmaB()); // surface points have no label
        GroundTruth.InsideTest it = switch (inside) {
            case "winding" -> GroundTruth.InsideTest.WINDING;
            case "parity" -> GroundTruth.InsideTest.PARITY;
            default -> throw new UserError("--inside must be winding or parity, got '" + inside + "'");
        };
        if (meshRes < 8 || meshRes > 2048) throw new UserError("--mesh-res must be in 8..2048, got " + meshRes);
        int steps = train.steps(paper ? 10000 : 1500);
        Path out = train.out(FitOutputs.stem(mesh));
        ShapeFit.Config cfg = new ShapeFit.Config(mesh, mode, net.encodingSpec(d), net.networkSpec(d), steps,
                train.lr(paper ? 5e-4 : 5e-3), train.lrDecay(0.1), train.lrDecaySteps(paper ? 5000 : steps),
                train.seed, positive("--batch", batch != null ? batch : paper ? 32768 : 16384), positive("--pool", pool != null ? pool : 250000), m,
                eikonal, clamp, meshRes, it, train.evalEvery(Math.max(1, steps / 20)), train.checkpointEvery, train.resume, train.quiet,
                out, positive("--metric-points", metricPoints), positive("--chamfer-samples", chamferSamples));
        ViewerLauncher viewer = ViewerLauncher.startIf(view, out.resolve(FitOutputs.stem(mesh) + ".field"));
        ShapeFit.fit(cfg, System.out);
        ViewerLauncher.awaitClose(viewer);
        return 0;
    }

    private static int positive(String name, int v) {
        if (v < 1) throw new UserError(name + " must be >= 1, got " + v);
        return v;
    }
}
