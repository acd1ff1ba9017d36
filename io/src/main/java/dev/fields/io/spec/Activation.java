package dev.fields.io.spec;

/**
 * Hidden-layer nonlinearity. In an exported blob every frequency or slope (SIREN's omega0, adaptive slopes) is
 * already folded into the weights, so evaluators apply these with unit scale: {@code sine(z) = sin(z)}.
 */
public enum Activation {
    RELU, TANH, SINE, SOFTPLUS;

    /** Evaluates the activation (unit scale). */
    public double apply(double z) {
        return switch (this) {
            case RELU -> z > 0 ? z : 0;
            case TANH -> Math.tanh(z);
            case SINE -> Math.sin(z);
            case SOFTPLUS -> z > 20 ? z : Math.log1p(Math.exp(z));
        };
    }

    /** Lipschitz constant of the activation (used for sphere-tracing bounds). */
    public double lipschitz() {
        return switch (this) {
            case RELU, TANH, SINE, SOFTPLUS -> 1.0;
        };
    }
}
