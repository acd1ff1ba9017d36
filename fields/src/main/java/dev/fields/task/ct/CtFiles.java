package dev.fields.task.ct;

import dev.fields.ct.Noise;
import dev.fields.io.UserError;
import dev.fields.io.ct.Geometry;
import dev.fields.io.ct.Scan;
import dev.fields.io.ct.Slice;
import dev.fields.io.ct.Slices;

import java.nio.file.Path;

/** Reads a measured scan: the sinogram file with its geometry file, and the optional true slice. */
final class CtFiles {
    private CtFiles() {}

    static Measurement read(CtConfig c, Noise noise, long seed) {
        Scan scan = Scan.load(Path.of(c.sinogram()), Path.of(c.geometry()), c.transpose());
        Geometry g = scan.geometry();
        float[] data = scan.sinogram().data();
        float[] truth = null;
        if (c.truth() != null) {
            Slice t = Slices.read(Path.of(c.truth()));
            if (t.width() != g.gridSize() || t.height() != g.gridSize())
                throw new UserError("the true slice " + c.truth() + " is " + t.width() + "×" + t.height() + ", the geometry's grid is "
                        + g.gridSize() + "² — give the slice on the reconstruction grid, or set \"grid_size\" in the geometry file");
            truth = t.data();
        }
        return new Measurement(g, noise.apply(data, seed), truth, c.sinogram() + (noise instanceof Noise.None ? "" : ", noise " + noise));
    }
}
