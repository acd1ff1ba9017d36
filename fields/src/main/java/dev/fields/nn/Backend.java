package dev.fields.nn;

import dev.fields.io.UserError;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.NetworkSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Which code runs a {@link FieldNetwork}'s passes: ND4J's GEMMs, or the fused CPU kernel
 * ({@link dev.fields.nn.fused.FusedMlp}) that takes tiles of points through every layer (behind a hash grid, which
 * {@link dev.fields.nn.fused.HashGridKernel} encodes ahead of it). {@code AUTO} picks the fused kernel for the narrow
 * float32 ReLU, sine and softplus MLPs it supports, on any encoding (widths up to {@link #FUSED_MAX_WIDTH}, where it is measured faster)
 * on ND4J's CPU backend, and ND4J otherwise. The system property {@value #PROPERTY} ({@code nd4j}, {@code fused},
 * {@code auto}) sets the default for networks built without an explicit choice.
 */
public enum Backend {
    ND4J, FUSED, AUTO;

    public static final String PROPERTY = "fields.backend";
    /** Widest hidden layer AUTO hands to the fused kernel. */
    public static final int FUSED_MAX_WIDTH = 128;

    /** The choice the system property asks for (AUTO when unset). */
    public static Backend fromProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) return AUTO;
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("-D" + PROPERTY + " must be nd4j, fused or auto, got '" + v + "'");
        }
    }

    /** Why the fused kernel cannot run this network, or null if it can. */
    static String fusedUnsupported(FieldSpec spec, DataType dt) {
        if (dt != DataType.FLOAT) return "it computes in float32 only, the network is " + dt;
        NetworkSpec n = spec.network();
        if (n.type() != NetworkSpec.Type.MLP) return "the modified MLP's gates stay on ND4J";
        boolean implemented = switch (n.activation()) {
            case RELU, SINE, SOFTPLUS -> true;
            case TANH -> false;
        };
        if (!implemented) return "it implements ReLU, sine and softplus, not " + n.activation();
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty())
            return "it needs the JVM option --add-modules jdk.incubator.vector";
        if (Nd4j.getBackend().getClass().getName().toLowerCase(Locale.ROOT).contains("cuda")) return "ND4J runs on CUDA";
        return null;
    }

    /** ND4J or FUSED for this network: FUSED when asked for (an error if it cannot run it), AUTO by shape. */
    static Backend resolve(Backend requested, FieldSpec spec, DataType dt) {
        String why = requested == ND4J ? "" : fusedUnsupported(spec, dt);
        return switch (requested) {
            case ND4J -> ND4J;
            case FUSED -> {
                if (why != null) throw new UserError("the fused CPU kernel cannot run this network: " + why + " (use backend nd4j or auto)");
                yield FUSED;
            }
            case AUTO -> why == null && maxHidden(spec) <= FUSED_MAX_WIDTH ? FUSED : ND4J;
        };
    }

    private static int maxHidden(FieldSpec spec) {
        int m = 0;
        for (int w : spec.network().hidden()) m = Math.max(m, w);
        return m;
    }
}
