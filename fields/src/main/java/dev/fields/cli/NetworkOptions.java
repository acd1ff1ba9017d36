package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.UserError;
import dev.fields.fit.FitJson;
import dev.fields.fit.Problems;
import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.Parameterization;
import picocli.CommandLine.Option;

import java.util.Collections;

/**
 * Options that choose the encoding and network, shared by every fit command. Each flag the user gives overrides the
 * configuration (preset or earlier run); switching the encoding type starts that encoding from its usual settings.
 */
public final class NetworkOptions {
    /** Encoding choices on the command line. */
    public enum Enc { ff, pe, none, hash }
    /** Network choices on the command line. */
    public enum Net { relu, siren, modified }

    @Option(names = "--encoding", paramLabel = "ff|pe|none|hash", description = "Input encoding: Gaussian Fourier features, positional encoding, raw coordinates, "
            + "or a trainable multiresolution hash grid (instant-ngp: 16 levels x 2 features, N_min 16; 3-D: 2^19 entries per level, "
            + "N_max 2048; 2-D: 2^16 entries, N_max 512; its tables use Adam beta2 0.99, eps 1e-15). A preset that already has a hash grid "
            + "(fit-shape, fit-ct, fit-scene) keeps its own; switching to ff starts from 256 features, sigma 10.")
    Enc encoding;
    @Option(names = "--hash-levels", paramLabel = "L", description = "Hash grid: number of levels L (default 16).")
    Integer hashLevels;
    @Option(names = "--hash-features", paramLabel = "F", description = "Hash grid: features per level F, 1..8 (default 2).")
    Integer hashFeatures;
    @Option(names = "--hash-log2-size", paramLabel = "K", description = "Hash grid: at most 2^K table entries per level (default 19 in 3-D, 16 in 2-D).")
    Integer hashLog2Size;
    @Option(names = "--hash-min-res", paramLabel = "N", description = "Hash grid: coarsest resolution N_min (default 16).")
    Integer hashMinRes;
    @Option(names = "--hash-max-res", paramLabel = "N", description = "Hash grid: finest resolution N_max (default 2048 in 3-D, 512 in 2-D).")
    Integer hashMaxRes;
    @Option(names = "--param", paramLabel = "rwf|plain|wn|aa", converter = ParamConverter.class,
            description = "Dense-layer parameterization: random weight factorization, plain (Glorot), weight normalization, adaptive activation.")
    Parameterization param;
    @Option(names = "--net", paramLabel = "relu|siren|modified", description = "Network: ReLU MLP, SIREN (sine, omega0), or modified MLP (tanh, gated).")
    Net net;
    @Option(names = "--activation", paramLabel = "relu|tanh|sine|softplus", description = "Override the hidden activation of the chosen network.")
    Activation activation;
    @Option(names = "--width", description = "Hidden layer width.")
    Integer width;
    @Option(names = "--depth", description = "Number of hidden layers.")
    Integer depth;
    @Option(names = "--features", description = "Number of Gaussian Fourier features m (the encoding has 2m values).")
    Integer features;
    @Option(names = "--sigma", description = "Standard deviation of the Fourier matrix B.")
    Double sigma;
    @Option(names = "--pe-frequencies", description = "Octaves L of the positional encoding.")
    Integer peFrequencies;
    @Option(names = "--omega0", description = "SIREN frequency omega0 (sine networks).")
    Double omega0;
    @Option(names = "--weight-scale", description = "Weight scaling alpha for every layer but the last (SIREN; 2.5 in Yeom et al. 2025; 1 = off).")
    Double weightScale;
    @Option(names = "--rwf-mu", description = "Mean of s in RWF's g = exp(s) (1.0 by default; the authors also use 0.5).")
    Double rwfMu;
    @Option(names = "--rwf-sigma", description = "Standard deviation of s in RWF (0.1 by default).")
    Double rwfSigma;

    /** {@code rwf|plain|wn|aa} (any case) as a parameterization. */
    static final class ParamConverter implements picocli.CommandLine.ITypeConverter<Parameterization> {
        @Override public Parameterization convert(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "rwf" -> Parameterization.RWF;
                case "plain" -> Parameterization.PLAIN;
                case "wn", "weight_norm" -> Parameterization.WEIGHT_NORM;
                case "aa", "adaptive" -> Parameterization.ADAPTIVE;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + s + "' is not a parameterization (use rwf, plain, wn or aa)");
            };
        }
    }

    void apply(ConfigTree t) {
        ObjectNode enc = t.object("encoding");
        if (encoding != null) {
            String type = switch (encoding) { case ff -> "fourier"; case pe -> "positional"; case none -> "identity"; case hash -> "hashgrid"; };
            if (!type.equals(enc.path("type").asText())) {
                enc.removeAll();
                enc.put("type", type);
                // usual settings of each encoding: 256 features sigma 10 (Tancik et al. 2020); 10 octaves with the input (NeRF)
                if (type.equals("fourier")) { enc.put("features", 256); enc.put("sigma", 10.0); }
                if (type.equals("positional")) { enc.put("frequencies", 10); enc.put("includeInput", true); }
                if (type.equals("hashgrid")) {
                    EncodingSpec.HashGrid h = EncodingSpec.HashGrid.defaults(Problems.entry(t.get("task.type").asText()).inputDim());
                    enc.setAll((ObjectNode) FitJson.MAPPER.valueToTree(h));
                    enc.put("type", type);
                }
            }
        }
        String type = enc.path("type").asText();
        if ((hashLevels != null || hashFeatures != null || hashLog2Size != null || hashMinRes != null || hashMaxRes != null) && !type.equals("hashgrid"))
            throw new UserError("--hash-levels, --hash-features, --hash-log2-size, --hash-min-res and --hash-max-res set the hash grid, but the encoding is "
                    + type + " — add --encoding hash");
        t.set("encoding.levels", hashLevels).set("encoding.featuresPerLevel", hashFeatures).set("encoding.log2TableSize", hashLog2Size)
                .set("encoding.minResolution", hashMinRes).set("encoding.maxResolution", hashMaxRes);
        if ((features != null || sigma != null) && !type.equals("fourier"))
            throw new UserError("--features and --sigma set Gaussian Fourier features, but the encoding is " + type + " — add --encoding ff");
        if (peFrequencies != null && !type.equals("positional"))
            throw new UserError("--pe-frequencies sets the positional encoding, but the encoding is " + type + " — add --encoding pe");
        t.set("encoding.features", features).set("encoding.sigma", sigma).set("encoding.frequencies", peFrequencies);

        ObjectNode n = t.object("network");
        if (net != null) {
            n.put("type", net == Net.modified ? "MODIFIED" : "MLP");
            n.put("activation", (net == Net.relu ? Activation.RELU : net == Net.siren ? Activation.SINE : Activation.TANH).name());
        }
        t.set("network.activation", activation).set("network.parameterization", param).set("network.omega0", omega0)
                .set("network.weightScale", weightScale).set("network.rwfMu", rwfMu).set("network.rwfSigma", rwfSigma);
        if (width != null || depth != null) {
            JsonNode h = n.path("hidden");
            int w = width != null ? width : h.isArray() && h.size() > 0 ? h.get(0).asInt() : 64;
            int d = depth != null ? depth : h.isArray() ? h.size() : 3;
            if (w < 1 || d < 1) throw new UserError("--width and --depth must be >= 1, got " + w + " and " + d);
            t.setList("network.hidden", Collections.nCopies(d, w));
        }
    }
}
