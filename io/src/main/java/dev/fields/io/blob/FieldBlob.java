package dev.fields.io.blob;

import dev.fields.io.spec.FieldSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained field as viewers see it: the spec, its exported (folded) tensors and provenance. Also used for
 * training checkpoints, whose {@code kind} is {@link #KIND_CHECKPOINT} and whose tensors are the trainer's state.
 */
public record FieldBlob(String kind, FieldSpec spec, Map<String, Tensor> tensors, Provenance provenance) {
    public static final String KIND_FIELD = "field";
    public static final String KIND_CHECKPOINT = "checkpoint";

    public FieldBlob {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public static FieldBlob field(FieldSpec spec, Map<String, Tensor> tensors, Provenance p) {
        return new FieldBlob(KIND_FIELD, spec, tensors, p);
    }

    /** The tensor with that name; an error naming the blob's tensors if absent. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("blob has no tensor '" + name + "' (has " + tensors.keySet() + ")");
        return t;
    }
}
