package dev.fields.nn;

import dev.fields.io.spec.*;

import java.util.ArrayList;
import java.util.List;

/** Small specs covering every encoding × activation × parameterization, plus modified MLPs. */
final class Specs {
    private Specs() {}

    static List<EncodingSpec> encodings() {
        // the hash grid: two dense levels and one hashed (resolutions 2, 4, 8 in 2^5 entries)
        return List.of(new EncodingSpec.Identity(), new EncodingSpec.Positional(2, true), new EncodingSpec.GaussianFourier(3, 1.0),
                new EncodingSpec.HashGrid(3, 2, 5, 2, 8));
    }

    static FieldSpec spec(EncodingSpec e, NetworkSpec.Type type, Activation a, Parameterization p, int width, int outputs, Head head) {
        NetworkSpec n = new NetworkSpec(type, List.of(width, width), a, p, 3.0, a == Activation.SINE ? 1.5 : 1.0, 1.0, 0.1);
        return new FieldSpec(2, e, n, List.of(new Output(Channel.IMAGE, outputs, head)), Frame.box(2, 0, 1), 0);
    }

    /** Every combination; the modified MLP with each parameterization and encoding (tanh and sine). */
    static List<FieldSpec> all(int width, Head head) {
        List<FieldSpec> s = new ArrayList<>();
        for (EncodingSpec e : encodings())
            for (Parameterization p : Parameterization.values()) {
                for (Activation a : Activation.values()) s.add(spec(e, NetworkSpec.Type.MLP, a, p, width, 2, head));
                s.add(spec(e, NetworkSpec.Type.MODIFIED, Activation.TANH, p, width, 2, head));
                s.add(spec(e, NetworkSpec.Type.MODIFIED, Activation.SINE, p, width, 2, head));
            }
        return s;
    }

    static String name(FieldSpec s) {
        return s.encoding().getClass().getSimpleName() + "/" + s.network().type() + "/" + s.network().activation() + "/" + s.network().parameterization();
    }
}
