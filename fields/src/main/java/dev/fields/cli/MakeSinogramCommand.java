package dev.fields.cli;

import dev.fields.ct.Noise;
import dev.fields.io.UserError;
import dev.fields.io.ct.Sinogram;
import dev.fields.io.ct.SinogramWriter;
import dev.fields.task.ct.SinogramMaker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fields make-sinogram IMAGE --geometry G.json --out S.npy}: simulates the scan of a slice or a phantom. */
@Command(name = "make-sinogram", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a CT scan: project a slice (PNG/JPEG, 32-bit float TIFF, 2-D .npy, or a DICOM file) with the",
                "scan geometry of G.json, or take a phantom's exact analytic sinogram, optionally add noise, and write the",
                "sinogram as float32 (.npy or .tiff; views x detectors, or detectors x views with --transpose).",
                "The slice must be grid_size x grid_size of the geometry; row 0 is the top of the slice (largest y), each",
                "pixel has the geometry's pixel_size, and the values are line integrals of the slice's values in the",
                "geometry's length unit, projected by the same ray-driven system matrix fit-ct's SIRT uses. The file is",
                "in the geometry file's convention (fields, astra or skimage), so 'fields fit-ct S.npy --geometry G.json'",
                "(with --transpose if it was written so) reconstructs it."},
        footer = {"", "Examples:",
                "  fields make-sinogram scenes/ct/MR_small.dcm --geometry mr.json --out runs/mr/sino.npy",
                "  fields make-sinogram --phantom shepp-logan --geometry g.json --out sl.npy --noise poisson:1e5 --seed 3",
                "  fields fit-ct runs/mr/sino.npy --geometry mr.json --truth scenes/ct/MR_small.dcm"})
public final class MakeSinogramCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", arity = "0..1", description = "The slice to project (omit with --phantom).")
    Path image;
    @Option(names = "--phantom", paramLabel = "shepp-logan|random:SEED", description = "Instead of IMAGE: a phantom's exact sinogram (the phantom fills [-1, 1]² in the geometry's unit).")
    String phantom;
    @Option(names = "--geometry", required = true, paramLabel = "G.json", description = "Scan geometry (see README: fit-ct geometry).")
    Path geometry;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "S.npy", description = "Sinogram file to write: .npy or .tiff (float32), atomically.")
    Path out;
    @Option(names = "--noise", defaultValue = "none", paramLabel = "none|poisson:I0|gauss:SIGMA",
            description = "Noise on the line integrals: Poisson photon counts with I0 incident photons per ray, or additive Gaussian. Default: ${DEFAULT-VALUE}.")
    String noise;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise: the same seed gives the same noise. Default: ${DEFAULT-VALUE}.")
    long seed;
    @Option(names = "--transpose", description = "Write detectors x views (as scikit-image's radon does) instead of views x detectors.")
    boolean transpose;

    @Override public Integer call() {
        if ((image == null) == (phantom == null))
            throw new UserError(image == null ? "give an IMAGE to project or --phantom shepp-logan|random:SEED (see 'fields make-sinogram --help')"
                    : "give an IMAGE or --phantom, not both");
        SinogramWriter.checkTarget(out);
        Noise n = Noise.parse(noise);
        SinogramMaker.Made m = image != null ? SinogramMaker.fromImage(image, geometry, n, seed) : SinogramMaker.fromPhantom(phantom, geometry, n, seed);
        Sinogram s = m.sinogram();
        SinogramWriter.write(out, s, transpose);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (float v : s.data()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        System.out.printf(Locale.ROOT, "wrote %s: %d views × %d detectors (float32, %s), %s beam, from %s, noise %s; values %.4g .. %.4g%n",
                out, s.views(), s.detectors(), transpose ? "detectors × views" : "views × detectors",
                m.geometry().beam().name().toLowerCase(Locale.ROOT), m.source(), n, lo, hi);
        return 0;
    }
}
