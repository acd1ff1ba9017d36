package dev.fields.task.shape;

import java.nio.FloatBuffer;

/**
 * A field's input gradient by forward differences, for losses on ∇f (eikonal, normals): each centre point x already
 * in the batch gets three rows x + h·e_a appended, so the gradient costs three extra forward rows, not a second
 * backward pass, and a loss on it back-propagates through the ordinary backward of those rows. Truncation error is
 * h/2 times the field's second derivative; h is small against any feature a shape field resolves.
 */
final class ForwardDifferences {
    /** Stencil spacing in field units (the box is [-1, 1]^3). */
    static final float H = 1e-3f;

    private ForwardDifferences() {}

    /** Appends the three stencil rows of each centre point (rows {@code centres[i]} of {@code xyz}) to {@code b}. */
    static void append(FloatBuffer b, float[] xyz, int[] centres, int m) {
        for (int i = 0; i < m; i++) {
            int o = 3 * centres[i];
            for (int axis = 0; axis < 3; axis++)
                for (int c = 0; c < 3; c++) b.put(xyz[o + c] + (c == axis ? H : 0f));
        }
    }

    /** ∇f at a centre whose value is {@code out[centre]} and whose stencil rows start at {@code stencil}. */
    static void gradient(float[] out, int centre, int stencil, double[] g) {
        double f0 = out[centre];
        for (int a = 0; a < 3; a++) g[a] = (out[stencil + a] - f0) / H;
    }

    /** Adds dT/d(outputs) to {@code grad} for a term T of the gradient, given dT/d(∇f) = {@code dg}. */
    static void scatter(float[] grad, int centre, int stencil, double[] dg) {
        double sum = 0;
        for (int a = 0; a < 3; a++) {
            grad[stencil + a] += (float) (dg[a] / H);
            sum += dg[a];
        }
        grad[centre] -= (float) (sum / H);
    }
}
