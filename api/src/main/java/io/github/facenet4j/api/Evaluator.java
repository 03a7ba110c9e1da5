package io.github.facenet4j.api;

/**
 * Judges embeddings: verification (VAL at a FAR, FaceNet §5), identification,
 * clustering quality, or anything a user adds as a plugin of their own.
 */
public interface Evaluator extends Plugin {

    /** Evaluates and returns named figures. */
    EvaluationResult evaluate(EvaluationInput input);
}
