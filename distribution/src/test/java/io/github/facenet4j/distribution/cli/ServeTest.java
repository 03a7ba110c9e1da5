package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.distribution.runtime.GuiceRuntime;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import io.github.facenet4j.distribution.faces.SamplePhotos;
import io.github.facenet4j.distribution.serve.FaceService;
import io.github.facenet4j.distribution.serve.ServeSettings;
import io.github.facenet4j.distribution.serve.ServicePipeline;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code facenet serve} in process, on port 0, with the real default model (plain runtime):
 * answers equal the facade's, every bad request is one JSON line with a 4xx and the service
 * stays up, the API key, saturation, the OpenAPI description, and the command's refusals.
 * One service with one worker and one queue place serves every test, so that saturation is
 * reached with a few requests.
 */
class ServeTest {

    private static final String KEY = "0123456789abcdef-test-key";
    private static final String BOUNDARY = "facenet-test-boundary-7MA4YWxkTrZu0gW";

    private static FaceNet faceNet;
    private static GuiceRuntime plugins;
    private static FaceService service;
    /** With an API key and no pipeline at all: the key is checked before any pipeline is used. */
    private static FaceService keyed;
    private static HttpClient client;
    private static List<Path> photos;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        plugins = GuiceRuntime.start(PluginConfigurations.none());
        faceNet = FaceNet.builder().plugins(plugins).open();
        ServicePipeline<FaceNet> pipeline = new ServicePipeline<>("loading");
        pipeline.replace(faceNet, "test pipeline");
        service = FaceService.start(new ServeSettings("127.0.0.1", 0, 1, 1, 1, null), pipeline, plugins, "plain");
        keyed = FaceService.start(new ServeSettings("127.0.0.1", 0, 1, 0, 1, KEY),
                new ServicePipeline<>("no pipeline in this test"), plugins, "plain");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        photos = SamplePhotos.all();
    }

    @AfterAll
    static void stop() {
        service.close(); // closes the pipeline, and so faceNet
        keyed.close();
        plugins.close();
    }

    record Reply(int status, String body, HttpResponse<String> response) {
        Map<String, Object> json() {
            return Json.parseObject(body);
        }
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(FaceService to, String path) {
        return HttpRequest.newBuilder(URI.create(to.url() + path));
    }

    static Reply get(String path) {
        return send(request(service, path).GET().build());
    }

    static HttpRequest post(String path, String contentType, byte[] body) {
        return request(service, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    static HttpRequest multipart(String path, Map<String, byte[]> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((name, bytes) -> {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"; filename=\"" + name + ".jpg\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
    }

    static HttpRequest base64(String path, Map<String, byte[]> fields) {
        Map<String, Object> document = new LinkedHashMap<>();
        fields.forEach((name, bytes) -> document.put(name, Base64.getEncoder().encodeToString(bytes)));
        return post(path, "application/json", Json.write(document).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out.setRGB(x, y, image.get(x, y, 0) << 16 | image.get(x, y, 1) << 8 | image.get(x, y, 2));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** The largest |a − b| over the components of two embeddings of the same length. */
    static double maxDifference(float[] a, List<?> b) {
        assertThat(b).hasSize(a.length);
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - ((Number) b.get(k)).doubleValue()));
        }
        return max;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> faces(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return (List<Map<String, Object>>) reply.json().get("faces");
    }

    @Test
    void embedAnswersTheFacadesEmbeddingsForMultipartAndBase64() {
        Path photo = photos.get(1);
        List<Face> expected = faceNet.faces(faceNet.read(photo));
        assertThat(expected).hasSize(3);
        for (HttpRequest request : List.of(multipart("/embed?landmarks=true", Map.of("image", bytes(photo))),
                base64("/embed?landmarks=true", Map.of("image", bytes(photo))))) {
            Reply reply = send(request);
            List<Map<String, Object>> faces = faces(reply);
            assertThat(reply.json().get("model")).isEqualTo("dlib-resnet-v1");
            assertThat(faces).hasSameSizeAs(expected);
            for (int i = 0; i < faces.size(); i++) {
                assertThat(maxDifference(expected.get(i).embedding(), (List<?>) faces.get(i).get("embedding")))
                        .isLessThanOrEqualTo(1e-6);
                assertThat(Json.doubleValue(Json.objectValue(faces.get(i), "box"), "width"))
                        .isEqualTo(expected.get(i).box().width());
                assertThat((List<?>) faces.get(i).get("landmarks")).hasSize(68);
            }
        }
        // an aligned crop: the facade's own crop of the largest face, losslessly as PNG
        RgbImage crop = expected.get(0).crop();
        List<Map<String, Object>> aligned = faces(send(multipart("/embed?aligned=true", Map.of("image", png(crop)))));
        assertThat(aligned).hasSize(1);
        assertThat(aligned.get(0)).doesNotContainKey("box");
        assertThat(maxDifference(faceNet.alignedCrop(crop).embedding(), (List<?>) aligned.get(0).get("embedding")))
                .isLessThanOrEqualTo(1e-6);
    }

    @Test
    void verifyDecidesAsTheFacade() {
        // sample1 #0 and sample3 #0 look like the same woman (0.083, docs/BENCHMARKS.md); sample2 and sample5 do not
        List<Boolean> decisions = new ArrayList<>();
        for (List<Path> pair : List.of(List.of(photos.get(0), photos.get(2)), List.of(photos.get(1), photos.get(4)))) {
            FaceNet.Verification expected = faceNet.verify(pair.get(0), pair.get(1));
            Map<String, byte[]> images = new LinkedHashMap<>();
            images.put("first", bytes(pair.get(0)));
            images.put("second", bytes(pair.get(1)));
            for (HttpRequest request : List.of(multipart("/verify", images), base64("/verify", images))) {
                Reply reply = send(request);
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                Map<String, Object> json = reply.json();
                assertThat(json.get("same")).isEqualTo(expected.same());
                assertThat(Json.doubleValue(json, "threshold")).isEqualTo(expected.threshold());
                assertThat(Json.doubleValue(json, "distance")).isCloseTo(expected.distance(),
                        org.assertj.core.data.Offset.offset(1e-9));
            }
            decisions.add(expected.same());
        }
        assertThat(decisions).as("one pair the same person, one not").containsExactly(true, false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pluginsListsTheRegistryAndAnUnknownNameIsNotFound() {
        Reply all = get("/plugins");
        assertThat(all.status()).isEqualTo(200);
        List<Map<String, Object>> listed = (List<Map<String, Object>>) all.json().get("plugins");
        List<PluginInfo> registered = plugins.plugins();
        assertThat(listed).hasSize(registered.size());
        for (int i = 0; i < listed.size(); i++) {
            PluginInfo p = registered.get(i);
            assertThat(listed.get(i)).containsExactly(Map.entry("kind", p.kind().label()), Map.entry("name", p.name()),
                    Map.entry("implementation", p.implementation()), Map.entry("bundle", p.bundle()),
                    Map.entry("version", p.version()));
        }
        assertThat(all.json().get("runtime")).isEqualTo("plain");
        assertThat((List<?>) get("/plugins?kind=backend&name=onnx").json().get("plugins")).hasSize(1);
        Reply unknown = get("/plugins?kind=backend&name=nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsEntry("error", "No backend 'nope'. Available: djl, dl4j, onnx.")
                .containsEntry("status", 404L);
    }

    /** One bad request: what to send, the status, and a piece of the one-line error. */
    record Bad(String what, HttpRequest request, int status, String error) {
    }

    @Test
    void badRequestsAreOneLineJsonWithA4xxAndTheServiceStaysUp() {
        byte[] photo = bytes(photos.get(1));
        RgbImage white = new RgbImage(320, 240, filled(320 * 240 * 3, (byte) 0xff));
        List<Bad> cases = List.of(
                new Bad("not an image", multipart("/embed", Map.of("image", "hello".getBytes(StandardCharsets.UTF_8))),
                        422, "part 'image' is not a JPEG, PNG or BMP image"),
                new Bad("a 30000×30000 PNG", multipart("/embed", Map.of("image", FaceCommandsTest.hugePng())),
                        422, "part 'image': image is 30000×30000 (900 megapixels), above the limit of 67.1 megapixels"),
                new Bad("no face", base64("/embed", Map.of("image", png(white))), 422, "No face found in field 'image'"),
                new Bad("wrong content type", post("/embed", "image/jpeg", photo), 415,
                        "Content-Type 'image/jpeg' is not accepted"),
                new Bad("malformed JSON", post("/embed", "application/json", "{\"image\": ".getBytes(StandardCharsets.UTF_8)),
                        400, "malformed JSON"),
                new Bad("not base64", post("/embed", "application/json", "{\"image\": \"***\"}".getBytes(StandardCharsets.UTF_8)),
                        400, "JSON field 'image' is not base64"),
                new Bad("a part missing", multipart("/verify", Map.of("first", photo)), 400,
                        "multipart part 'second' is missing; parts sent: first"),
                new Bad("no closing boundary", post("/embed", "multipart/form-data; boundary=" + BOUNDARY,
                        ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc")
                                .getBytes(StandardCharsets.UTF_8)), 400, "without its closing boundary"),
                new Bad("a body over the limit", post("/embed", "application/json", new byte[1024 * 1024 + 1]), 413,
                        "above the limit of 1 MiB (--max-body-mb)"),
                new Bad("an unknown path", request(service, "/identify").GET().build(), 404, "no endpoint /identify"),
                new Bad("a wrong method", request(service, "/embed").GET().build(), 405, "GET /embed is not served"),
                new Bad("an unknown plugin", request(service, "/plugins?kind=backend&name=tensorflow").GET().build(),
                        404, "No backend 'tensorflow'. Available: djl, dl4j, onnx."),
                new Bad("an unknown plugin kind", request(service, "/plugins?kind=colouriser").GET().build(), 400,
                        "No plugin kind 'colouriser' is installed. Installed: " + String.join(", ",
                                plugins.plugins().stream().map(p -> p.kind().label()).distinct().sorted().toList())
                                + "."),
                new Bad("a misspelt parameter", multipart("/embed?algined=true", Map.of("image", photo)), 400,
                        "unknown query parameter 'algined'"));
        for (Bad bad : cases) {
            Reply reply = send(bad.request());
            assertThat(reply.status()).as(bad.what() + ": " + reply.body()).isEqualTo(bad.status());
            assertThat(reply.response().headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(reply.body().lines()).as(bad.what()).hasSize(1);
            assertThat(reply.json()).as(bad.what()).containsOnlyKeys("error", "status").containsEntry("status",
                    (long) bad.status());
            assertThat((String) reply.json().get("error")).as(bad.what()).contains(bad.error());
            assertThat(get("/health").status()).as("up after " + bad.what()).isEqualTo(200);
        }
        assertThat(send(request(service, "/embed").GET().build()).response().headers().firstValue("Allow"))
                .hasValue("POST");
    }

    private static byte[] filled(int n, byte value) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    @Test
    void everyRequestButHealthNeedsTheApiKey() {
        byte[] photo = bytes(photos.get(1));
        HttpRequest.Builder embed = request(keyed, "/embed").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"image\": \"" + Base64.getEncoder().encodeToString(photo)
                        + "\"}"));
        Reply missing = send(embed.copy().build());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json()).containsEntry("status", 401L);
        assertThat((String) missing.json().get("error")).startsWith("missing or wrong API key");
        assertThat(missing.response().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(send(embed.copy().header("X-API-Key", KEY + "x").build()).status()).isEqualTo(401);
        assertThat(send(request(keyed, "/metrics").header("Authorization", "Bearer " + KEY.substring(1)).build())
                .status()).isEqualTo(401);
        assertThat(send(request(keyed, "/nope").build()).status()).as("paths are not revealed without the key")
                .isEqualTo(401);
        // with the key the request gets through to the pipeline, which this service lacks
        Reply through = send(embed.copy().header("X-API-Key", KEY).build());
        assertThat(through.status()).isEqualTo(503);
        assertThat(through.json()).containsEntry("error", "no pipeline in this test");
        assertThat(send(request(keyed, "/metrics").header("Authorization", "Bearer " + KEY).build()).status())
                .isEqualTo(200);
        Reply health = send(request(keyed, "/health").build());
        assertThat(health.status()).as("health needs no key; it says there is no pipeline").isEqualTo(503);
        assertThat(health.json()).containsEntry("error", "no pipeline in this test");
    }

    @Test
    void saturationIsAnswered503WithRetryAfterAndNothingElseFails() {
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put("first", bytes(photos.get(5)));
        images.put("second", bytes(photos.get(3)));
        long rejectedBefore = service.rejected();
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(client.sendAsync(multipart("/verify", images), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answered = replies.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> busy = answered.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(answered).as("every answer is 200 or 503").allSatisfy(r ->
                assertThat(r.statusCode()).as(r.body()).isIn(200, 503));
        assertThat(busy).as("one worker and one queue place cannot take 8 requests at once").isNotEmpty();
        assertThat(busy).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat((String) Json.parseObject(r.body()).get("error")).startsWith("busy: all 1 workers and 1 queue");
        });
        assertThat(answered.size() - busy.size()).as("the admitted ones are answered").isGreaterThanOrEqualTo(1);
        assertThat(service.rejected() - rejectedBefore).isEqualTo(busy.size());
        assertThat(get("/health").status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void openApiDescribesExactlyTheServedPathsAndMetricsCountThem() {
        Reply openApi = get("/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("openapi")).isEqualTo("3.0.3");
        assertThat(Json.objectValue(openApi.json(), "paths").keySet()).containsExactlyInAnyOrderElementsOf(
                FaceService.PATHS);
        for (String path : FaceService.PATHS) {
            Map<String, Object> operations = Json.objectValue(Json.objectValue(openApi.json(), "paths"), path);
            String method = path.equals("/embed") || path.equals("/verify") ? "post" : "get";
            assertThat(operations).as(path).containsOnlyKeys(method);
            // the method the description names is the one served: the other is 405
            String other = method.equals("post") ? "GET" : "POST";
            assertThat(send(request(service, path).method(other, HttpRequest.BodyPublishers.noBody()).build())
                    .status()).as(other + " " + path).isEqualTo(405);
        }
        get("/health");
        Map<String, Object> metrics = get("/metrics").json();
        Map<String, Object> health = Json.objectValue(Json.objectValue(metrics, "requests"), "/health");
        assertThat(Json.longValue(health, "200")).isPositive();
        Map<String, Object> latency = Json.objectValue(Json.objectValue(metrics, "latency"), "/health");
        assertThat(Json.doubleValue(latency, "p50_ms")).isLessThanOrEqualTo(Json.doubleValue(latency, "p99_ms"));
        assertThat(Json.longValue(Json.objectValue(metrics, "heap"), "used_bytes")).isPositive();
        assertThat(metrics).containsKeys("in_flight", "rejected", "workers", "queue");
    }

    @Test
    void theCommandRefusesAnExposedAddressWithoutAKeyInOneLine() throws IOException {
        CliTest.Run exposed = CliTest.run("serve", "--bind", "0.0.0.0", "--runtime", "plain");
        assertThat(exposed.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(exposed.err().lines()).hasSize(1).first().asString()
                .startsWith("facenet: --bind 0.0.0.0 is not a loopback address").contains("--api-key-file");
        assertThat(exposed.out()).isEmpty();

        CliTest.Run port = CliTest.run("serve", "--port", "70000", "--runtime", "plain");
        assertThat(port.err().lines()).containsExactly("facenet: --port must be in [0, 65535], got 70000");
        assertThat(port.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);

        Path shortKey = Files.writeString(dir.resolve("key"), "short\n");
        CliTest.Run key = CliTest.run("serve", "--bind", "0.0.0.0", "--api-key-file", shortKey.toString(),
                "--runtime", "plain");
        assertThat(key.exitCode()).isEqualTo(FaceNetCli.USER_ERROR);
        assertThat(key.err().lines()).hasSize(1).first().asString()
                .startsWith("facenet: --api-key-file: the key has 5 characters, fewer than 16");
    }
}
