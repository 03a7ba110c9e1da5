package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.FaceNetHome;
import io.github.facenet4j.distribution.faces.SamplePhotos;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/facenet serve} as a user starts it, on the default OSGi runtime: the one line
 * that says where it listens, answers, and SIGTERM (the launcher's pid is java's) with a
 * request in flight: the request is answered, then the process ends.
 */
class ServeIT {

    private static final Path LAUNCHER = FaceNetHome.fromSystemProperty().root().resolve("bin/facenet");
    private static final Pattern LISTENING = Pattern.compile(
            "facenet serve: listening on (http://127\\.0\\.0\\.1:\\d+) \\(runtime osgi, backend onnx\\)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theLauncherServesOverOsgiAndAnswersTheRequestInFlightWhenTerminated() throws Exception {
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(LAUNCHER.toString(), "serve", "--port", "0", "--workers", "1", "--queue",
                "1").redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher listening = LISTENING.matcher(String.valueOf(line));
            assertThat(listening.matches()).as(line + " / stderr: " + Files.readString(err)).isTrue();
            String url = listening.group(1);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Json.parseObject(health.body())).containsEntry("runtime", "osgi").containsEntry("backend", "onnx");
            HttpResponse<String> plugins = client.send(HttpRequest.newBuilder(URI.create(url + "/plugins")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat((List<?>) Json.parseObject(plugins.body()).get("plugins")).isNotEmpty();

            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(verify(url),
                    HttpResponse.BodyHandlers.ofString());
            boolean seen = false;
            while (!seen && !inFlight.isDone()) {
                HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                seen = Json.longValue(Json.parseObject(metrics.body()), "in_flight") == 1;
            }
            assertThat(seen).as("the verify request was seen in flight").isTrue();
            process.destroy(); // SIGTERM
            HttpResponse<String> answered = inFlight.get(60, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(Json.parseObject(answered.body())).containsKeys("distance", "same");
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the service ends").isTrue();
            assertThat(process.exitValue()).as("stopped on request: exit 0").isZero();
            assertThat(Files.readString(err)).isEqualTo(
                    "facenet serve: stopped (SIGTERM): requests in flight were answered\n");
        } finally {
            process.destroyForcibly();
        }
    }

    private static HttpRequest verify(String url) {
        String boundary = "facenet-it-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Path> photos = SamplePhotos.all();
        for (String part : List.of("first", "second")) {
            Path photo = part.equals("first") ? photos.get(5) : photos.get(3);
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(ServeTest.bytes(photo));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url + "/verify"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }
}
