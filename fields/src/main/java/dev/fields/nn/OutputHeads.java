package dev.fields.nn;

import dev.fields.io.spec.Head;
import dev.fields.io.spec.Output;

import java.util.List;

/**
 * A spec's output heads on plain float arrays of n rows × outputDim (row-major), in double per value: the fused
 * path's twin of {@link FieldNetwork#applyHeads} and {@link FieldNetwork#headDerivatives} (same functions, same
 * saturation-safe sigmoid derivative), without ND4J's per-column views.
 */
final class OutputHeads {
    private final Head[] column;
    private final boolean identity;

    OutputHeads(List<Output> outputs) {
        int dim = 0;
        for (Output o : outputs) dim += o.size();
        column = new Head[dim];
        int k = 0;
        boolean id = true;
        for (Output o : outputs)
            for (int j = 0; j < o.size(); j++, k++) {
                column[k] = o.head();
                id &= o.head() == Head.IDENTITY;
            }
        identity = id;
    }

    boolean identity() { return identity; }

    /** out ← head(raw) for the first {@code rows} rows (out may be raw). */
    void apply(float[] raw, int rows, float[] out) {
        int o = column.length;
        for (int i = 0, m = rows * o; i < m; ) for (int k = 0; k < o; k++, i++) out[i] = (float) column[k].apply(raw[i]);
    }

    /** dRaw ← dOut · head'(raw), with sigmoid' = σ(z)·σ(−z) (stays positive where 1 − σ(z) rounds to 0). */
    void backpropagate(float[] raw, float[] dOut, int rows, float[] dRaw) {
        int o = column.length;
        for (int i = 0, m = rows * o; i < m; )
            for (int k = 0; k < o; k++, i++) {
                double z = raw[i];
                double slope = switch (column[k]) {
                    case IDENTITY -> 1;
                    case SIGMOID -> 1 / ((1 + Math.exp(-z)) * (1 + Math.exp(z)));
                    case RELU -> z > 0 ? 1 : 0;
                    case SOFTPLUS -> 1 / (1 + Math.exp(-z));
                };
                dRaw[i] = (float) (dOut[i] * slope);
            }
    }
}
