package io.github.facenet4j.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Named figures an evaluator produced, in the order it reports them.
 *
 * @param evaluator the evaluator's name
 * @param metrics   metric name to value (numbers, lists of numbers, strings)
 */
public record EvaluationResult(String evaluator, Map<String, Object> metrics) {
    public EvaluationResult {
        Objects.requireNonNull(evaluator, "evaluator");
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
