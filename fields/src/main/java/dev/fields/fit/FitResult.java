package dev.fields.fit;

import dev.fields.train.TrainResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a fit, still in memory: the final blob's bytes (metrics in its provenance), the metrics computed
 * from it, details of the input, the training history and the artifacts. {@link FitOutputs} writes it to a folder.
 *
 * @param name output stem (the source's file name without extension)
 * @param references levels drawn across the curves' metrics panel (label → value)
 * @param seconds wall seconds of the whole fit (input, training, evaluation)
 */
public record FitResult(String task, String name, FitConfig config, byte[] blob, LinkedHashMap<String, Double> metrics,
                        Map<String, Object> details, TrainResult training, List<Artifact> artifacts, Map<String, Double> references,
                        double seconds) {}
