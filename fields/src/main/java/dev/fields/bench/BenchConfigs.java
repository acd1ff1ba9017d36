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
        return network(n, param, width > 0 ? java.util.Collections.nCopies(n.hidden().size(), width) : n.hidden());
    }

    /**
     * A row's encoding: {@code ff} the given Fourier features, {@code hash} the given hash grid, {@code pe}
     * {@code peFrequencies} octaves with the input, {@code none} raw coordinates.
     */
    static EncodingSpec encoding(String s, EncodingSpec fourier, EncodingSpec grid, int peFrequencies) {
        return switch (s) {
            case "ff" -> fourier;
            case "pe" -> new EncodingSpec.Positional(peFrequencies, true);
            case "none" -> new EncodingSpec.Identity();
            case "hash" -> grid;
            default -> throw new UserError("unknown encoding '" + s + "' (use none, pe, ff, hash)");
        };
    }

    /** Hidden layers from {@code WIDTHxDEPTH} (e.g. {@code 64x2}). */
    static List<Integer> hidden(String s) {
        String[] wd = s.split("x");
        try {
            if (wd.length != 2) throw new NumberFormatException();
            int w = Integer.parseInt(wd[0]), d = Integer.parseInt(wd[1]);
            if (w < 1 || d < 1) throw new NumberFormatException();
            return java.util.Collections.nCopies(d, w);
        } catch (NumberFormatException e) {
            throw new UserError("hidden layers in --runs are WIDTHxDEPTH (e.g. 64x2), got '" + s + "'");
        }
    }

    /** The network with another parameterization and these hidden layers. */
    static NetworkSpec network(NetworkSpec n, String param, List<Integer> hidden) {
        return new NetworkSpec(n.type(), hidden, n.activation(), param(param), n.omega0(), n.weightScale(), n.rwfMu(), n.rwfSigma());
    }
}
