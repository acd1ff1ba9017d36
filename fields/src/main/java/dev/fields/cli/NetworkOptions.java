package dev.fields.cli;

import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Parameterization;
import picocli.CommandLine.Option;

import java.util.Collections;

/**
 * Options that choose the encoding and network, shared by every fit command. Unset options take the command's
 * defaults (see {@link Defaults}), so each task can pick what suits it while flags still override.
 */
public final class NetworkOptions {
    /** Encoding choices on the command line. */
    public enum Enc { ff, pe, none }
    /** Parameterization choices on the command line. */
    public enum Param { rwf, plain, wn, aa }
    /** Network choices on the command line. */
    public enum Net { relu, siren, modified }

    /** A command's defaults. */
    public record Defaults(Enc encoding, Param param, Net net, int width, int depth, int fourierFeatures, double sigma,
                           int peFrequencies, double omega0, double weightScale) {}

    @Option(names = "--encoding", paramLabel = "ff|pe|none", description = "Input encoding: Gaussian Fourier features, positional encoding, or raw coordinates (default: ${DEFAULT-VALUE}, set per command).")
    Enc encoding;
    @Option(names = "--param", paramLabel = "rwf|plain|wn|aa", description = "Dense-layer parameterization: random weight factorization, plain (Glorot), weight normalization, adaptive activation.")
    Param param;
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
    @Option(names = "--rwf-mu", description = "Mean of s in RWF's g = exp(s) (default 1.0; the authors also use 0.5).")
    Double rwfMu;
    @Option(names = "--rwf-sigma", description = "Standard deviation of s in RWF (default 0.1).")
    Double rwfSigma;

    public EncodingSpec encodingSpec(Defaults d) {
        Enc e = encoding != null ? encoding : d.encoding();
        return switch (e) {
            case ff -> new EncodingSpec.GaussianFourier(features != null ? features : d.fourierFeatures(), sigma != null ? sigma : d.sigma());
            case pe -> new EncodingSpec.Positional(peFrequencies != null ? peFrequencies : d.peFrequencies(), true);
            case none -> new EncodingSpec.Identity();
        };
    }

    public NetworkSpec networkSpec(Defaults d) {
        Net n = net != null ? net : d.net();
        Param p = param != null ? param : d.param();
        Parameterization par = switch (p) {
            case rwf -> Parameterization.RWF;
            case plain -> Parameterization.PLAIN;
            case wn -> Parameterization.WEIGHT_NORM;
            case aa -> Parameterization.ADAPTIVE;
        };
        Activation act = activation != null ? activation : switch (n) {
            case relu -> Activation.RELU;
            case siren -> Activation.SINE;
            case modified -> Activation.TANH;
        };
        int w = width != null ? width : d.width(), k = depth != null ? depth : d.depth();
        if (w < 1 || k < 1) throw new dev.fields.io.UserError("--width and --depth must be >= 1, got " + w + " and " + k);
        // RWF defaults: mu = 1.0, sigma = 0.1 (Wang et al. 2022, Sec. 3)
        return new NetworkSpec(n == Net.modified ? NetworkSpec.Type.MODIFIED : NetworkSpec.Type.MLP,
                Collections.nCopies(k, w), act, par,
                omega0 != null ? omega0 : d.omega0(), weightScale != null ? weightScale : d.weightScale(),
                rwfMu != null ? rwfMu : 1.0, rwfSigma != null ? rwfSigma : 0.1);
    }
}
