package dev.fields.fit;

import dev.fields.io.spec.FieldSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a problem computes from the saved blob after training.
 *
 * @param spec the spec to publish (e.g. with the Lipschitz estimate a sphere tracer needs)
 * @param metrics final metrics, in reporting order
 * @param details facts about the input worth keeping in {@code metrics.json} (mesh size, image size)
 * @param references levels to draw across the metrics panel of the training curves (e.g. a baseline's PSNR), label → value
 */
public record Evaluation(FieldSpec spec, LinkedHashMap<String, Double> metrics, Map<String, Object> details, List<Artifact> artifacts,
                         Map<String, Double> references) {
    public Evaluation(FieldSpec spec, LinkedHashMap<String, Double> metrics, Map<String, Object> details, List<Artifact> artifacts) {
        this(spec, metrics, details, artifacts, Map.of());
    }
}
