package dev.fields.task.ct;

import dev.fields.ct.Noise;

/** Builds the {@link Measurement} a {@link CtConfig} names: a phantom's exact sinogram, or a sinogram file with its geometry. */
final class CtScans {
    private CtScans() {}

    static Measurement load(CtConfig c, long seed) {
        Noise noise = Noise.parse(c.noise());
        if (c.phantom() != null) return Measurement.ofPhantom(c.phantom(), Measurement.phantomGeometry(c.views(), c.gridSize()), noise, seed);
        return CtFiles.read(c, noise, seed);
    }
}
