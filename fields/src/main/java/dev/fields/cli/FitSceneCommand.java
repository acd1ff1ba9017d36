package dev.fields.cli;

import dev.fields.io.spec.Head;
import dev.fields.io.spec.ViewDependence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fields fit-scene DIR_OR_JSON}: a radiance field (density + colour) fitted to posed images by volume rendering. */
@Command(name = "fit-scene", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a radiance field (density, then colour) to posed images by volumetric rendering (a small NeRF): a",
                "NeRF-synthetic (Blender) folder, a folder with instant-ngp's / nerfstudio's transforms.json, or such a JSON file.",
                "Writes into DIR: NAME.field (shown by 'fields view' and 'fields render', composited per pixel),",
                "NAME_test_views.png (every test view: truth | render | error map), NAME_turntable.png (8 views around the",
                "scene's up axis, 25 degrees up, side by side), NAME_curves.png (loss; batch and test PSNR over steps),",
                "metrics.json (test PSNR and SSIM, mean and per view; the step's time split).",
                "A mesh of the field: 'fields export-mesh NAME.field --out NAME.ply' (coloured vertices)."},
        footer = {"", "Defaults (preset 'scene'): hash grid (16 levels x 2 features, 2^16 entries, N 16-256) into a 2x64 RWF ReLU MLP,",
                "softplus density and sigmoid colour (no view dependence); each step fills 32,768 network samples with rays through random train",
                "pixels (128 jittered stratified samples per ray between its near and far in the scene box; samples in empty",
                "cells of a 64^3 occupancy grid, updated every 16 steps, are skipped); front-to-back compositing over the",
                "background, early termination at transmittance 1e-4; MSE on RGB; Adam 1e-2 decaying x0.1 over the run.",
                "", "Examples:",
                "  fields fit-scene scenes/bunny-scene",
                "  fields fit-scene my-capture/transforms.json --bounds 1.5 --steps 3000",
                "  fields fit-scene runs/shiny-scene --view-dependence sh:2   # specular highlights (make-scene --specular)",
                "  fields make-scene mesh.obj --views 100 --size 100 --out my-scene   # a scene to fit, rendered from a mesh"})
public final class FitSceneCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR_OR_JSON", description = "The scene: a Blender-layout folder, a folder with transforms.json, or a transforms JSON file.")
    Path scene;
    @Option(names = "--background", paramLabel = "white|black|grey|#rrggbb|R,G,B", description = "Colour the images are composited over, and the field onto (default white).")
    String background;
    @Option(names = "--bounds", paramLabel = "minx,miny,minz,maxx,maxy,maxz|H", description = "The scene box (default: from aabb_scale, else from the cameras).")
    String bounds;
    @Option(names = "--samples-per-step", paramLabel = "N", description = "Network samples per step (rays are added until their occupied samples fill it).")
    Integer samplesPerStep;
    @Option(names = "--max-rays", paramLabel = "N", description = "At most this many rays per step.")
    Integer maxRays;
    @Option(names = "--samples-per-ray", paramLabel = "K", description = "Stratified samples per ray between its near and far in the box.")
    Integer samplesPerRay;
    @Option(names = "--density-head", paramLabel = "softplus|relu", description = "Non-negative head of the density.")
    Head densityHead;
    @Option(names = "--view-dependence", paramLabel = "none|sh:DEG", converter = ViewDependenceConverter.class,
            description = {"Colour from the position only (none, the default), or view-dependent: the network outputs 3 (DEG+1)^2",
                    "spherical-harmonics coefficients (DEG 1..3; R's, then G's, then B's) and the colour is sigmoid(sum c_k Y_k(ray",
                    "direction)); same network cost, a wider last layer. The baked texture and export-mesh use the diffuse part."})
    ViewDependence viewDependence;
    @Option(names = "--occupancy-res", paramLabel = "N", description = "Cells per axis of the occupancy grid.")
    Integer occupancyRes;
    @Option(names = "--occupancy-every", paramLabel = "STEPS", description = "Steps between occupancy-grid updates.")
    Integer occupancyEvery;
    @Option(names = "--terminate", paramLabel = "T", description = "Early ray termination below this transmittance (0 = off).")
    Double terminate;
    @Option(names = "--eval-views", paramLabel = "N", description = "Test views rendered (at every 2nd pixel) for the held-out PSNR during training.")
    Integer evalViews;
    @Option(names = "--test-views", paramLabel = "N", description = "Test views rendered for the final metrics (0 = all).")
    Integer testViews;
    @Mixin NetworkOptions net = new NetworkOptions();
    @Mixin FitOptions fit = new FitOptions();

    @Override public Integer call() {
        ConfigTree t = new ConfigTree(fit.base("scene"));
        t.set("task.source", scene.toString()).set("task.background", background).set("task.bounds", bounds)
                .set("task.samplesPerStep", samplesPerStep).set("task.maxRaysPerStep", maxRays).set("task.samplesPerRay", samplesPerRay)
                .set("task.densityHead", densityHead).set("task.occupancyResolution", occupancyRes).set("task.occupancyEvery", occupancyEvery)
                .set("task.terminate", terminate).set("task.evalViews", evalViews).set("task.testViews", testViews)
                .set("task.viewDependence", viewDependence == null ? null : viewDependence.token());
        return FitLauncher.run(t, fit, net);
    }
}
