package io.github.facenet4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named figures an evaluator produced, in the order it reports them, plus optional
 * typed details (curves, histograms) for callers that know the evaluator.
 *
 * @param evaluator the evaluator's name
 * @param metrics   metric name to value: a {@link Number}, a {@link String} or a
 *                  {@link java.util.List} of numbers; keys are lower-case with underscores
 *                  and become JSON keys as they are
 * @param details   the evaluator's full result object, or {@code null}
 */
public record EvaluationResult(String evaluator, Map<String, Object> metrics, Object details) {

    public EvaluationResult {
        Objects.requireNonNull(evaluator, "evaluator");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Figures without details. */
    public EvaluationResult(String evaluator, Map<String, Object> metrics) {
        this(evaluator, metrics, null);
    }

    /** The details if they are a {@code type}. */
    public <T> Optional<T> details(Class<T> type) {
        return type.isInstance(details) ? Optional.of(type.cast(details)) : Optional.empty();
    }
}
