package io.github.facenet4j.gallery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.math.Vectors;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.gallery.FaceRegion;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.GalleryEntry;
import io.github.facenet4j.gallery.GalleryStats;
import io.github.facenet4j.gallery.GalleryStore;
import io.github.facenet4j.gallery.Match;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuceneGalleryTest {

    static final EmbeddingSpace SPACE = new EmbeddingSpace("toy-model", "1.0", 16);

    @TempDir
    Path dir;

    private final GalleryStore store = new LuceneGalleryStore(Map.of());

    /** Unit vectors clustered like faces: identities × perIdentity around random centres. */
    static float[][] clustered(int identities, int perIdentity, int d, double spread, long seed) {
        Random random = new Random(seed);
        float[][] out = new float[identities * perIdentity][];
        for (int i = 0; i < identities; i++) {
            float[] centre = gaussian(random, d, 1);
            for (int j = 0; j < perIdentity; j++) {
                float[] v = gaussian(random, d, spread);
                for (int k = 0; k < d; k++) {
                    v[k] += Vectors.normalized(centre)[k];
                }
                out[i * perIdentity + j] = Vectors.normalized(v);
            }
        }
        return out;
    }

    private static float[] gaussian(Random random, int d, double sigma) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            v[k] = (float) (sigma * random.nextGaussian());
        }
        return v;
    }

    /** The oracle: index of the nearest vector by brute force. */
    static int exactNearest(float[][] data, float[] q) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < data.length; i++) {
            double dist = 0;
            for (int k = 0; k < q.length; k++) {
                double diff = data[i][k] - q[k];
                dist += diff * diff;
            }
            if (dist < bestDistance) {
                bestDistance = dist;
                best = i;
            }
        }
        return best;
    }

    private static void enrol(Gallery gallery, float[][] data, int perIdentity) {
        for (int i = 0; i < data.length; i++) {
            gallery.add(new GalleryEntry("e" + i, "person-" + (i / perIdentity), "row " + i, null, data[i]));
        }
    }

    /** With facenet4j's vectorised scorer (the default) and with Lucene's own, the baseline. */
    @ParameterizedTest(name = "vectorised={0}")
    @ValueSource(booleans = {true, false})
    void searchFindsTheExactNearestNeighbourWithExactDistancesOnASeededSet(boolean vectorised) {
        float[][] data = clustered(400, 5, 16, 0.06, 1);
        LuceneStoreConfig d = LuceneStoreConfig.defaults();
        GalleryStore scored = new LuceneGalleryStore(new LuceneStoreConfig(d.maxConnections(), d.beamWidth(),
                d.searchEffort(), d.rerank(), d.mergeThreads(), d.ramBufferMb(), vectorised));
        try (Gallery gallery = scored.openForWriting(dir, SPACE)) {
            enrol(gallery, data, 5);
            assertThat(gallery.commit()).isEqualTo(2000);
            Random random = new Random(3);
            int hits = 0;
            for (int q = 0; q < 100; q++) {
                float[] query = Vectors.normalized(data[random.nextInt(data.length)].clone());
                query[q % 16] += 0.05f;
                query = Vectors.normalized(query);
                int truth = exactNearest(data, query);
                List<Match> top = gallery.search(query, 3, 200);
                assertThat(top).hasSize(3);
                assertThat(top.get(0).distance()).isLessThanOrEqualTo(top.get(1).distance());
                assertThat(top.get(0).distance()).as("re-ranked distances are exact")
                        .isCloseTo(Vectors.squaredDistance(data[Integer.parseInt(top.get(0).id().substring(1))],
                                query), org.assertj.core.data.Offset.offset(1e-6));
                hits += top.get(0).id().equals("e" + truth) ? 1 : 0;
            }
            assertThat(hits).as("recall@1 against brute force").isGreaterThanOrEqualTo(99);
        }
    }

    @Test
    void whatWasCommittedSurvivesAReopenAndWhatWasNotIsGone() {
        float[][] data = clustered(20, 5, 16, 0.06, 4);
        try (Gallery gallery = store.openForWriting(dir, SPACE)) {
            enrol(gallery, data, 5);
            gallery.commit();
            gallery.add(new GalleryEntry("late", "never-committed", "", null, data[0]));
        }
        try (Gallery gallery = store.openForReading(dir)) {
            GalleryStats stats = gallery.stats();
            assertThat(stats.entries()).isEqualTo(100);
            assertThat(stats.identities()).isEqualTo(20);
            assertThat(stats.space()).isEqualTo(SPACE);
            assertThat(stats.store()).isEqualTo("lucene");
            assertThat(stats.bytesOnDisk()).isPositive();
            List<Match> top = gallery.search(data[7], 1, 0);
            assertThat(top.get(0).id()).isEqualTo("e7");
            assertThat(top.get(0).identity()).isEqualTo("person-1");
            assertThat(top.get(0).source()).isEqualTo("row 7");
            assertThat(top.get(0).distance()).isLessThan(1e-6);
        }
    }

    @Test
    void enrollingAnIdAgainReplacesItAndRemoveTakesIdentitiesAndIds() {
        float[][] data = clustered(3, 2, 16, 0.06, 5);
        try (Gallery gallery = store.openForWriting(dir, SPACE)) {
            enrol(gallery, data, 2);
            gallery.add(new GalleryEntry("e0", "renamed", "photo.jpg", new FaceRegion(1, 2, 30, 40), data[0]));
            assertThat(gallery.commit()).isEqualTo(6);
            assertThat(gallery.removeIdentity("person-1")).isEqualTo(2);
            assertThat(gallery.removeId("e5")).isTrue();
            assertThat(gallery.removeId("nope")).isFalse();
            assertThat(gallery.commit()).isEqualTo(3);
            List<GalleryEntry> entries = new ArrayList<>();
            gallery.forEach(entries::add);
            Map<String, String> byId = new HashMap<>();
            entries.forEach(e -> byId.put(e.id(), e.identity()));
            assertThat(byId).containsOnly(Map.entry("e0", "renamed"), Map.entry("e1", "person-0"),
                    Map.entry("e4", "person-2"));
            GalleryEntry e0 = entries.stream().filter(e -> e.id().equals("e0")).findFirst().orElseThrow();
            assertThat(e0.region()).isEqualTo(new FaceRegion(1, 2, 30, 40));
            assertThat(e0.source()).isEqualTo("photo.jpg");
            assertThat(e0.embedding()).containsExactly(Vectors.normalized(data[0]));
        }
    }

    @Test
    void anotherSpaceOrDimensionIsOneLine() {
        try (Gallery gallery = store.openForWriting(dir, SPACE)) {
            gallery.commit();
            assertThatThrownBy(() -> gallery.add(new GalleryEntry("x", "y", "", null, Vectors.normalized(new float[] {1, 2}))))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("the embedding of 'x' has 2 components, but the gallery holds toy-model 1.0 (16-d)"
                            + " embeddings; embed with the gallery's model");
            assertThatThrownBy(() -> gallery.requireSpace(new EmbeddingSpace("other", "2", 16)))
                    .hasMessage("gallery " + dir + " holds toy-model 1.0 (16-d) embeddings, not other 2 (16-d); use the"
                            + " model the gallery was built with (--model), or another --gallery");
        }
        assertThatThrownBy(() -> store.openForWriting(dir, new EmbeddingSpace("other", "2", 16)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holds toy-model 1.0 (16-d) embeddings, not other 2");
    }

    @Test
    void aFolderThatIsNotAGalleryIsOneLineAndIsLeftAlone() throws IOException {
        Path other = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(other.resolve("a.jpg"), "x");
        assertThatThrownBy(() -> store.openForReading(other)).isInstanceOf(BadInputException.class)
                .hasMessage("--gallery " + other + " is not a gallery (no gallery index in it); create one with"
                        + " facenet enroll --gallery NEW-FOLDER");
        assertThatThrownBy(() -> store.openForWriting(other, SPACE)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a gallery");
        assertThat(Files.list(other).toList()).containsExactly(other.resolve("a.jpg"));
        assertThatThrownBy(() -> store.openForReading(dir.resolve("absent"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a gallery (no such folder)");
    }

    @Test
    void aSecondWriterIsRefused() {
        try (Gallery first = store.openForWriting(dir, SPACE)) {
            assertThatThrownBy(() -> store.openForWriting(dir, SPACE)).isInstanceOf(BadInputException.class)
                    .hasMessage("gallery " + dir + " is in use by another writer (" + dir.resolve("write.lock")
                            + " is held); wait for it to end or stop it");
            assertThat(first.stats().entries()).isZero();
        }
    }

    @Test
    void readersKeepSearchingWhileAWriterCommitsAndSeeItsCommitsOnRefresh() throws Exception {
        float[][] data = clustered(200, 5, 16, 0.06, 6);
        try (Gallery writer = store.openForWriting(dir, SPACE)) {
            enrol(writer, java.util.Arrays.copyOf(data, 100), 5);
            writer.commit();
            try (Gallery reader = store.openForReading(dir)) {
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger searches = new AtomicInteger();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread searching = new Thread(() -> {
                    try {
                        while (!done.get()) {
                            assertThat(reader.search(data[3], 1, 0).get(0).id()).isEqualTo("e3");
                            assertThat(writer.search(data[3], 1, 0).get(0).id()).isEqualTo("e3");
                            searches.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                });
                searching.start();
                for (int i = 100; i < data.length; i++) {
                    writer.add(new GalleryEntry("e" + i, "person-" + (i / 5), "", null, data[i]));
                    if (i % 50 == 0) {
                        writer.commit();
                    }
                }
                writer.commit();
                done.set(true);
                searching.join();
                assertThat(failure.get()).isNull();
                assertThat(searches.get()).isPositive();
                assertThat(reader.stats().entries()).as("a point-in-time reader").isEqualTo(100);
                reader.refresh();
                assertThat(reader.stats().entries()).isEqualTo(1000);
                assertThat(reader.search(data[999], 1, 0).get(0).id()).isEqualTo("e999");
            }
        }
    }

    @Test
    void openSetDecisionIsUnknownBeyondTheThreshold() {
        List<Match> near = List.of(new Match("a", "alice", "", 0.3), new Match("b", "bob", "", 0.5));
        assertThat(Gallery.decide(near, 0.36)).isEqualTo("alice");
        assertThat(Gallery.decide(near, 0.29)).isNull();
        assertThat(Gallery.decide(List.of(), 4)).isNull();
    }

    @Test
    void settingsAreTypedAndUnknownKeysRefused() {
        LuceneStoreConfig config = LuceneStoreConfig.from(Map.of("max-connections", "32", "search-effort", "64",
                "rerank", "false", "service.pid", "x"));
        assertThat(config).isEqualTo(new LuceneStoreConfig(32, 100, 64, false, 1, 256, true));
        assertThat(LuceneStoreConfig.from(Map.of("vectorised", "false")).vectorised()).isFalse();
        assertThatThrownBy(() -> LuceneStoreConfig.from(Map.of("max-conections", "32")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("gallery-store lucene: unknown key 'max-conections' (known: beam-width,")
                .hasMessageEndingWith("check conf/facenet.gallery-store.lucene.cfg");
        assertThatThrownBy(() -> LuceneStoreConfig.from(Map.of("max-connections", "1")))
                .hasMessage("gallery-store lucene: max-connections must be in [2, 512], got 1");
    }

    @Test
    void withoutRerankDistancesComeFromScoresAndStillRankTheSame() {
        float[][] data = clustered(50, 5, 16, 0.06, 7);
        GalleryStore plain = new LuceneGalleryStore(new LuceneStoreConfig(16, 100, 100, false, 1, 64, true));
        try (Gallery gallery = plain.openForWriting(dir, SPACE)) {
            enrol(gallery, data, 5);
            gallery.commit();
            List<Match> top = gallery.search(data[42], 2, 0);
            assertThat(top.get(0).id()).isEqualTo("e42");
            assertThat(top.get(1).distance()).isCloseTo(Vectors.squaredDistance(data[42],
                    data[Integer.parseInt(top.get(1).id().substring(1))]), org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
