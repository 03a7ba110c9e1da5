package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.distribution.serve.PipelineChoice;
import io.github.facenet4j.distribution.serve.FaceService;
import io.github.facenet4j.distribution.serve.Metrics;
import io.github.facenet4j.distribution.serve.ServeSettings;
import io.github.facenet4j.models.FaceApiPack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facenet bench serve}: a bounded load on {@link FaceService} in this process, on
 * loopback, with the face-api sample photos: for each concurrency, {@code /embed} and
 * {@code /verify} for {@code --seconds} each, and the same embedding work done by the facade
 * directly (what {@code facenet embed} does) for comparison. The client and the service
 * share the machine's cores, as a sidecar would.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Load 'facenet serve' in process on loopback (/embed, /verify on the sample photos) at each"
                + " concurrency: requests/s, faces/s, p50/p99, failures, 503s; against the facade called directly.")
public final class ServeBenchCommand extends FaceCommand {

    private static final OptionRange SECONDS = OptionRange.between("--seconds", 1, 3600,
            "per endpoint and concurrency level");
    private static final OptionRange CONCURRENCY = OptionRange.between("--concurrency", 1, 256,
            "one client thread each");
    /** After a 503 a client waits this long, not the 1 s Retry-After, to keep the queue under pressure. */
    private static final long BACKOFF_MS = 100;

    @Option(names = "--seconds", defaultValue = "60",
            description = "Seconds of load per endpoint and concurrency level (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--concurrency", split = ",", paramLabel = "N[,N…]",
            description = "Concurrent clients, comma-separated (default: 1,2,4 and workers + queue + 2, above the"
                    + " pool's limit).")
    List<Integer> concurrency;

    @Option(names = "--workers", paramLabel = "N", description = "Service workers (default: the number of processors).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N", description = "Service queue places (default: twice the workers).")
    Integer queue;

    /** One measured run. */
    record Row(String what, int concurrency, double seconds, long ok, long faces, long failed, long busy,
               double p50Ms, double p99Ms) {

        double requestsPerSecond() {
            return ok / seconds;
        }

        double facesPerSecond() {
            return faces / seconds;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", what);
            m.put("concurrency", concurrency);
            m.put("seconds", seconds);
            m.put("ok", ok);
            m.put("requests_per_s", requestsPerSecond());
            m.put("faces_per_s", facesPerSecond());
            m.put("p50_ms", p50Ms);
            m.put("p99_ms", p99Ms);
            m.put("failed", failed);
            m.put("busy_503", busy);
            return m;
        }
    }

    /** What one call did: 200 with so many faces, 503, or another failure (-1 faces). */
    private record Outcome(int status, int faces) {
    }

    @Override
    public Integer call() {
        SECONDS.check(seconds);
        ServeSettings defaults = ServeSettings.defaults();
        int w = workers != null ? workers : defaults.workers();
        ServeSettings settings = new ServeSettings(ServeSettings.LOOPBACK, 0, w, queue != null ? queue : 2 * w,
                ServeSettings.DEFAULT_MAX_BODY_MB, null);
        List<Integer> levels = concurrency != null ? concurrency
                : List.of(1, 2, 4, settings.workers() + settings.queue() + 2);
        levels.forEach(CONCURRENCY::check);
        Path pack = modelOptions.faceApiPack(FaceApiPack.SAMPLE_PHOTOS);
        List<byte[]> photos = FaceApiPack.SAMPLE_PHOTOS.stream().map(p -> read(pack.resolve(p))).toList();

        PipelineChoice choice = pipelineChoice();
        PluginRuntime plugins = startRuntime();
        FaceNet faceNet;
        FaceService service;
        try {
            faceNet = faceNetBuilder(plugins, choice).open();
            // the service owns the facade from here on; the direct runs use it too, as the tests do
            service = ServeCommand.serve(settings, faceNet, choice, plugins, err(), false);
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
        String model = faceNet.card().id();
        String backend = faceNet.plugins().backend();
        String runtime = plugins.kind().name().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        long heapStart;
        long heapEnd;
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<HttpRequest> embeds = new ArrayList<>();
            List<HttpRequest> verifies = new ArrayList<>();
            for (int i = 0; i < photos.size(); i++) {
                embeds.add(multipart(service, "/embed", Map.of("image", photos.get(i))));
                Map<String, byte[]> pair = new LinkedHashMap<>();
                pair.put("first", photos.get(i));
                pair.put("second", photos.get((i + 1) % photos.size()));
                verifies.add(multipart(service, "/verify", pair));
            }
            for (int i = 0; i < photos.size(); i++) {
                call(client, embeds.get(i)); // warm-up: first runs plan and allocate, threads start
            }
            heapStart = heapAfterGc();
            // each level's three runs back to back, so that a burst of load from elsewhere on a
            // shared machine falls on the facade and the service alike rather than on one of them
            for (int c : levels) {
                rows.add(load("facade embed", c, i -> {
                    byte[] photo = photos.get(i % photos.size());
                    return new Outcome(200, faceNet.faces(faceNet.read(photo, "sample photo")).size());
                }));
                rows.add(load("POST /embed", c, i -> call(client, embeds.get(i % embeds.size()))));
                rows.add(load("POST /verify", c, i -> call(client, verifies.get(i % verifies.size()))));
            }
            heapEnd = heapAfterGc();
        } finally {
            service.close();
            plugins.close();
        }
        print(settings, model, backend, runtime, heapStart, heapEnd, rows);
        return 0;
    }

    /** {@code concurrency} threads calling {@code work} with increasing indices for {@link #seconds}. */
    private Row load(String what, int concurrency, IntFunction<Outcome> work) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        long[] ok = new long[concurrency];
        long[] faces = new long[concurrency];
        long[] failed = new long[concurrency];
        long[] busy = new long[concurrency];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            int me = t;
            long[][] mine = {new long[1024]};
            int[] count = {0};
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long begin = System.nanoTime();
                    Outcome outcome;
                    try {
                        outcome = work.apply((int) (next.getAndIncrement() % Integer.MAX_VALUE));
                    } catch (RuntimeException e) {
                        outcome = new Outcome(-1, -1);
                    }
                    long took = System.nanoTime() - begin;
                    if (outcome.status() == 200) {
                        ok[me]++;
                        faces[me] += outcome.faces();
                        if (count[0] == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], 2 * count[0]);
                        }
                        mine[0][count[0]++] = took;
                    } else if (outcome.status() == 503) {
                        busy[me]++;
                        sleep(BACKOFF_MS);
                    } else {
                        failed[me]++;
                    }
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], count[0]));
                }
            }, "bench-client-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConfigurationException("bench serve interrupted");
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Row(what, concurrency, elapsed, Arrays.stream(ok).sum(), Arrays.stream(faces).sum(),
                Arrays.stream(failed).sum(), Arrays.stream(busy).sum(), Metrics.percentileMs(all, 0.50),
                Metrics.percentileMs(all, 0.99));
    }

    private static Outcome call(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Outcome(response.statusCode(), -1);
            }
            String body = response.body();
            int faces = body.startsWith("{\"distance\"") ? 2 : count(body, "\"embedding\"");
            return new Outcome(200, faces);
        } catch (IOException e) {
            return new Outcome(-1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, -1);
        }
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
            n++;
        }
        return n;
    }

    private static HttpRequest multipart(FaceService service, String path, Map<String, byte[]> parts) {
        String boundary = "facenet-bench-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach((name, bytes) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"; filename=\"" + name + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(ServeSettings settings, String model, String backend, String runtime, long heapStart,
                       long heapEnd, List<Row> rows) {
        PrintWriter out = out();
        long heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("model", model);
            document.put("backend", backend);
            document.put("runtime", runtime);
            document.put("workers", settings.workers());
            document.put("queue", settings.queue());
            document.put("seconds", seconds);
            document.put("processors", Runtime.getRuntime().availableProcessors());
            document.put("heap_start_bytes", heapStart);
            document.put("heap_end_bytes", heapEnd);
            document.put("heap_max_bytes", heapMax);
            document.put("results", rows.stream().map(Row::json).toList());
            out.println(Json.writePretty(document));
        } else {
            out.printf(Locale.ROOT, "model %s, backend %s, runtime %s; service: %d workers, %d queue places; %d s per"
                            + " row; %d processors%n", model, backend, runtime, settings.workers(), settings.queue(),
                    seconds, Runtime.getRuntime().availableProcessors());
            Table table = new Table("WHAT", "CLIENTS", "REQUESTS/S", "FACES/S", "P50 ms", "P99 ms", "FAILED", "503");
            for (Row row : rows) {
                table.row(row.what(), row.concurrency(), String.format(Locale.ROOT, "%.2f", row.requestsPerSecond()),
                        String.format(Locale.ROOT, "%.1f", row.facesPerSecond()),
                        String.format(Locale.ROOT, "%.0f", row.p50Ms()), String.format(Locale.ROOT, "%.0f", row.p99Ms()),
                        row.failed(), row.busy());
            }
            out.print(table.render());
            out.printf(Locale.ROOT, "heap after GC: %.0f MiB with the service started, %.0f MiB after the load (max %.0f"
                    + " MiB)%n", heapStart / 1048576.0, heapEnd / 1048576.0, heapMax / 1048576.0);
        }
        out.flush();
    }
}
