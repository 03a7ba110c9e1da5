package io.github.facenet4j.api;

/**
 * The figures of a verification at one target FAR (FaceNet §4: VAL(d) = |TA(d)| / |P_same|,
 * FAR(d) = |FA(d)| / |P_diff|), typed, for callers that need them whatever evaluator produced
 * them: an evaluator that verifies attaches {@linkplain EvaluationResult#details() details}
 * of this type, read with {@code result.details(VerificationFigures.class)}.
 */
public interface VerificationFigures {

    /** The FAR the threshold was calibrated for. */
    double farTarget();

    /** The decision threshold reached at that FAR: pairs at distance ≤ it count as the same identity. */
    double threshold();

    /** VAL at {@link #threshold()}. */
    double val();

    /** The FAR reached at {@link #threshold()} (≤ {@link #farTarget()}). */
    double far();
}
