package dev.fields.task.ct;

import dev.fields.fit.TaskConfig;
import dev.fields.io.spec.Head;

/**
 * What a CT fit reconstructs and how it is compared.
 *
 * @param sinogram a measured sinogram file (.npy, float TIFF, 16-bit PNG), or null with a {@code phantom}
 * @param geometry the scan geometry file of {@code sinogram} (null with a phantom: parallel beam, views kπ/n over
 *                 [−1, 1]², {@code gridSize}² pixels, ⌈gridSize·√2⌉+4 detectors at pixel pitch)
 * @param transpose the file is detectors × views (scikit-image's {@code radon} writes that)
 * @param phantom {@code shepp-logan} or {@code random:SEED} (exact analytic sinogram, truth known), or null
 * @param views number of views of a phantom scan
 * @param gridSize reconstruction grid side of a phantom scan
 * @param noise {@code none}, {@code poisson:I0} or {@code gauss:SIGMA}, added to the sinogram (seeded by the fit's seed)
 * @param truth the true slice of a measured sinogram, if known (.npy or float TIFF, gridSize²), or null
 * @param forward how the field is projected: {@code MATRIX} (the field on the grid times the system matrix) or
 *                {@code RAYS} (line integrals sampled along rays through the field, the form cone beam needs)
 * @param raysPerStep rays per step of the {@code RAYS} form (0 = all)
 * @param samplesPerRay samples per ray of the {@code RAYS} form
 * @param head the field's non-negative head: SOFTPLUS (attenuation of any size) or SIGMOID (densities in [0, 1])
 * @param sirtIterations iterations of the SIRT baseline (0 = no SIRT)
 * @param fbpFilter filter of the FBP baseline: ram-lak, shepp-logan, cosine or hann
 * @param tv weight of the total-variation prior on the field's grid values (0 = none; the matrix projector only):
 *           the loss is {@code mean((A v − b/s)²) + tv · mean_pixels √(∂x v² + ∂y v² + ε)} with v = μ / s
 * @param valueScale s, the attenuation the field's head value 1 stands for (0 = automatic: 1.1 × the 99.9th
 *                   percentile of the first classical baseline, so data in any unit trains at the same scale)
 * @param warmStart steps at the start of training that fit the field to the last classical baseline (SIRT when it
 *                  runs, else FBP) on the grid, {@code mean((v − x_baseline/s)²)}, before the projection loss takes
 *                  over (0 = none). The projection loss alone converges slowly: its gradient Aᵀ(A v − b) is the
 *                  data residual smoothed by AᵀA, which damps high frequencies (the reason FBP filters); fitting an
 *                  image is well conditioned, so the field starts from the classical reconstruction's detail and the
 *                  projection loss (and the prior) refine it.
 */
public record CtConfig(String sinogram, String geometry, boolean transpose, String phantom, int views, int gridSize, String noise,
                       String truth, Forward forward, int raysPerStep, int samplesPerRay, Head head, int sirtIterations,
                       String fbpFilter, double tv, double valueScale, int warmStart) implements TaskConfig {
    /** Forward model of the field. */
    public enum Forward { MATRIX, RAYS }

    public CtConfig {
        if ((sinogram == null) == (phantom == null))
            throw new IllegalArgumentException("give task.sinogram (a file, with task.geometry) or task.phantom, not " + (sinogram == null ? "neither" : "both"));
        if (sinogram != null && geometry == null) throw new IllegalArgumentException("task.sinogram needs task.geometry (a geometry JSON file)");
        if (phantom != null && views < 1) throw new IllegalArgumentException("task.views must be >= 1, got " + views);
        if (phantom != null && gridSize < 8) throw new IllegalArgumentException("task.gridSize must be >= 8, got " + gridSize);
        if (forward == null) throw new IllegalArgumentException("task.forward must be MATRIX or RAYS");
        if (raysPerStep < 0 || samplesPerRay < 1) throw new IllegalArgumentException("task.raysPerStep must be >= 0 and task.samplesPerRay >= 1");
        if (head != Head.SOFTPLUS && head != Head.SIGMOID) throw new IllegalArgumentException("task.head must be SOFTPLUS or SIGMOID (non-negative), got " + head);
        if (sirtIterations < 0) throw new IllegalArgumentException("task.sirtIterations must be >= 0");
        if (!(tv >= 0) || Double.isInfinite(tv)) throw new IllegalArgumentException("task.tv must be a finite weight >= 0, got " + tv);
        if (tv > 0 && forward == Forward.RAYS) throw new IllegalArgumentException("task.tv (a prior on the grid values) needs the MATRIX projector");
        if (!(valueScale >= 0) || Double.isInfinite(valueScale)) throw new IllegalArgumentException("task.valueScale must be > 0, or 0 for automatic, got " + valueScale);
        if (warmStart < 0) throw new IllegalArgumentException("task.warmStart must be >= 0 steps, got " + warmStart);
        if (noise == null) noise = "none";
        if (fbpFilter == null) fbpFilter = "ram-lak";
    }

    /** The name results are written under: the sinogram file, or the phantom ("random:3" → "random-3"). */
    @Override public String source() { return sinogram != null ? sinogram : phantom.replace(':', '-'); }
}
