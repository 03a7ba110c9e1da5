package io.github.facenet4j.gallery.internal;

import io.github.facenet4j.api.math.Vectors;
import java.io.IOException;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Scores float vectors by dot product with facenet4j's vectorised kernel
 * ({@link Vectors#floatDot}) instead of Lucene's: on Java 17 Lucene 9.12 falls back to a
 * scalar loop (its own vector code needs Java 21), and that loop was about 60 % of both
 * graph building and search in a profile of {@code facenet bench search} (docs/BENCHMARKS.md).
 * The score is Lucene's own for {@code DOT_PRODUCT}, max((1 + a·b) / 2, 0); every other
 * similarity and byte vectors go to Lucene's scorer unchanged.
 */
final class VectorisedDotProductScorer implements FlatVectorsScorer {

    static final VectorisedDotProductScorer INSTANCE = new VectorisedDotProductScorer();

    private VectorisedDotProductScorer() {
    }

    static float score(float dot) {
        return Math.max((1 + dot) / 2, 0);
    }

    @Override
    public RandomVectorScorerSupplier getRandomVectorScorerSupplier(VectorSimilarityFunction similarity,
                                                                    RandomAccessVectorValues values)
            throws IOException {
        if (similarity == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats f) {
            return new Supplier(f);
        }
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(similarity, values);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction similarity,
                                                    RandomAccessVectorValues values, float[] target)
            throws IOException {
        if (similarity == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats f) {
            if (target.length != f.dimension()) {
                throw new IllegalArgumentException("a query of " + target.length + " components for vectors of "
                        + f.dimension());
            }
            return new Scorer(f, target);
        }
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(similarity, values, target);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction similarity,
                                                    RandomAccessVectorValues values, byte[] target)
            throws IOException {
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(similarity, values, target);
    }

    @Override
    public String toString() {
        return "VectorisedDotProductScorer()";
    }

    /** Scores the stored vectors against one target. */
    private static final class Scorer extends RandomVectorScorer.AbstractRandomVectorScorer {
        private final RandomAccessVectorValues.Floats values;
        private final float[] target;

        Scorer(RandomAccessVectorValues.Floats values, float[] target) {
            super(values);
            this.values = values;
            this.target = target;
        }

        @Override
        public float score(int node) throws IOException {
            return VectorisedDotProductScorer.score(Vectors.floatDot(target, values.vectorValue(node)));
        }
    }

    /**
     * Scorers of stored vector against stored vector, for building the graph. The target is
     * copied: {@code vectorValue} may hand out one reused array per values object.
     */
    private static final class Supplier implements RandomVectorScorerSupplier {
        private final RandomAccessVectorValues.Floats targets;
        private final RandomAccessVectorValues.Floats others;

        Supplier(RandomAccessVectorValues.Floats vectors) throws IOException {
            this.targets = vectors.copy();
            this.others = vectors.copy();
        }

        @Override
        public RandomVectorScorer scorer(int ord) throws IOException {
            return new Scorer(others, targets.vectorValue(ord).clone());
        }

        @Override
        public RandomVectorScorerSupplier copy() throws IOException {
            return new Supplier(others);
        }

        @Override
        public String toString() {
            return "VectorisedDotProductScorer.Supplier()";
        }
    }
}
