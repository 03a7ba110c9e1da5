package io.github.facenet4j.gallery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VectorisedHnswVectorsFormatTest {

    @TempDir
    Path dir;

    static Stream<Arguments> dimensionsAndSeeds() {
        return Stream.of(3, 16, 100, 128, 512).flatMap(d -> Stream.of(1L, 2L).map(seed -> Arguments.of(d, seed)));
    }

    @ParameterizedTest(name = "d={0} seed={1}")
    @MethodSource("dimensionsAndSeeds")
    void scoresAreLucenesOwnDotProductScores(int d, long seed) throws IOException {
        float[][] data = LuceneGalleryTest.clustered(10, 4, d, 0.3, seed);
        RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(List.of(data), d);
        VectorSimilarityFunction dot = VectorSimilarityFunction.DOT_PRODUCT;
        RandomVectorScorerSupplier ours = VectorisedDotProductScorer.INSTANCE.getRandomVectorScorerSupplier(dot, values);
        RandomVectorScorerSupplier lucene = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(dot, values);
        float[] query = data[7].clone();
        query[0] += 0.25f;
        RandomVectorScorer oursQuery = VectorisedDotProductScorer.INSTANCE.getRandomVectorScorer(dot, values, query);
        RandomVectorScorer luceneQuery = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(dot, values, query);
        for (int a = 0; a < data.length; a++) {
            RandomVectorScorer o = ours.copy().scorer(a);
            RandomVectorScorer l = lucene.scorer(a);
            assertThat(o.maxOrd()).isEqualTo(data.length);
            for (int b = 0; b < data.length; b++) {
                assertThat(o.score(b)).as("%d·%d", a, b).isCloseTo(l.score(b), within(1e-6f));
            }
            assertThat(oursQuery.score(a)).isCloseTo(luceneQuery.score(a), within(1e-6f));
        }
    }

    @Test
    void otherSimilaritiesAreLucenesScorerUnchanged() throws IOException {
        float[][] data = LuceneGalleryTest.clustered(3, 2, 8, 0.3, 5);
        RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(List.of(data), 8);
        for (VectorSimilarityFunction f : List.of(VectorSimilarityFunction.EUCLIDEAN, VectorSimilarityFunction.COSINE)) {
            RandomVectorScorer ours = VectorisedDotProductScorer.INSTANCE.getRandomVectorScorer(f, values, data[0]);
            assertThat(ours.score(3)).isEqualTo(f.compare(data[0], data[3]));
        }
    }

    @Test
    void aQueryOfAnotherDimensionIsRefused() {
        RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(List.of(new float[4]), 4);
        assertThatThrownBy(() -> VectorisedDotProductScorer.INSTANCE.getRandomVectorScorer(
                VectorSimilarityFunction.DOT_PRODUCT, values, new float[5]))
                .hasMessage("a query of 5 components for vectors of 4");
    }

    /**
     * An index written with the format is reopened through Lucene's service loader by the
     * name in the segment, next to a segment of the stock format written before it, and
     * both segments find every stored vector as its own nearest neighbour.
     */
    @Test
    void segmentsOfBothFormatsReopenByNameAndFindTheirVectors() throws IOException {
        float[][] data = LuceneGalleryTest.clustered(60, 5, 32, 0.06, 9);
        try (Directory directory = FSDirectory.open(dir)) {
            write(directory, new org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat(16, 64), data, 0, 150);
            write(directory, new VectorisedHnswVectorsFormat(16, 64, 1, null), data, 150, 300);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                List<String> formats = new ArrayList<>();
                for (var leaf : reader.leaves()) {
                    LeafReader segment = leaf.reader();
                    FieldInfo field = segment.getFieldInfos().fieldInfo("v");
                    formats.add(field.getAttribute("PerFieldKnnVectorsFormat.format"));
                    for (int doc = 0; doc < segment.maxDoc(); doc += 7) {
                        int row = leaf.docBase + doc;
                        TopDocs top = segment.searchNearestVectors("v", data[row], 10, null, Integer.MAX_VALUE);
                        assertThat(top.scoreDocs[0].doc).as("row %d", row).isEqualTo(doc);
                    }
                }
                assertThat(formats).containsExactly("Lucene99HnswVectorsFormat", VectorisedHnswVectorsFormat.NAME);
            }
        }
        assertThat(KnnVectorsFormat.availableKnnVectorsFormats()).contains(VectorisedHnswVectorsFormat.NAME);
    }

    @Test
    void settingsAreCheckedAsLucenesOwnFormatChecksThem() {
        assertThatThrownBy(() -> new VectorisedHnswVectorsFormat(0, 64, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConn");
        assertThatThrownBy(() -> new VectorisedHnswVectorsFormat(16, 0, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beamWidth");
    }

    private static void write(Directory directory, KnnVectorsFormat format, float[][] data, int from, int to)
            throws IOException {
        IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        }).setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = from; i < to; i++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField("v", data[i], VectorSimilarityFunction.DOT_PRODUCT));
                writer.addDocument(doc);
            }
            writer.commit();
        }
    }
}
