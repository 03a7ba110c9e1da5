package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.ExampleBundle;
import io.github.facenet4j.distribution.FaceNetHome;
import io.github.facenet4j.distribution.faces.SamplePhotos;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-running container, from the built archive: a third party's bundle dropped into
 * {@code bundles/} of a running {@code facenet serve} becomes a plugin of the service and of
 * the one-shot commands; a {@code conf/} change re-targets the pipeline (another backend, a
 * detector setting); a removed backend bundle turns requests that need it into a clear 503
 * while the service stays up, and its return brings them back.
 */
class ServeLiveIT {

    private static final Path ARCHIVE = FaceNetHome.fromSystemProperty().root().getParent()
            .resolve("facenet4j-0.1.0-SNAPSHOT.tar.gz");
    private static final Pattern LISTENING = Pattern.compile(
            "facenet serve: listening on (http://127\\.0\\.0\\.1:\\d+) \\(runtime osgi, backend onnx\\)");
    /** FileInstall polls every second; a backend compiles its networks in a few more. */
    private static final long WAIT_MS = 90_000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void aRunningServiceTakesABundleAConfigurationChangeAndABackendRemovalWithoutARestart() throws Exception {
        Path home = unpack();
        Path err = dir.resolve("serve-err.txt");
        Process serve = new ProcessBuilder(home.resolve("bin/facenet").toString(), "serve", "--port", "0")
                .redirectError(err.toFile()).start();
        try {
            String line = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            Matcher listening = LISTENING.matcher(String.valueOf(line));
            assertThat(listening.matches()).as(line + " / stderr: " + Files.readString(err)).isTrue();
            String url = listening.group(1);
            Path photo = SamplePhotos.all().get(1);
            Map<String, Object> before = embed(url, photo);

            // 1. a third-party bundle dropped in: a plugin of the running service and of one-shot commands
            assertThat(evaluators(url)).doesNotContain(ExampleBundle.NAME);
            Files.copy(ExampleBundle.location(), home.resolve("bundles/decidability.jar"));
            awaitTrue("the dropped-in evaluator in GET /plugins", () -> evaluators(url).contains(ExampleBundle.NAME));
            Path embeddings = Files.writeString(dir.resolve("e.csv"), "id,label,e0,e1\na,1,1,0\nb,1,0.8,0.6\n"
                    + "c,2,0,1\nd,2,-0.6,0.8\n");
            Result evaluated = run(home, "evaluate", ExampleBundle.NAME, "--embeddings", embeddings.toString(), "--json");
            assertThat(evaluated.exit()).as(evaluated.err()).isZero();
            assertThat(Json.parseObject(evaluated.out())).containsKey("decidability");
            for (String runtime : List.of("osgi", "plain")) {
                Result plugins = run(home, "plugins", "--runtime", runtime);
                assertThat(plugins.out()).as(runtime).containsPattern("(?m)^evaluator +" + ExampleBundle.NAME + " ");
            }

            // 2. conf/ re-targets the pipeline: another detector, a setting of it, then another backend
            Files.writeString(home.resolve("conf/facenet.pipeline.cfg"), "detector = tiny\n");
            awaitTrue("the pipeline on the tiny detector", () -> "tiny".equals(health(url).get("detector")));
            Map<String, Object> onTiny = embed(url, photo);
            assertThat(box(onTiny)).isNotEqualTo(box(before));
            Files.writeString(home.resolve("conf/facenet.detector.tiny.cfg"), "input-size = 608\n");
            // while SCR re-activates the detector the pipeline answers 503, then the rebuilt one 200
            awaitTrue("the detector at input size 608", () -> {
                HttpResponse<String> answer = post(url, photo);
                return answer.statusCode() == 200 && !box(Json.parseObject(answer.body())).equals(box(onTiny));
            });
            Files.writeString(home.resolve("conf/facenet.pipeline.cfg"), "detector = tiny\nbackend = djl\n");
            awaitTrue("the pipeline on djl", () -> "djl".equals(health(url).get("backend")));
            Map<String, Object> onDjl = embed(url, photo);
            assertThat(box(onDjl)).isEqualTo(box(embed(url, photo)));

            // 3. the backend's bundle removed: a clear 503, the service up; back when it returns
            Path djl = bundle(home, "facenet4j-backend-djl");
            Path away = Files.move(djl, dir.resolve(djl.getFileName()));
            awaitTrue("503 without the djl bundle", () -> post(url, photo).statusCode() == 503);
            HttpResponse<String> refused = post(url, photo);
            assertThat(Json.parseObject(refused.body()).get("error").toString()).contains("djl");
            assertThat(health(url)).containsEntry("status", "unavailable");
            Files.move(away, djl);
            awaitTrue("the pipeline back on djl", () -> post(url, photo).statusCode() == 200);
            assertThat(health(url)).containsEntry("status", "ok").containsEntry("backend", "djl");

            serve.destroy(); // SIGTERM: a graceful stop
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(err)).contains("facenet serve: pipeline now backend djl")
                    .contains("facenet serve: stopped (SIGTERM)");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** The archive the build packed, unpacked here, so the test's changes stay in this installation. */
    private Path unpack() throws IOException, InterruptedException {
        assertThat(ARCHIVE).as("the archive mvn package builds").exists();
        Process tar = new ProcessBuilder("tar", "xzf", ARCHIVE.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        return dir.resolve("facenet4j-0.1.0-SNAPSHOT");
    }

    private static Path bundle(Path home, String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("bundles"))) {
            return jars.filter(j -> j.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Path home, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/facenet").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @SuppressWarnings("unchecked")
    private List<String> evaluators(String url) {
        Map<String, Object> answer = Json.parseObject(get(url + "/plugins?kind=evaluator").body());
        return ((List<Map<String, Object>>) answer.get("plugins")).stream().map(p -> p.get("name").toString()).toList();
    }

    private Map<String, Object> health(String url) {
        return Json.parseObject(get(url + "/health").body());
    }

    private HttpResponse<String> get(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String url, Path photo) {
        String body = "{\"image\": \"" + Base64.getEncoder().encodeToString(ServeTest.bytes(photo)) + "\"}";
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url + "/embed")).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> embed(String url, Path photo) {
        HttpResponse<String> answer = post(url, photo);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.parseObject(answer.body());
    }

    /** The largest face's box of an /embed answer. */
    @SuppressWarnings("unchecked")
    private static Object box(Map<String, Object> embedded) {
        return ((List<Map<String, Object>>) embedded.get("faces")).get(0).get("box");
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited " + WAIT_MS + " ms for " + what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
