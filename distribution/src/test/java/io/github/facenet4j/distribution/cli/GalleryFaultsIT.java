package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.FaceNetHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facenet enroll --embeddings} killed with SIGKILL at seeded random points, round
 * after round into the same gallery: each time the gallery opens cleanly and holds every
 * enrolment acknowledged before the kill (each row up to the last {@code committed N} line
 * the process printed) and everything it held before; a last run completes.
 */
class GalleryFaultsIT {

    private static final Path LAUNCHER = FaceNetHome.fromSystemProperty().root().resolve("bin/facenet");
    /** Kills per test run: 4 keep the build short; {@code -Dfacenet.faults.rounds=N} runs more. */
    private static final int ROUNDS = Integer.getInteger("facenet.faults.rounds", 4);
    private static final int ROWS = 6000;

    @TempDir
    Path dir;

    @Test
    void aKilledEnrolmentLosesNoAcknowledgedEntryAndTheGalleryOpensCleanly() throws Exception {
        Random random = new Random(20261203);
        Path gallery = dir.resolve("gallery");
        Set<String> held = new HashSet<>();
        for (int round = 0; round <= ROUNDS; round++) {
            boolean last = round == ROUNDS;
            Path csv = csv(round, random);
            Path out = dir.resolve("out-" + round + ".txt");
            Path err = dir.resolve("err-" + round + ".txt");
            Process p = new ProcessBuilder(LAUNCHER.toString(), "enroll", "--gallery", gallery.toString(),
                    "--embeddings", csv.toString(), "--commit-every", "200")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (last) {
                assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            } else {
                awaitFirstCommit(p, out, err);
                Thread.sleep(random.nextInt(2500));
                p.destroyForcibly();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            long acknowledged = lastCommitted(out);
            CliTest.Run stats = FaceCommandsTest.run("gallery", "stats", "--gallery", gallery.toString(), "--json");
            assertThat(stats.exitCode()).as("round %d: the gallery opens: %s", round, stats.err()).isZero();
            long entries = (Long) Json.parseObject(stats.out()).get("entries");
            Set<String> ids = ids(gallery);
            assertThat(ids).as("round %d: everything held before", round).containsAll(held);
            long fromThisRound = acknowledged - held.size();
            for (int i = 0; i < fromThisRound; i++) {
                assertThat(ids).as("round %d: acknowledged row %d", round, i).contains("r" + round + "-" + i);
            }
            assertThat(entries).isEqualTo(ids.size()).isGreaterThanOrEqualTo(acknowledged);
            System.out.printf("gallery round %d: %s after 'committed %d'; the gallery holds %d%n", round,
                    last ? "completed" : "SIGKILL", acknowledged, entries);
            if (last) {
                assertThat(entries).isEqualTo(held.size() + ROWS);
            }
            held = ids;
        }
    }

    /** The launcher's default runtime (OSGi) lists the store, enrols and identifies, as the plain one does. */
    @Test
    void theOsgiRuntimeListsTheStoreEnrolsAndIdentifies() throws Exception {
        Random random = new Random(5);
        Path csv = csv(0, random);
        Path gallery = dir.resolve("osgi-gallery");
        for (String runtime : List.of("osgi", "plain")) {
            Path out = dir.resolve("plugins-" + runtime + ".txt");
            assertThat(launch(out, "plugins", "--runtime", runtime)).isZero();
            assertThat(Files.readAllLines(out)).anyMatch(l -> l.matches("gallery-store\\s+lucene\\s+facenet4j-gallery\\s.*"));
        }
        Path out = dir.resolve("enroll.txt");
        assertThat(launch(out, "enroll", "--gallery", gallery.toString(), "--embeddings", csv.toString())).isZero();
        assertThat(Files.readAllLines(out)).last().isEqualTo("committed " + ROWS);
        Path answers = dir.resolve("identify.txt");
        assertThat(launch(answers, "identify", "--gallery", gallery.toString(), "--embeddings", csv.toString(),
                "--top", "1", "--json")).isZero();
        List<?> results = (List<?>) Json.parseObject(Files.readString(answers)).get("results");
        assertThat(results).hasSize(ROWS);
        assertThat(((Map<?, ?>) results.get(7)).get("identity")).isEqualTo("r0-p1");
    }

    private int launch(Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path err = dir.resolve("launch-err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + Files.readString(err)).isZero();
        return p.exitValue();
    }

    /** Round {@code round}'s rows: ids r{round}-{i}, 128-d random unit vectors, 5 rows per label. */
    private Path csv(int round, Random random) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(GalleryCommandsTest.unit(random, 128));
            labels.add("r" + round + "-p" + i / 5);
        }
        return GalleryCommandsTest.csv(dir.resolve("round-" + round + ".csv"), "r" + round + "-", rows, labels);
    }

    private static void awaitFirstCommit(Process p, Path out, Path err) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (lastCommitted(out) > 0) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("enroll ended before its first commit: " + Files.readString(err));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no commit within 120 s: " + Files.readString(err));
    }

    /** N of the last complete {@code committed N} line (0 if none); a line cut short by the kill does not count. */
    private static long lastCommitted(Path out) throws IOException {
        String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        long n = 0;
        int end = text.lastIndexOf('\n');
        for (String line : text.substring(0, Math.max(0, end)).split("\n")) {
            if (line.startsWith("committed ")) {
                n = Long.parseLong(line.substring("committed ".length()).trim());
            }
        }
        return n;
    }

    private static Set<String> ids(Path gallery) {
        CliTest.Run list = FaceCommandsTest.run("gallery", "list", "--gallery", gallery.toString(), "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        Set<String> ids = new HashSet<>();
        for (Object e : (List<?>) Json.parseObject(list.out()).get("entries")) {
            ids.add((String) ((Map<?, ?>) e).get("id"));
        }
        return ids;
    }
}
