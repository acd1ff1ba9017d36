package dev.fields.io.spec;

/**
 * How the trainer parameterizes each dense layer. Exported blobs always hold the folded plain {@code W, b};
 * the choice is recorded so a run can be resumed and reported.
 */
public enum Parameterization {
    /** W trained directly (Glorot init). */
    PLAIN,
    /** Random weight factorization W = diag(exp(s)) V, g = exp(s) trained (Wang et al. 2022). */
    RWF,
    /** Weight normalization w_k = g_k v_k / ||v_k|| (Salimans and Kingma 2016). */
    WEIGHT_NORM,
    /** Adaptive activation act(a (Wx + b)) with a trainable slope per neuron, init 1 (Jagtap et al. 2020). */
    ADAPTIVE
}
