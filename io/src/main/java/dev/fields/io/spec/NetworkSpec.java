package dev.fields.io.spec;

import java.util.List;

/**
 * The coordinate network. {@code type} is {@code MLP} (dense layers) or {@code MODIFIED} (modified MLP of
 * Wang et al. 2021: gates {@code u = act(U x + bu)}, {@code v = act(V x + bv)}, each hidden layer
 * {@code z = act(W h + b); h = z*u + (1-z)*v}, starting from {@code h = x}; all hidden widths equal).
 *
 * <p>Training-only fields ({@code parameterization}, {@code omega0}, {@code weightScale}, {@code rwfMu},
 * {@code rwfSigma}) describe how the weights were made; evaluators of an exported blob ignore them because the
 * tensors already fold them in.
 *
 * @param hidden widths of the hidden layers, in order; the output width comes from the field's outputs
 * @param omega0 SIREN frequency (sine only), 30 in SIREN
 * @param weightScale weight-scaling factor alpha applied to every layer but the last (Yeom et al. 2025); 1 = off
 */
public record NetworkSpec(Type type, List<Integer> hidden, Activation activation, Parameterization parameterization,
                          double omega0, double weightScale, double rwfMu, double rwfSigma) {

    /** Network topology. */
    public enum Type { MLP, MODIFIED }

    public NetworkSpec {
        if (type == null || activation == null || parameterization == null)
            throw new IllegalArgumentException("network needs a type, an activation and a parameterization");
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty()) throw new IllegalArgumentException("network needs at least one hidden layer");
        for (int w : hidden) if (w < 1) throw new IllegalArgumentException("hidden width must be >= 1, got " + w);
        if (type == Type.MODIFIED && hidden.stream().distinct().count() != 1)
            throw new IllegalArgumentException("modified MLP needs equal hidden widths, got " + hidden);
    }

    /** Plain ReLU MLP with the given widths. */
    public static NetworkSpec relu(Parameterization p, Integer... widths) {
        return new NetworkSpec(Type.MLP, List.of(widths), Activation.RELU, p, 30.0, 1.0, 1.0, 0.1);
    }
}
