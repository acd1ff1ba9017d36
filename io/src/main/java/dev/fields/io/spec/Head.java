package dev.fields.io.spec;

/** Function applied to the raw output of the last layer before a value leaves the field. */
public enum Head {
    IDENTITY, SIGMOID, RELU, SOFTPLUS;

    public double apply(double z) {
        return switch (this) {
            case IDENTITY -> z;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            case RELU -> z > 0 ? z : 0;
            case SOFTPLUS -> z > 20 ? z : Math.log1p(Math.exp(z));
        };
    }
}
