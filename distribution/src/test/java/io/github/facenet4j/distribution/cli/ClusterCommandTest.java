package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.faces.SamplePhotos;
import io.github.facenet4j.evaluators.ClustersCsv;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.evaluators.LabelledEmbeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facenet cluster} end to end on the face-api pack's six sample photos (plain runtime),
 * its CSV read back by {@code evaluate clustering}, and its bad inputs.
 */
class ClusterCommandTest {

    @TempDir
    static Path dir;

    private static Path photos;

    @BeforeAll
    static void samplePhotos() throws IOException {
        photos = Files.createDirectories(dir.resolve("photos"));
        for (Path sample : SamplePhotos.all()) {
            Files.copy(sample, photos.resolve(sample.getFileName()));
        }
    }

    @Test
    void clustersTheSamplePhotosAndTheCsvFeedsEvaluateClustering() throws IOException {
        Path csv = dir.resolve("c.csv");
        Path report = dir.resolve("report.html");
        CliTest.Run run = FaceCommandsTest.run("cluster", photos.toString(), "--out", csv.toString(), "--report",
                report.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Object> document = Json.parseObject(run.out());
        assertThat(document.get("algorithm")).isEqualTo("agglomerative");
        assertThat(document.get("photos")).isEqualTo(6L);
        List<?> faces = (List<?>) document.get("faces");
        // The default detector (ssd) finds the 22 faces of the six photos (the demo's count).
        assertThat(faces).hasSize(22);
        long clusters = (Long) document.get("clusters");
        // At the card's threshold (0.12) faces of one person in different photos group, and different
        // people do not: fewer clusters than faces, more than the handful of people.
        assertThat(clusters).isBetween(10L, 21L);
        assertThat(Files.readString(report)).contains("<h2>Groups</h2>", "sample1.jpg #0");

        Path embeddings = dir.resolve("e.csv");
        CliTest.Run embed = FaceCommandsTest.run("embed", photos.toString(), "--out", embeddings.toString());
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        LabelledEmbeddings read = EmbeddingsCsv.read(embeddings);
        int[] ids = ClustersCsv.read(csv, read);
        assertThat(ids).hasSize(22);
        assertThat(java.util.Arrays.stream(ids).distinct().count()).isEqualTo(clusters);
        CliTest.Run evaluate = FaceCommandsTest.run("evaluate", "clustering", "--embeddings", embeddings.toString(),
                "--clusters", csv.toString(), "--json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        Map<String, Object> metrics = Json.parseObject(evaluate.out());
        assertThat(metrics.get("clusters")).isEqualTo(clusters);
        assertThat(metrics.get("items")).isEqualTo(22L);
    }

    @Test
    void everyAlgorithmRunsOnTheSamplePhotos() {
        for (String algorithm : List.of("chinese-whispers", "dbscan")) {
            CliTest.Run run = FaceCommandsTest.run("cluster", photos.toString(), "--algorithm", algorithm, "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            Map<String, Object> document = Json.parseObject(run.out());
            assertThat((List<?>) document.get("faces")).hasSize(22);
            assertThat((Long) document.get("clusters")).as(algorithm).isBetween(10L, 22L);
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no photos here");
        assertOneLine(FaceCommandsTest.run("cluster", photos.toString(), "--algorithm", "kmeans"),
                "facenet: No clusterer 'kmeans'. Available: agglomerative, chinese-whispers, dbscan.");
        assertOneLine(FaceCommandsTest.run("cluster", empty.toString()),
                "facenet: No .jpg, .jpeg, .png or .bmp files under " + empty + "; give a folder of photos");
        assertOneLine(FaceCommandsTest.run("cluster", dir.resolve("absent").toString()),
                "facenet: " + dir.resolve("absent") + " is not a folder; give a folder of photos");
        assertOneLine(FaceCommandsTest.run("cluster", photos.toString(), "--threshold", "-0.5"),
                "facenet: --threshold must be in [0, 4] (squared L2 of unit vectors), got -0.5");
    }

    @Test
    void benchClusterRefusesBadSizesAndThresholdsInOneLine() {
        assertOneLine(FaceCommandsTest.run("bench", "cluster", "--size", "2000000"),
                "facenet: --size must be in [5, 1000000] (n × 128 floats, 512 MB at 1000000), got 2000000");
        assertOneLine(FaceCommandsTest.run("bench", "cluster", "--size", "12"),
                "facenet: --size 12 must be a multiple of 5 (identities × 5 faces)");
        assertOneLine(FaceCommandsTest.run("bench", "cluster", "--size", "10", "--threshold", "-1"),
                "facenet: --threshold must be in [0, 4] (squared L2 of unit vectors), got -1.0");
        assertOneLine(FaceCommandsTest.run("bench", "cluster", "--size", "10", "--algorithm", "kmeans"),
                "facenet: No clusterer 'kmeans'. Available: agglomerative, chinese-whispers, dbscan.");
        assertOneLine(FaceCommandsTest.run("bench", "cluster", "--size", "8195", "--algorithm", "agglomerative"),
                "facenet: clusterer agglomerative: 8,195 embeddings are more than its limit of 8,192 (an n(n−1)/2"
                        + " distance matrix, 134 MB at 8,192); use chinese-whispers or dbscan, which run on a k-NN graph");
    }

    @Test
    void benchClusterMeasuresEveryAlgorithmThroughTheEvaluator() {
        CliTest.Run run = FaceCommandsTest.run("bench", "cluster", "--size", "500", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, Object> document = Json.parseObject(run.out());
        List<?> results = (List<?>) document.get("results");
        assertThat(results).hasSize(3);
        for (Object result : results) {
            Map<?, ?> row = (Map<?, ?>) result;
            // 100 well separated identities at threshold 1.0: every algorithm recovers them.
            assertThat(((Number) row.get("bcubed_f1")).doubleValue()).as(row.get("algorithm").toString())
                    .isGreaterThan(0.99);
            assertThat(row.get("clusters")).isEqualTo(100L);
        }
    }

    private static void assertOneLine(CliTest.Run run, String line) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(run.err().lines()).containsExactly(line);
        assertThat(run.out()).isEmpty();
    }
}
