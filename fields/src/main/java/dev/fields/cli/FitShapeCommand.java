package dev.fields.cli;

import dev.fields.geometry.GroundTruth;
import dev.fields.io.UserError;
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
                "Chamfer-L1, F-score at 1%% of the diagonal, normal consistency, timings) and NAME.ckpt (for --resume)."},
        footer = {"", "Defaults (preset 'shape'): a multiresolution hash grid (16 levels x 2 features, 2^15 entries per level,",
                "resolutions 16-512) read by a 2x64 RWF ReLU MLP; the earlier Fourier network (16,834 parameters, exportable to",
                "Shadertoy) is --encoding ff --features 64 --sigma 1.5 --depth 3. L1 on the signed distance plus a normal term (0.003 |grad f - n|^2 at 2,048 surface",
                "points per step), 16,384 points per step drawn from a pool of surface,",
                "near-surface (two noise scales) and uniform points; inside/outside by generalized winding numbers (holes are fine).",
                "--preset paper: the Fourier-features occupancy setup (8x256 ReLU on 256 features sigma 12 over the unit",
                "box, 32,768 uniform points per step, BCE, Adam 5e-4 x0.1 every 5000 steps, 10k steps).",
                "--activation softplus: a smooth field (no creases; lower Lipschitz bound) at slightly lower IoU.",
                "--config runs/X/metrics.json reruns an earlier fit exactly; --print-config shows what would run.",
                "", "Example: fields fit-shape scenes/bunny.obj --out runs/bunny"})
public final class FitShapeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MESH", description = "Mesh to fit.")
    Path mesh;
    @Option(names = "--field", paramLabel = "sdf|occupancy", description = "sdf (sphere-traceable) or occupancy.")
    ShapeTask.Mode field;
    @Option(names = "--batch", description = "Points per step.")
    Integer batch;
    @Option(names = "--pool", description = "Pool points per kind (surface, near A, near B, uniform), labelled once.")
    Integer pool;
    @Option(names = "--mix", split = ",", paramLabel = "S,A,B,U", description = "Fractions of surface, near-surface A, near-surface B and uniform points per batch.")
    List<Double> mix;
    @Option(names = "--near-sigma", split = ",", paramLabel = "A,B", description = "Noise scales of the two near-surface kinds (field units; box is [-1,1]^3).")
    List<Double> nearSigma;
    @Option(names = "--eikonal", description = "Weight of the eikonal term (|grad f| - 1)^2 at gradient points off the surface (SDF only; 0 = off).")
    Double eikonal;
    @Option(names = "--normal", description = "Weight of the normal term |grad f - n|^2 at gradient points on the surface, n the mesh's outward normal (SDF only; 0 = off).")
    Double normal;
    @Option(names = "--gradient-points", paramLabel = "N", description = "Batch points per step that carry the eikonal or normal term; grad f comes from forward differences, three extra field evaluations per point.")
    Integer gradientPoints;
    @Option(names = "--clamp", description = "Clamp the SDF loss at this distance (0 = no clamp).")
    Double clamp;
    @Option(names = "--mesh-res", description = "Marching-cubes resolution of the exported mesh.")
    Integer meshRes;
    @Option(names = "--faces", paramLabel = "N", description = "Simplify the exported mesh to N faces by quadric error metrics, keeping it watertight and manifold (0 = every face of the extraction).")
    Integer faces;
    @Option(names = "--inside", paramLabel = "winding|parity", description = "Inside test for ground truth: winding (robust on open meshes) or parity (ray casting).")
    GroundTruth.InsideTest inside;
    @Option(names = "--metric-points", description = "Points for each IoU.")
    Integer metricPoints;
    @Option(names = "--chamfer-samples", description = "Surface samples per mesh for Chamfer / F-score.")
    Integer chamferSamples;
    @Mixin NetworkOptions net = new NetworkOptions();
    @Mixin FitOptions fit = new FitOptions();

    @Override public Integer call() {
        ConfigTree t = new ConfigTree(fit.base("shape"));
        t.set("task.field", field).set("task.batch", batch).set("task.pool", pool).set("task.eikonal", eikonal).set("task.normal", normal).set("task.gradientPoints", gradientPoints).set("task.clamp", clamp)
                .set("task.meshRes", meshRes).set("task.meshFaces", faces).set("task.inside", inside).set("task.metricPoints", metricPoints).set("task.chamferSamples", chamferSamples);
        if (mix != null) {
            if (mix.size() != 4) throw new UserError("--mix needs 4 fractions (surface, near A, near B, uniform), got " + mix.size());
            t.set("task.mix.surface", mix.get(0)).set("task.mix.nearA", mix.get(1)).set("task.mix.nearB", mix.get(2)).set("task.mix.uniform", mix.get(3));
        }
        if (nearSigma != null) {
            if (nearSigma.size() != 2) throw new UserError("--near-sigma needs 2 values, got " + nearSigma.size());
            t.set("task.mix.sigmaA", nearSigma.get(0)).set("task.mix.sigmaB", nearSigma.get(1));
        }
        t.set("task.source", mesh.toString());
        return FitLauncher.run(t, fit, net);
    }
}
