package dev.fields.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitJson;
import dev.fields.fit.Presets;
import dev.fields.io.UserError;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Parameterization;

import java.util.List;

/** Configurations of the quality benchmarks: a bundled preset with the benchmark's variations applied. */
final class BenchConfigs {
    private BenchConfigs() {}

    static FitConfig preset(String name) {
        ObjectNode tree = Presets.load(name);
        return FitJson.read(tree, "preset " + name);
    }

    static Parameterization param(String s) {
        return switch (s) {
            case "plain" -> Parameterization.PLAIN;
            case "wn" -> Parameterization.WEIGHT_NORM;
            case "aa" -> Parameterization.ADAPTIVE;
            case "rwf" -> Parameterization.RWF;
            default -> throw new UserError("unknown parameterization '" + s + "' (use plain, wn, aa, rwf)");
        };
    }

    /** The network with another parameterization and, if {@code width > 0}, every hidden layer that wide. */
    static NetworkSpec network(NetworkSpec n, String param, int width) {
        List<Integer> hidden = width > 0 ? java.util.Collections.nCopies(n.hidden().size(), width) : n.hidden();
        return new NetworkSpec(n.type(), hidden, n.activation(), param(param), n.omega0(), n.weightScale(), n.rwfMu(), n.rwfSigma());
    }

    /** {@code ff} keeps the preset's Fourier features; {@code pe} uses {@code peFrequencies} octaves; {@code none} raw coordinates. */
    static EncodingSpec encoding(String s, EncodingSpec preset, int peFrequencies) {
        return switch (s) {
            case "ff" -> preset;
            case "pe" -> new EncodingSpec.Positional(peFrequencies, true);
            case "none" -> new EncodingSpec.Identity();
            default -> throw new UserError("unknown encoding '" + s + "' (use none, pe, ff)");
        };
    }
}
