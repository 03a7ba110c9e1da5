package io.github.facenet4j.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What an evaluator reads: labelled embeddings, and the optional parts some kinds of
 * evaluation need. Build one with {@link #of(EmbeddingBatch)} and the {@code with…} methods.
 *
 * @param embeddings labelled embeddings: the evaluation set for verification and
 *                   clustering quality, the gallery for identification
 * @param pairs      explicit verification pairs (e.g. LFW {@code pairs.txt}); empty means
 *                   all pairs of {@code embeddings}
 * @param probes     labelled probes to identify against the gallery
 * @param clusters   a predicted cluster id for each row of {@code embeddings}
 * @param against    a second labelled set in the same space as {@code embeddings} (e.g. another
 *                   model's embeddings mapped by an adapter), labels shared with it: verification
 *                   then pairs every row i of {@code embeddings} with every row j of this set
 * @param options    per-call choices that override an evaluator's configuration
 */
public record EvaluationInput(EmbeddingBatch embeddings, Optional<Pairs> pairs, Optional<EmbeddingBatch> probes,
                              Optional<int[]> clusters, Optional<EmbeddingBatch> against, Options options) {

    public EvaluationInput {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(against, "against");
        Objects.requireNonNull(options, "options");
        pairs.ifPresent(p -> p.requireWithin(embeddings.size()));
        if (clusters.isPresent() && clusters.get().length != embeddings.size()) {
            throw new BadInputException("Need one cluster per embedding: got " + clusters.get().length
                    + " clusters for " + embeddings.size() + " embeddings.");
        }
        if (against.isPresent() && against.get().dimension() != embeddings.dimension()) {
            throw new BadInputException("Cross pairs need one space: the embeddings are " + embeddings.dimension()
                    + "-d, the set against them " + against.get().dimension() + "-d.");
        }
    }

    /** Just embeddings, no options. */
    public static EvaluationInput of(EmbeddingBatch embeddings) {
        return new EvaluationInput(embeddings, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Options.NONE);
    }

    public EvaluationInput withPairs(Pairs value) {
        return new EvaluationInput(embeddings, Optional.of(value), probes, clusters, against, options);
    }

    public EvaluationInput withProbes(EmbeddingBatch value) {
        return new EvaluationInput(embeddings, pairs, Optional.of(value), clusters, against, options);
    }

    public EvaluationInput withClusters(int[] value) {
        return new EvaluationInput(embeddings, pairs, probes, Optional.of(value), against, options);
    }

    public EvaluationInput withAgainst(EmbeddingBatch value) {
        return new EvaluationInput(embeddings, pairs, probes, clusters, Optional.of(value), options);
    }

    public EvaluationInput withOptions(Options value) {
        return new EvaluationInput(embeddings, pairs, probes, clusters, against, value);
    }

    /** How two embeddings are compared. */
    public enum Metric {
        /** Squared Euclidean distance ‖a − b‖², the FaceNet distance (§4). */
        L2SQ,
        /** Cosine distance 1 − cos(a, b), in [0, 2]; equals ‖a − b‖² / 2 for unit vectors. */
        COSINE;

        /** The name users write: {@code l2sq}, {@code cosine}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Per-call choices a front end passes (the CLI's {@code --far}, {@code --folds},
     * {@code --metric}); an empty one keeps the evaluator's configured value.
     *
     * @param farTarget target false-accept rate in (0, 1)
     * @param folds     number of cross-validation folds, ≥ 2
     * @param metric    distance between embeddings
     */
    public record Options(OptionalDouble farTarget, OptionalInt folds, Optional<Metric> metric) {

        /** Nothing chosen: every evaluator uses its configuration. */
        public static final Options NONE = new Options(OptionalDouble.empty(), OptionalInt.empty(), Optional.empty());

        public Options {
            Objects.requireNonNull(farTarget, "farTarget");
            Objects.requireNonNull(folds, "folds");
            Objects.requireNonNull(metric, "metric");
            if (farTarget.isPresent() && !(farTarget.getAsDouble() > 0 && farTarget.getAsDouble() < 1)) {
                throw new ConfigurationException("far must be in (0, 1), got " + farTarget.getAsDouble());
            }
            if (folds.isPresent() && folds.getAsInt() < 2) {
                throw new ConfigurationException("folds must be ≥ 2, got " + folds.getAsInt());
            }
        }
    }

    /**
     * Verification pairs as row indices into the embeddings, each marked same or different
     * identity and assigned to a cross-validation fold (LFW's {@code pairs.txt} has 10 folds
     * of 300 same and 300 different pairs). Arrays are not copied.
     *
     * @param first  row index of each pair's first face
     * @param second row index of each pair's second face
     * @param same   whether each pair shows one identity
     * @param fold   each pair's fold, 0-based; all 0 when the source defines none
     */
    public record Pairs(int[] first, int[] second, boolean[] same, int[] fold) {

        public Pairs {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
            Objects.requireNonNull(same, "same");
            Objects.requireNonNull(fold, "fold");
            if (second.length != first.length || same.length != first.length || fold.length != first.length) {
                throw new BadInputException("Pair arrays differ in length: " + first.length + ", " + second.length
                        + ", " + same.length + ", " + fold.length + ".");
            }
            for (int f : fold) {
                if (f < 0) {
                    throw new BadInputException("Pair folds must be ≥ 0, got " + f + ".");
                }
            }
        }

        public int size() {
            return first.length;
        }

        /** Number of folds the pairs name: 1 + the largest fold. */
        public int folds() {
            int max = 0;
            for (int f : fold) {
                max = Math.max(max, f);
            }
            return max + 1;
        }

        void requireWithin(int rows) {
            for (int p = 0; p < first.length; p++) {
                if (first[p] < 0 || first[p] >= rows || second[p] < 0 || second[p] >= rows) {
                    throw new BadInputException("Pair " + p + " (" + first[p] + ", " + second[p]
                            + ") refers outside the " + rows + " embeddings.");
                }
            }
        }
    }
}
