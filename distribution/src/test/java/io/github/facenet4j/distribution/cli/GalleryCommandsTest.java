package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.math.Vectors;
import io.github.facenet4j.distribution.faces.SamplePhotos;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.gallery.Gallery;
import io.github.facenet4j.gallery.internal.LuceneGalleryStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enroll}, {@code identify}, {@code gallery} and {@code bench search} through the CLI
 * on precomputed embeddings (plain runtime; the OSGi runtime in {@code FelixRuntimeIT}), and
 * their bad inputs: one line on stderr, exit 2.
 */
class GalleryCommandsTest {

    @TempDir
    Path dir;

    static CliTest.Run run(String... args) {
        return FaceCommandsTest.run(args);
    }

    /** A random unit vector of dimension {@code d}. */
    static float[] unit(Random random, int d) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }

    /** {@code v} moved a little (squared distance about 128 × 0.005² × … ≪ the card's 0.12), renormalised. */
    static float[] near(Random random, float[] v) {
        float[] out = v.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] += (float) (0.005 * random.nextGaussian());
        }
        return Vectors.normalized(out);
    }

    /** An evaluators' CSV of {@code rows} with ids {@code prefix + i} and labels {@code labels[i]}. */
    static Path csv(Path file, String prefix, List<float[]> rows, List<String> labels) throws IOException {
        StringBuilder sb = new StringBuilder(EmbeddingsCsv.header(List.of(), rows.get(0).length)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            sb.append(EmbeddingsCsv.row(prefix + i, labels.get(i), List.of(), rows.get(i))).append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void enrolledEmbeddingsAreIdentifiedListedCountedAndRemoved() throws IOException {
        Random random = new Random(11);
        List<float[]> centres = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int p = 0; p < 30; p++) {
            centres.add(unit(random, 128));
            for (int j = 0; j < 3; j++) {
                rows.add(near(random, centres.get(p)));
                labels.add("person " + p);
            }
        }
        Path e = csv(dir.resolve("e.csv"), "e", rows, labels);
        Path gallery = dir.resolve("g");
        CliTest.Run enrol = run("enroll", "--gallery", gallery.toString(), "--embeddings", e.toString(),
                "--commit-every", "40");
        assertThat(enrol.exitCode()).as(enrol.err()).isZero();
        assertThat(enrol.out().lines().toList()).startsWith("committed 40", "committed 80").last()
                .isEqualTo("committed 90");
        assertThat(enrol.err()).contains("enrolled 90 embeddings from " + e + " into " + gallery + " (90 entries)");

        CliTest.Run stats = run("gallery", "stats", "--gallery", gallery.toString(), "--json");
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        Map<String, Object> s = Json.parseObject(stats.out());
        assertThat(s).containsEntry("entries", 90L).containsEntry("identities", 30L)
                .containsEntry("model", "dlib-resnet-v1").containsEntry("dimension", 128L)
                .containsEntry("store", "lucene");
        assertThat((Long) s.get("bytes_on_disk")).isPositive();

        List<float[]> queries = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < 30; p += 3) {
            queries.add(near(random, centres.get(p)));
            expected.add("person " + p);
        }
        queries.add(unit(random, 128));
        expected.add("unknown");
        Path q = csv(dir.resolve("q.csv"), "q", queries, expected);
        CliTest.Run identify = run("identify", "--gallery", gallery.toString(), "--embeddings", q.toString(),
                "--top", "2", "--json");
        assertThat(identify.exitCode()).as(identify.err()).isZero();
        Map<String, Object> answer = Json.parseObject(identify.out());
        List<?> results = (List<?>) answer.get("results");
        assertThat(results).hasSize(queries.size());
        for (int i = 0; i < results.size(); i++) {
            Map<?, ?> r = (Map<?, ?>) results.get(i);
            assertThat(r.get("id")).isEqualTo("q" + i);
            assertThat(r.get("identity")).as("query " + i).isEqualTo(expected.get(i));
            List<?> matches = (List<?>) r.get("matches");
            assertThat(matches).hasSize(2);
            Map<?, ?> best = (Map<?, ?>) matches.get(0);
            Map<?, ?> second = (Map<?, ?>) matches.get(1);
            assertThat(best.get("identity")).isNotEqualTo(second.get("identity"));
            assertThat((Double) best.get("distance")).isLessThanOrEqualTo((Double) second.get("distance"));
        }
        assertThat(map(answer.get("latency_ms"))).containsKeys("p50", "p99", "max")
                .containsEntry("searches", (long) queries.size());
        assertThat(answer.get("threshold")).isEqualTo(0.12);

        CliTest.Run table = run("identify", "--gallery", gallery.toString(), "--embeddings", q.toString(),
                "--threshold", "4");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().toList().get(0)).startsWith("ID").contains("IDENTITY", "DISTANCE");
        assertThat(table.out()).doesNotContain("unknown");
        assertThat(table.err()).contains(queries.size() + " searches, one thread: p50 ");

        CliTest.Run list = run("gallery", "list", "--gallery", gallery.toString(), "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        List<?> entries = (List<?>) Json.parseObject(list.out()).get("entries");
        assertThat(entries).hasSize(90);
        assertThat(map(entries.get(0))).containsEntry("id", "e0").containsEntry("identity", "person 0")
                .containsEntry("source", "e.csv");

        CliTest.Run remove = run("gallery", "remove", "--gallery", gallery.toString(), "--name", "person 0");
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(remove.out()).isEqualTo("removed 3 entries; committed 87\n");
        CliTest.Run again = run("identify", "--gallery", gallery.toString(), "--embeddings", q.toString(), "--json");
        Map<?, ?> first = (Map<?, ?>) ((List<?>) Json.parseObject(again.out()).get("results")).get(0);
        assertThat(first.get("identity")).as("a removed identity is unknown").isEqualTo("unknown");
    }

    @Test
    void badInputsAreOneLineAndExitTwo() throws IOException {
        Random random = new Random(12);
        Path e = csv(dir.resolve("e.csv"), "e", List.of(unit(random, 128), unit(random, 128)), List.of("a", "b"));
        Path gallery = dir.resolve("g");
        assertThat(run("enroll", "--gallery", gallery.toString(), "--embeddings", e.toString()).exitCode()).isZero();

        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(photos.resolve("a.jpg"), "x");
        assertOneLine(run("identify", "--gallery", photos.toString(), "--embeddings", e.toString()),
                "facenet: --gallery " + photos + " is not a gallery (no gallery index in it); create one with facenet"
                        + " enroll --gallery NEW-FOLDER");
        assertOneLine(run("gallery", "stats", "--gallery", dir.resolve("absent").toString()),
                "facenet: --gallery " + dir.resolve("absent") + " is not a gallery (no such folder); create one with"
                        + " facenet enroll --gallery " + dir.resolve("absent"));
        assertOneLine(run("enroll", "--gallery", photos.toString(), "--embeddings", e.toString()),
                "facenet: --gallery " + photos + " is not a gallery (no gallery index in it); create one with facenet"
                        + " enroll --gallery NEW-FOLDER");

        Path other = dir.resolve("other");
        try (Gallery g = new LuceneGalleryStore(Map.of()).openForWriting(other,
                new EmbeddingSpace("arcface-r50", "2.0", 128))) {
            g.commit();
        }
        assertOneLine(run("identify", "--gallery", other.toString(), "--embeddings", e.toString()),
                "facenet: gallery " + other + " holds arcface-r50 2.0 (128-d) embeddings, not dlib-resnet-v1 1.0.0"
                        + " (128-d); use the model the gallery was built with (--model), or another --gallery");
        assertOneLine(run("enroll", "--gallery", other.toString(), "--embeddings", e.toString()),
                "facenet: gallery " + other + " holds arcface-r50 2.0 (128-d) embeddings, not dlib-resnet-v1 1.0.0"
                        + " (128-d); use the model the gallery was built with (--model), or another --gallery");

        Path small = csv(dir.resolve("small.csv"), "s", List.of(unit(random, 64)), List.of("a"));
        assertOneLine(run("identify", "--gallery", gallery.toString(), "--embeddings", small.toString()),
                "facenet: " + small + " has 64 components, but the gallery holds dlib-resnet-v1 1.0.0 (128-d)"
                        + " embeddings; embed with the gallery's model");
        assertOneLine(run("enroll", "--gallery", gallery.toString(), "--embeddings", small.toString()),
                "facenet: " + small + " has 64 components, but the gallery holds dlib-resnet-v1 1.0.0 (128-d)"
                        + " embeddings; embed with the gallery's model");

        assertOneLine(run("identify", "--gallery", gallery.toString(), "--embeddings", e.toString(), "--top", "0"),
                "facenet: --top must be in [1, 1000] (more is a listing, not a search), got 0");
        CliTest.Run store = run("identify", "--gallery", gallery.toString(), "--embeddings", e.toString(), "--store",
                "nope");
        assertOneLine(store, "facenet: No gallery-store 'nope'. Available: lucene.");
        assertOneLine(run("enroll", "--gallery", gallery.toString(), "--embeddings", e.toString(), "--store", "nope"),
                "facenet: No gallery-store 'nope'. Available: lucene.");
        assertOneLine(run("enroll", "--gallery", gallery.toString()),
                "facenet: Give one of: --name NAME IMAGE…, --from-folders ROOT, --embeddings E.csv");
        assertOneLine(run("gallery", "remove", "--gallery", gallery.toString()),
                "facenet: Give --name NAME or --id ID to remove (one of them)");
        assertOneLine(run("bench", "search", "--size", "3000000"),
                "facenet: --size must be in [2, 2000000] (the benchmark holds every vector in memory, 1 GiB at"
                        + " 2,000,000 × 128), got 3000000");

        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("facenet.gallery-store.lucene.cfg"), "max-conections = 32\n");
        CliTest.Run misspelt = run("gallery", "stats", "--gallery", gallery.toString(), "--config", conf.toString());
        assertThat(misspelt.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(misspelt.err().lines()).hasSize(1).first().asString()
                .startsWith("facenet: gallery-store lucene: unknown key 'max-conections' (known: beam-width, ");
    }

    /**
     * The face-api samples show the same person twice: the largest face of sample1.jpg and the
     * largest of sample3.jpg are 0.083 apart (squared L2), under the card's 0.12, and no other
     * pair of faces of different photos is under 0.136. So a gallery of sample1's face (from
     * ROOT/alice) and sample6's (ROOT/bob) identifies sample3's largest face as alice, its two
     * others as unknown, and alice again in a half-size blurred copy of sample1 (its other faces unknown).
     */
    @Test
    void aFaceEnrolledFromOnePhotoIsIdentifiedInAnotherPhotoOfThePersonAndOthersAreUnknown() throws IOException {
        List<Path> samples = SamplePhotos.all();
        Path root = dir.resolve("people");
        Files.createDirectories(root.resolve("alice"));
        Files.createDirectories(root.resolve("bob"));
        Files.copy(samples.get(0), root.resolve("alice/sample1.jpg"));
        Files.copy(samples.get(5), root.resolve("bob/sample6.jpg"));
        Files.writeString(root.resolve("bob/notes.jpg"), "not a photo");
        Path gallery = dir.resolve("g");
        CliTest.Run enrol = run("enroll", "--gallery", gallery.toString(), "--from-folders", root.toString());
        assertThat(enrol.exitCode()).as(enrol.err()).isZero();
        assertThat(enrol.out().lines().toList()).as("a commit a second, and one at the end").last()
                .isEqualTo("committed 2");
        assertThat(enrol.err()).contains("facenet: skipped: " + root.resolve("bob/notes.jpg"))
                .contains("note: " + root.resolve("alice/sample1.jpg") + " has 3 faces; enrolled the largest, at ")
                .contains("enrolled 2 faces from 3 photos into " + gallery + " (2 entries)");

        Path copy = SamplePhotos.write(
                SamplePhotos.blur(
                        SamplePhotos.half(
                                SamplePhotos.read(samples.get(0)))),
                dir.resolve("sample1-half-blurred.png"));
        CliTest.Run identify = run("identify", "--gallery", gallery.toString(), samples.get(2).toString(),
                copy.toString(), "--json");
        assertThat(identify.exitCode()).as(identify.err()).isZero();
        List<?> results = (List<?>) Json.parseObject(identify.out()).get("results");
        List<String> answers = new ArrayList<>();
        for (Object r : results) {
            Map<String, Object> m = map(r);
            answers.add(Path.of((String) m.get("file")).getFileName() + "#" + m.get("face") + " " + m.get("identity"));
        }
        assertThat(answers).hasSize(6).startsWith("sample3.jpg#0 alice", "sample3.jpg#1 unknown",
                "sample3.jpg#2 unknown");
        assertThat(answers.subList(3, 6)).as("in the copy, one face is alice (the half size reorders the faces)")
                .filteredOn(a -> a.endsWith(" alice")).hasSize(1);
        assertThat(answers).filteredOn(a -> a.endsWith(" bob")).isEmpty();
        Map<String, Object> best = map(((List<?>) map(results.get(0)).get("matches")).get(0));
        assertThat((Double) best.get("distance")).isLessThan(0.12);
        assertThat(best.get("entry")).isEqualTo(root.resolve("alice/sample1.jpg") + "#0");

        CliTest.Run named = run("enroll", "--gallery", gallery.toString(), "--name", "carol",
                samples.get(1).toString());
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(named.out().lines().toList()).last().isEqualTo("committed 3");
        assertOneLine(run("enroll", "--gallery", gallery.toString(), "--name", "carol", dir.resolve("none.jpg")
                .toString()), "facenet: No such file: " + dir.resolve("none.jpg"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static void assertOneLine(CliTest.Run run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err().lines().toList()).containsExactly(line);
    }

    @Test
    void benchSearchMeasuresRecallAgainstExactSearchAndWritesTheVectorsItSearched() throws IOException {
        Path vectors = dir.resolve("v.bin");
        CliTest.Run bench = run("bench", "search", "--size", "600", "--dim", "16", "--queries", "40", "--effort",
                "8,100", "--write-vectors", vectors.toString(), "--json");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        Map<String, Object> d = Json.parseObject(bench.out());
        assertThat(d).containsEntry("size", 600L).containsEntry("dim", 16L).containsEntry("queries", 40L);
        List<?> results = (List<?>) d.get("results");
        assertThat(results).hasSize(2);
        Map<?, ?> wide = (Map<?, ?>) results.get(1);
        assertThat(wide.get("effort")).isEqualTo(100L);
        assertThat((Double) wide.get("recall_at_1")).as("100 candidates of 600 find the nearest").isGreaterThan(0.95);
        assertThat((Double) wide.get("p99_ms")).isGreaterThanOrEqualTo((Double) wide.get("p50_ms"));

        byte[] bytes = Files.readAllBytes(vectors);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[] {b.getInt(), b.getInt(), b.getInt()}).containsExactly(600, 40, 16);
        assertThat(bytes).hasSize(12 + 4 * 16 * 640);
        float[] first = new float[16];
        for (int k = 0; k < 16; k++) {
            first[k] = b.getFloat();
        }
        assertThat(Math.sqrt(Vectors.dot(first, first))).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
    }
}
