package io.github.facenet4j.api;

/**
 * Judges embeddings: verification (VAL at a FAR, FaceNet §4), identification,
 * clustering quality, or anything a user adds as a plugin of their own.
 *
 * <p>The extension point is this one method. An evaluator reads what it needs from the
 * {@link EvaluationInput} (embeddings always; pairs, probes or a predicted clustering when
 * its kind of evaluation needs them), takes per-call {@link EvaluationInput.Options} over
 * its own configuration, and answers named figures that any front end can print or write
 * as JSON. Evaluators with richer output (curves, histograms) attach it as
 * {@linkplain EvaluationResult#details() details} of a type their callers know.
 */
@PluginKind.Label("evaluator")
public interface Evaluator extends Plugin {

    /**
     * Evaluates {@code input}.
     *
     * @throws BadInputException when the input lacks what this evaluator needs or cannot
     *                           be evaluated (e.g. no same-identity pairs); one line, for users
     */
    EvaluationResult evaluate(EvaluationInput input);
}
