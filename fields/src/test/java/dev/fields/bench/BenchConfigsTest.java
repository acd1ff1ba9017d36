package dev.fields.bench;

import dev.fields.io.UserError;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Parameterization;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The rows of the quality benchmarks: encodings, hidden layers and parameterizations named in {@code --runs}. */
class BenchConfigsTest {
    @Test void rowsNameTheirEncoding() {
        EncodingSpec ff = new EncodingSpec.GaussianFourier(64, 1.5), grid = EncodingSpec.HashGrid.defaults(3);
        assertSame(grid, BenchConfigs.encoding("hash", ff, grid, 6));
        assertSame(ff, BenchConfigs.encoding("ff", ff, grid, 6));
        assertEquals(new EncodingSpec.Positional(6, true), BenchConfigs.encoding("pe", ff, grid, 6));
        assertEquals(new EncodingSpec.Identity(), BenchConfigs.encoding("none", ff, grid, 6));
        UserError e = assertThrows(UserError.class, () -> BenchConfigs.encoding("grid", ff, grid, 6));
        assertTrue(e.getMessage().contains("hash"), e.getMessage());
    }

    @Test void hiddenLayersFromWidthByDepth() {
        assertEquals(List.of(64, 64), BenchConfigs.hidden("64x2"));
        assertEquals(List.of(128, 128, 128), BenchConfigs.hidden("128x3"));
        for (String bad : new String[]{"64", "64x", "x2", "0x2", "64x0", "axb", "64x2x1"})
            assertThrows(UserError.class, () -> BenchConfigs.hidden(bad), bad);
    }

    @Test void networkKeepsEverythingButParameterizationAndHiddenLayers() {
        NetworkSpec shape = BenchConfigs.preset("shape").network();
        NetworkSpec row = BenchConfigs.network(shape, "plain", List.of(64, 64));
        assertEquals(Parameterization.PLAIN, row.parameterization());
        assertEquals(List.of(64, 64), row.hidden());
        assertEquals(shape.activation(), row.activation());
        assertEquals(shape.rwfSigma(), row.rwfSigma());
        assertEquals(java.util.Collections.nCopies(shape.hidden().size(), 32), BenchConfigs.network(shape, "rwf", 32).hidden());
    }

    @Test void sceneRowsDefaultTheirHiddenLayersByEncoding() {
        SceneQualityBench bench = new SceneQualityBench();
        new picocli.CommandLine(bench).parseArgs(); // the option defaults (PE octaves, FF features)
        var base = BenchConfigs.preset("scene");
        var hash = bench.rowConfig(base, "plain:hash");
        assertEquals(base.encoding(), hash.encoding());
        assertEquals(base.network().hidden(), hash.network().hidden());
        assertEquals(Parameterization.PLAIN, hash.network().parameterization());
        var pe = bench.rowConfig(base, "rwf:pe:32x4");
        assertEquals(List.of(32, 32, 32, 32), pe.network().hidden());
        assertEquals(5e-4, pe.training().lr(), "MLP-only rows train at NeRF's rate");
        assertEquals(base.training().lr(), hash.training().lr(), "hash rows keep the preset's rate");
        assertThrows(UserError.class, () -> bench.rowConfig(base, "rwf"));
    }
}
