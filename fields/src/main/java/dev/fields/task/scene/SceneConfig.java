package dev.fields.task.scene;

import dev.fields.fit.TaskConfig;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.ViewDependence;

/**
 * What a scene fit (volumetric inverse rendering from posed images) reads, how it samples and how it is scored.
 *
 * @param source the scene: a Blender-layout folder, a folder with {@code transforms.json}, or a transforms JSON file
 * @param background colour the images are composited over and the field is composited onto ({@code white},
 *                   {@code black}, {@code #rrggbb}, {@code R,G,B}); null = white
 * @param bounds the scene box ({@code minx,miny,minz,maxx,maxy,maxz} or a half side h), or null for the reader's
 *               (from {@code aabb_scale}, else from the cameras)
 * @param samplesPerStep network evaluations per step: rays are drawn from random train pixels until their samples in
 *                       occupied cells would exceed this budget (the batch is padded to exactly this size, so the
 *                       network's buffers never change shape)
 * @param maxRaysPerStep at most this many rays per step (rays through empty space cost no network evaluation)
 * @param samplesPerRay stratified bins between each ray's near and far (its interval in the scene box), one jittered
 *                      sample per bin in training, the midpoint when rendering
 * @param densityHead SOFTPLUS (default: never a zero gradient, so a region the field has emptied can fill again) or
 *                    RELU (NeRF's original)
 * @param occupancyResolution side of the occupancy grid over the box (cells per axis)
 * @param occupancyEvery steps between occupancy updates
 * @param occupancyWarmup steps during which every update visits every cell (afterwards a random quarter of them)
 * @param occupancyDecay each visited cell keeps {@code max(decay · old, new)}
 * @param occupancyThreshold a cell is occupied when its optical thickness σ·(cell side) exceeds
 *                           {@code min(threshold, mean over cells)}
 * @param terminate early termination: a ray stops contributing once its transmittance falls below this (0 = never)
 * @param evalViews test views rendered for the held-out PSNR during training (every {@code evalStride}-th pixel)
 * @param evalStride pixel stride (in x and y) of those renders
 * @param testViews test views rendered at full size for the final metrics (0 = all)
 * @param viewDependence {@code none} (default, also when absent): the colour depends on the position only;
 *                       {@code sh:1..sh:3}: the network outputs spherical-harmonics coefficients of that degree per
 *                       colour channel, evaluated along each ray's direction ({@link ViewDependence})
 */
public record SceneConfig(String source, String background, String bounds, int samplesPerStep, int maxRaysPerStep, int samplesPerRay,
                          Head densityHead, int occupancyResolution, int occupancyEvery, int occupancyWarmup, double occupancyDecay,
                          double occupancyThreshold, double terminate, int evalViews, int evalStride, int testViews,
                          ViewDependence viewDependence) implements TaskConfig {
    public SceneConfig {
        if (viewDependence == null) viewDependence = ViewDependence.NONE;
        if (source == null || source.isBlank()) throw new IllegalArgumentException("task.source must name a scene folder or transforms JSON file");
        if (samplesPerRay < 1) throw new IllegalArgumentException("task.samplesPerRay must be >= 1, got " + samplesPerRay);
        if (samplesPerStep < samplesPerRay)
            throw new IllegalArgumentException("task.samplesPerStep (" + samplesPerStep + ") must hold at least one ray's samples (task.samplesPerRay " + samplesPerRay + ")");
        if (maxRaysPerStep < 1) throw new IllegalArgumentException("task.maxRaysPerStep must be >= 1, got " + maxRaysPerStep);
        if (densityHead != Head.SOFTPLUS && densityHead != Head.RELU)
            throw new IllegalArgumentException("task.densityHead must be SOFTPLUS or RELU (a non-negative density), got " + densityHead);
        if (occupancyResolution < 1 || occupancyResolution > 256)
            throw new IllegalArgumentException("task.occupancyResolution must be 1..256 cells per axis, got " + occupancyResolution);
        if (occupancyEvery < 1) throw new IllegalArgumentException("task.occupancyEvery must be >= 1 step, got " + occupancyEvery);
        if (occupancyWarmup < 0) throw new IllegalArgumentException("task.occupancyWarmup must be >= 0 steps, got " + occupancyWarmup);
        if (!(occupancyDecay >= 0 && occupancyDecay <= 1)) throw new IllegalArgumentException("task.occupancyDecay must be in [0, 1], got " + occupancyDecay);
        if (!(occupancyThreshold >= 0) || Double.isInfinite(occupancyThreshold))
            throw new IllegalArgumentException("task.occupancyThreshold must be a finite number >= 0 (0 = keep every cell), got " + occupancyThreshold);
        if (!(terminate >= 0 && terminate < 1)) throw new IllegalArgumentException("task.terminate must be in [0, 1), got " + terminate);
        if (evalViews < 0 || evalStride < 1) throw new IllegalArgumentException("task.evalViews must be >= 0 and task.evalStride >= 1");
        if (testViews < 0) throw new IllegalArgumentException("task.testViews must be >= 0 (0 = all), got " + testViews);
    }

    /** The same settings on another scene. */
    public SceneConfig withSource(String s) {
        return new SceneConfig(s, background, bounds, samplesPerStep, maxRaysPerStep, samplesPerRay, densityHead, occupancyResolution,
                occupancyEvery, occupancyWarmup, occupancyDecay, occupancyThreshold, terminate, evalViews, evalStride, testViews, viewDependence);
    }

    /**
     * The scene's name for the outputs: the folder's name, also when the source is a transforms file inside it
     * ({@code my-capture/transforms.json} → {@code my-capture}); another JSON file's own stem.
     */
    @Override public String name() {
        java.nio.file.Path p = java.nio.file.Path.of(source).toAbsolutePath().normalize();
        String file = p.getFileName() == null ? "scene" : p.getFileName().toString();
        if (java.nio.file.Files.isDirectory(p)) return file;
        boolean transforms = file.toLowerCase(java.util.Locale.ROOT).matches("transforms(_[a-z]+)?\\.json");
        if (transforms && p.getParent() != null && p.getParent().getFileName() != null) return p.getParent().getFileName().toString();
        return dev.fields.fit.FitOutputs.stem(file);
    }
}
