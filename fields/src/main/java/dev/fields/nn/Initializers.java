package dev.fields.nn;

import dev.fields.io.spec.NetworkSpec;

import java.util.SplittableRandom;

/**
 * Initial weights: Glorot normal for ReLU/tanh/softplus networks; SIREN's uniform init for sine networks; weight
 * scaling by alpha on every layer but the last; RWF/WN factorize the result so step 0 is the same function.
 */
final class Initializers {
    private Initializers() {}

    static void init(FieldNetwork net, SplittableRandom rng) {
        NetworkSpec n = net.spec().network();
        DenseLayer[] layers = net.layers();
        boolean siren = switch (n.activation()) {
            case SINE -> true;
            case RELU, TANH, SOFTPLUS -> false;
        };
        for (DenseLayer L : net.all()) {
            boolean first = L == layers[0] || net.isGate(L);
            boolean last = L == layers[layers.length - 1];
            double[] w = new double[L.in * L.out], b = new double[L.out], s = new double[L.out];
            if (siren) {
                // SIREN: first layer U(-1/d_in, 1/d_in), others U(-sqrt(6/d_in)/omega0, +...) (Sitzmann et al. 2020; PAPERS.md §2)
                double r = first ? 1.0 / L.in : Math.sqrt(6.0 / L.in) / n.omega0();
                for (int i = 0; i < w.length; i++) w[i] = (2 * rng.nextDouble() - 1) * r;
                double rb = 1.0 / Math.sqrt(L.in); // PyTorch's default bias init, which SIREN keeps
                for (int j = 0; j < b.length; j++) b[j] = (2 * rng.nextDouble() - 1) * rb;
            } else {
                double std = Math.sqrt(2.0 / (L.in + L.out)); // Glorot normal
                for (int i = 0; i < w.length; i++) w[i] = dev.fields.math.Gaussian.next(rng) * std;
            }
            // Weight scaling: every weight matrix except the last times alpha (Yeom et al. 2025)
            if (!last && n.weightScale() != 1.0) for (int i = 0; i < w.length; i++) w[i] *= n.weightScale();
            for (int j = 0; j < s.length; j++) s[j] = n.rwfMu() + n.rwfSigma() * dev.fields.math.Gaussian.next(rng);
            L.init(w, b, s);
        }
    }
}
