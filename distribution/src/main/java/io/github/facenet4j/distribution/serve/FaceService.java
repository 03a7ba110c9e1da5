package io.github.facenet4j.distribution.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.UnknownPluginException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.models.ModelCard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code facenet serve}: the face pipeline over HTTP, JSON in and out ({@code POST /embed},
 * {@code POST /verify}, {@code GET /plugins}, {@code /health}, {@code /metrics},
 * {@code /openapi.json}; docs/SERVE.md).
 *
 * <p><b>Why the JDK's own {@link HttpServer}</b> (module {@code jdk.httpserver}) rather than
 * Jetty, Javalin or the OSGi HTTP whiteboard: the service runs the same in the OSGi and the
 * plain runtime, because it lives in the launcher beside either and not in a bundle; there
 * are no Jetty or servlet bundles to keep in step with Felix and with each other; and the
 * server does no work of its own beyond HTTP framing, so how many requests are computed and
 * how many wait is decided here, not by a container's thread pool.
 *
 * <p><b>Threads and backpressure.</b> A few accept threads read each request's line and
 * headers, check the API key, the path and the method, and answer the cheap endpoints
 * themselves. A request for {@code /embed} or {@code /verify} must then take one of
 * workers + queue permits without waiting; if none is left it is answered 503 with
 * {@code Retry-After} at once, from the accepting thread (the place that still holds the
 * exchange, which an executor's rejection handler would not). With a permit it goes to the
 * fixed pool of {@code workers} threads, whose queue can never hold more than the permits
 * handed out, so nothing is queued without bound: memory is at most workers + queue request
 * bodies of at most {@code --max-body-mb} each. When the accept threads are all busy and
 * their small queue is full, the dispatcher runs the next exchange itself, which stops it
 * accepting connections: then the kernel's listen backlog fills and clients wait for a
 * connection instead.
 *
 * <p><b>Shutdown</b> ({@link #close()}, which {@code facenet serve} calls on SIGTERM or
 * Ctrl-C before the JVM shuts down): new requests are answered 503 "shutting down" with
 * {@code Connection: close}, those in flight finish (at most {@link #GRACE_SECONDS} s), then
 * the listener closes and the pipeline is closed. The listener stays open while requests
 * drain because JDK 17's {@link HttpServer#stop(int)} cannot stop accepting without also
 * closing every connection, or waiting out its whole delay when nothing is in flight.
 */
public final class FaceService implements AutoCloseable {

    /** Every path the service answers; docs/SERVE.md and openapi.json describe each. */
    public static final List<String> PATHS = List.of("/embed", "/verify", "/plugins", "/health", "/metrics",
            "/openapi.json");

    /** The longest a shutdown waits for requests in flight. */
    public static final int GRACE_SECONDS = 30;

    /** Seconds a client is told to wait after a 503 for saturation. */
    static final String RETRY_AFTER = "1";

    /** Threads that read request headers and answer the cheap endpoints; their queue of waiting exchanges. */
    private static final int ACCEPT_THREADS = 4;
    private static final int ACCEPT_QUEUE = 64;

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private static final Set<String> MEDIA_TYPES = Set.of("multipart/form-data", "application/json");

    /** What a handler answers: a status and a JSON value (or text already JSON). */
    private record Answer(int status, Object json) {
    }

    @FunctionalInterface
    private interface Handler {
        Answer answer(HttpExchange exchange) throws IOException;
    }

    /** An endpoint: its method, whether it computes (needs a worker permit), its handler. */
    private record Route(String method, boolean compute, List<String> parameters, Handler handler) {
    }

    /** One image of a request, and how to name it in errors ("part 'image'", "field 'first'"). */
    private record Upload(String name, byte[] bytes) {
    }

    private final ServeSettings settings;
    private final ServicePipeline<FaceNet> pipeline;
    private final PluginRegistry registry;
    private final String runtime;
    private final HttpServer server;
    private final ThreadPoolExecutor acceptors;
    private final ThreadPoolExecutor workers;
    private final Semaphore permits;
    private final Metrics metrics = new Metrics();
    private final long startedNanos = System.nanoTime();
    private final byte[] keyDigest;
    private final String openApi;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    /** Admitted compute requests not yet answered; shutdown waits for none. Guarded by itself. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;

    private FaceService(ServeSettings settings, ServicePipeline<FaceNet> pipeline, PluginRegistry registry,
                        String runtime, HttpServer server) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.registry = registry;
        this.runtime = runtime;
        this.server = server;
        this.keyDigest = settings.apiKey() == null ? null : sha256(settings.apiKey());
        this.openApi = openApiDocument();
        this.permits = new Semaphore(settings.workers() + settings.queue());
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.workers() + settings.queue()), threads("facenet-serve-worker"),
                new ThreadPoolExecutor.AbortPolicy());
        this.acceptors = new ThreadPoolExecutor(ACCEPT_THREADS, ACCEPT_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(ACCEPT_QUEUE), threads("facenet-serve-accept"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        routes.put("/embed", new Route("POST", true, List.of("aligned", "landmarks"), this::embed));
        routes.put("/verify", new Route("POST", true, List.of("aligned"), this::verify));
        routes.put("/plugins", new Route("GET", false, List.of("kind", "name"), this::plugins));
        routes.put("/health", new Route("GET", false, List.of(), this::health));
        routes.put("/metrics", new Route("GET", false, List.of(), e -> new Answer(200, metrics.snapshot(uptimeMs(),
                inFlight.get(), settings.workers(), settings.queue()))));
        routes.put("/openapi.json", new Route("GET", false, List.of(), e -> new Answer(200, openApi)));
        if (!routes.keySet().equals(Set.copyOf(PATHS))) {
            throw new IllegalStateException("routes " + routes.keySet() + " differ from PATHS " + PATHS);
        }
        server.createContext("/", this::handle);
        server.setExecutor(acceptors);
    }

    /**
     * Starts listening; requests are computed with {@code pipeline}'s current facade. The
     * service owns the pipeline from here on: {@link #close()} closes it. {@code registry}
     * (which the caller keeps and closes after the service) answers {@code /plugins} whether
     * or not a pipeline is there; {@code runtime} names it ({@code osgi}, {@code plain}).
     */
    public static FaceService start(ServeSettings settings, ServicePipeline<FaceNet> pipeline, PluginRegistry registry,
                                    String runtime) {
        // The server writes an answer's headers and body apart; with Nagle's algorithm on, the
        // body waits for the client's delayed ACK of the headers (40 ms on Linux). Read once,
        // when the JDK's server configuration loads: set before the first server of the JVM.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(settings.socketAddress(), 0);
        } catch (BindException e) {
            throw new ConfigurationException("--bind " + settings.bind() + " --port " + settings.port() + ": cannot"
                    + " listen there (" + e.getMessage() + "); choose another port, or --port 0 for any free one");
        } catch (IOException e) {
            throw new ConfigurationException("--bind " + settings.bind() + " --port " + settings.port()
                    + ": cannot listen there (" + e.getMessage() + ")");
        }
        FaceService service = new FaceService(settings, pipeline, Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(runtime, "runtime"), server);
        server.start();
        return service;
    }

    /** The holder of the pipeline requests use, for live reconfiguration to swap it. */
    public ServicePipeline<FaceNet> pipeline() {
        return pipeline;
    }

    /** The port listened on: {@link ServeSettings#port()}, or the one taken for port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://ADDRESS:PORT}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return "http://" + (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port();
    }

    /** Requests refused so far because every worker and queue place was taken. */
    public long rejected() {
        return metrics.rejectedCount();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops taking work (503 "shutting down"), lets requests in flight finish for at most
     * {@link #GRACE_SECONDS} s, closes the listener and the pipeline. Idempotent; a second
     * caller waits for the first to finish.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            closing = true;
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
            synchronized (inFlight) {
                while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                    inFlight.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop(0);
            workers.shutdownNow();
            acceptors.shutdownNow();
            pipeline.close();
            closed.countDown();
        }
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        Route route = routes.get(path);
        String endpoint = route == null ? "other" : path;
        try {
            if (closing) {
                throw new HttpError(503, "the service is shutting down").header("Connection", "close");
            }
            boolean open = "/health".equals(path) && "GET".equals(exchange.getRequestMethod());
            if (keyDigest != null && !open && !authorised(exchange)) {
                throw new HttpError(401, "missing or wrong API key: send the header 'Authorization: Bearer KEY' or"
                        + " 'X-API-Key: KEY'").header("WWW-Authenticate", "Bearer");
            }
            if (route == null) {
                throw new HttpError(404, "no endpoint " + path + "; the service has " + String.join(", ", PATHS));
            }
            if (!route.method().equals(exchange.getRequestMethod())) {
                throw new HttpError(405, exchange.getRequestMethod() + " " + path + " is not served; use "
                        + route.method()).header("Allow", route.method());
            }
            checkParameters(exchange, route);
            if (!route.compute()) {
                answer(exchange, endpoint, start, route);
                return;
            }
            admit(exchange, endpoint, start, route);
        } catch (RuntimeException e) {
            fail(exchange, endpoint, start, e);
        }
    }

    /** Hands a compute request to a worker, or answers 503 now when every permit is taken. */
    private void admit(HttpExchange exchange, String endpoint, long start, Route route) {
        if (!permits.tryAcquire()) {
            metrics.rejected();
            throw new HttpError(503, "busy: all " + settings.workers() + " workers and " + settings.queue()
                    + " queue places are taken; retry after " + RETRY_AFTER + " s").header("Retry-After", RETRY_AFTER);
        }
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> {
                try {
                    Answer answer;
                    try {
                        answer = route.handler().answer(exchange);
                    } finally {
                        // before the answer is written: a client that has it may send the next request at once
                        permits.release();
                    }
                    send(exchange, endpoint, start, answer.status(), answer.json(), Map.of());
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    fail(exchange, endpoint, start, e);
                } finally {
                    finished();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            finished();
            throw new HttpError(503, "the service is shutting down").header("Connection", "close");
        }
    }

    private void finished() {
        synchronized (inFlight) {
            if (inFlight.decrementAndGet() == 0) {
                inFlight.notifyAll();
            }
        }
    }

    private void answer(HttpExchange exchange, String endpoint, long start, Route route) {
        try {
            Answer answer = route.handler().answer(exchange);
            send(exchange, endpoint, start, answer.status(), answer.json(), Map.of());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            fail(exchange, endpoint, start, e);
        }
    }

    /** Answers {@code {"error": …, "status": N}} for any failure: the service stays up. */
    private void fail(HttpExchange exchange, String endpoint, long start, Throwable e) {
        int status;
        Map<String, String> headers = Map.of();
        String message = e.getMessage();
        if (e instanceof HttpError error) {
            status = error.status();
            headers = error.headers();
        } else if (e instanceof ServicePipeline.UnavailableException) {
            status = 503;
            headers = Map.of("Retry-After", RETRY_AFTER);
        } else if (e instanceof UnknownPluginException) {
            status = 404;
        } else if (e instanceof BadInputException) {
            status = 422; // well-formed request, but an image the pipeline cannot use
        } else if (e instanceof ConfigurationException) {
            status = 400;
        } else if (e instanceof OutOfMemoryError) {
            status = 503;
            message = "not enough memory for this request now; retry later or send a smaller image";
            headers = Map.of("Retry-After", RETRY_AFTER);
        } else if (e instanceof IOException) {
            status = 400;
            message = "could not read the request: " + e.getMessage();
        } else {
            status = 500;
            message = "internal error: " + e + (e instanceof FaceNetException ? "" : " (see the service's log)");
            if (!(e instanceof FaceNetException)) {
                e.printStackTrace();
            }
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", oneLine(message));
        error.put("status", status);
        send(exchange, endpoint, start, status, error, headers);
    }

    /** Writes the answer; a client that has gone away is not an error of the service. */
    private void send(HttpExchange exchange, String endpoint, long start, int status, Object json,
                      Map<String, String> headers) {
        boolean counted = false;
        try {
            // an answer before the body was read (401, 404, 503, …): read it first, up to the body
            // limit, so that the client is not cut off while it still sends
            drain(exchange.getRequestBody(), settings.maxBodyBytes());
            byte[] body = (json instanceof String text ? text : Json.write(json)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            // counted before the answer leaves: a client that has its answer and then asks
            // /metrics must find it counted (recorded after close, it raced the next request)
            metrics.record(endpoint, status, System.nanoTime() - start);
            counted = true;
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the connection broke: nothing to answer to
        } finally {
            exchange.close();
            if (!counted) {
                metrics.record(endpoint, status, System.nanoTime() - start);
            }
        }
    }

    // ---------------------------------------------------------------- endpoints

    private Answer embed(HttpExchange exchange) throws IOException {
        boolean aligned = flag(exchange, "aligned");
        boolean withLandmarks = flag(exchange, "landmarks");
        Upload upload = uploads(exchange, List.of("image")).get(0);
        try (ServicePipeline.Use<FaceNet> use = pipeline.use()) {
            FaceNet faceNet = use.faceNet();
            RgbImage image = faceNet.read(upload.bytes(), upload.name());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("model", faceNet.card().id());
            List<Face> faces;
            if (aligned) {
                ModelCard.Input input = faceNet.card().input();
                if (image.width() != input.width() || image.height() != input.height()) {
                    document.put("warning", upload.name() + " is " + image.width() + "×" + image.height()
                            + ", not the model's " + input.width() + "×" + input.height() + " input: aligned=true"
                            + " resizes it whole");
                }
                faces = List.of(faceNet.alignedCrop(image));
            } else {
                faces = faceNet.faces(image);
                if (faces.isEmpty()) {
                    throw noFace(upload.name());
                }
            }
            document.put("faces", faces.stream().map(f -> face(f, withLandmarks)).toList());
            return new Answer(200, document);
        }
    }

    private Answer verify(HttpExchange exchange) throws IOException {
        boolean aligned = flag(exchange, "aligned");
        List<Upload> uploads = uploads(exchange, List.of("first", "second"));
        try (ServicePipeline.Use<FaceNet> use = pipeline.use()) {
            FaceNet faceNet = use.faceNet();
            List<Map<String, Object>> sides = new ArrayList<>();
            List<Face> chosen = new ArrayList<>();
            for (Upload upload : uploads) {
                RgbImage image = faceNet.read(upload.bytes(), upload.name());
                List<Face> faces = aligned ? List.of(faceNet.alignedCrop(image)) : faceNet.faces(image);
                if (faces.isEmpty()) {
                    throw noFace(upload.name());
                }
                chosen.add(faces.get(0));
                Map<String, Object> side = new LinkedHashMap<>();
                side.put("faces_found", faces.size());
                if (faces.get(0).box() != null) {
                    side.put("box", box(faces.get(0).box()));
                }
                sides.add(side);
            }
            FaceNet.Verification v = faceNet.verify(chosen.get(0), chosen.get(1), faceNet.threshold());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("distance", v.distance());
            document.put("threshold", v.threshold());
            document.put("same", v.same());
            document.put("distance_kind", "squared-l2");
            document.put("model", faceNet.card().id());
            document.put("first", sides.get(0));
            document.put("second", sides.get(1));
            return new Answer(200, document);
        }
    }

    private Answer plugins(HttpExchange exchange) {
        Map<String, String> query = query(exchange);
        String kind = query.get("kind");
        String name = query.get("name");
        List<PluginInfo> all = registry.plugins();
        List<String> kinds = all.stream().map(p -> p.kind().label()).distinct().sorted().toList();
        if (kind != null && !kinds.contains(kind)) {
            throw new HttpError(400, "No plugin kind '" + kind + "' is installed. Installed: " + String.join(", ", kinds)
                    + ".");
        }
        if (name != null && kind == null) {
            throw new HttpError(400, "?name needs ?kind too (one of " + String.join(", ", kinds) + ")");
        }
        List<PluginInfo> ofKind = all.stream().filter(p -> kind == null || p.kind().label().equals(kind)).toList();
        List<PluginInfo> chosen = ofKind.stream().filter(p -> name == null || p.name().equals(name)).toList();
        if (name != null && chosen.isEmpty()) {
            throw new UnknownPluginException(ofKind.get(0).kind(), name,
                    ofKind.stream().map(PluginInfo::name).sorted().toList());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("runtime", runtime);
        document.put("plugins", chosen.stream().map(FaceService::plugin).toList());
        return new Answer(200, document);
    }

    /**
     * 200 {@code ok} with what the pipeline runs, or 503 {@code unavailable} with why (a plugin
     * it needs was removed, a reconfiguration failed): the service itself answers either way.
     */
    private Answer health(HttpExchange exchange) {
        Map<String, Object> document = new LinkedHashMap<>();
        int status = 200;
        try (ServicePipeline.Use<FaceNet> use = pipeline.use()) {
            FaceNet faceNet = use.faceNet();
            document.put("status", "ok");
            document.put("uptime_s", uptimeMs() / 1000.0);
            document.put("model", faceNet.card().id());
            document.put("backend", faceNet.plugins().backend());
            document.put("detector", faceNet.plugins().detector());
            document.put("landmarker", faceNet.plugins().landmarker());
            document.put("pipeline", use.description());
        } catch (ServicePipeline.UnavailableException e) {
            status = 503;
            document.put("status", "unavailable");
            document.put("uptime_s", uptimeMs() / 1000.0);
            document.put("error", e.getMessage());
        }
        document.put("runtime", runtime);
        document.put("workers", settings.workers());
        document.put("queue", settings.queue());
        return new Answer(status, document);
    }

    private List<Upload> uploads(HttpExchange exchange, List<String> names) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String example = names.size() == 1 ? "{\"image\": BASE64}" : "{\"first\": BASE64, \"second\": BASE64}";
        if (!MEDIA_TYPES.contains(media)) {
            throw new HttpError(415, "Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                    + " is not accepted: send multipart/form-data with part" + (names.size() == 1 ? " " : "s ")
                    + String.join(" and ", names) + ", or application/json " + example);
        }
        byte[] body = readBody(exchange);
        List<Upload> uploads = new ArrayList<>();
        if (media.equals("multipart/form-data")) {
            List<Multipart.Part> parts = Multipart.parse(body, Multipart.boundary(contentType));
            for (String name : names) {
                List<Multipart.Part> named = parts.stream().filter(p -> p.name().equals(name)).toList();
                if (named.size() != 1) {
                    throw new HttpError(400, "multipart part '" + name + "' " + (named.isEmpty() ? "is missing"
                            : "is given " + named.size() + " times") + "; parts sent: "
                            + String.join(", ", parts.stream().map(Multipart.Part::name).toList()));
                }
                uploads.add(new Upload("part '" + name + "'", named.get(0).content()));
            }
            return uploads;
        }
        Object document;
        try {
            document = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "malformed JSON: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> fields)) {
            throw new HttpError(400, "the JSON body must be an object: " + example);
        }
        for (Object key : fields.keySet()) {
            if (!names.contains(key)) {
                throw new HttpError(400, "JSON field '" + key + "' is not one of " + String.join(", ", names));
            }
        }
        for (String name : names) {
            if (!(fields.get(name) instanceof String text)) {
                throw new HttpError(400, "JSON field '" + name + "' " + (fields.containsKey(name)
                        ? "must be a string of base64" : "is missing") + ": " + example);
            }
            try {
                uploads.add(new Upload("field '" + name + "'", Base64.getDecoder().decode(text)));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "JSON field '" + name + "' is not base64 (RFC 4648): " + e.getMessage());
            }
        }
        return uploads;
    }

    /** The body, at most {@link ServeSettings#maxBodyBytes()}; a larger one is 413 before it is held. */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        long limit = settings.maxBodyBytes();
        InputStream in = exchange.getRequestBody();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        int expected = 64 * 1024;
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw new HttpError(400, "Content-Length '" + declared + "' is not a number");
            }
            if (length > limit) {
                throw tooLarge(length + " bytes");
            }
            expected = (int) length;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(expected);
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > limit) {
                throw tooLarge("more than that");
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private HttpError tooLarge(String size) {
        return new HttpError(413, "the request body is " + size + ", above the limit of " + settings.maxBodyMb()
                + " MiB (--max-body-mb); send a smaller image");
    }

    /** Reads and drops at most {@code max} bytes of what is left of a request body. */
    private static void drain(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = max;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0;) {
            left -= n;
        }
    }

    /** Unknown query parameters are refused: a misspelt {@code ?algined=true} must not pass in silence. */
    private static void checkParameters(HttpExchange exchange, Route route) {
        for (String key : query(exchange).keySet()) {
            if (!route.parameters().contains(key)) {
                throw new HttpError(400, "unknown query parameter '" + key + "' for " + exchange.getRequestURI().getPath()
                        + (route.parameters().isEmpty() ? ", which takes none"
                        : "; it takes " + String.join(", ", route.parameters())));
            }
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "query '" + text + "' is not URL-encoded: " + e.getMessage());
        }
    }

    private static boolean flag(HttpExchange exchange, String name) {
        String value = query(exchange).get(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw new HttpError(400, "?" + name + " must be true or false, got '" + value + "'");
    }

    /** Constant time: both sides are hashed first, so neither their length nor any prefix shows in the timing. */
    private boolean authorised(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).strip();
        }
        return key != null && MessageDigest.isEqual(keyDigest, sha256(key));
    }

    // ---------------------------------------------------------------- JSON of results

    private static Map<String, Object> face(Face face, boolean withLandmarks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", face.index());
        if (face.box() != null) {
            m.put("box", box(face.box()));
        }
        if (withLandmarks && face.landmarks() != null) {
            m.put("landmarks", face.landmarks().points().stream().map(p -> new double[] {p.x(), p.y()}).toList());
        }
        m.put("embedding", face.embedding());
        return m;
    }

    private static Map<String, Object> box(FaceBox box) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", box.x());
        m.put("y", box.y());
        m.put("width", box.width());
        m.put("height", box.height());
        m.put("score", box.score());
        return m;
    }

    private static Map<String, Object> plugin(PluginInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.kind().label());
        m.put("name", p.name());
        m.put("implementation", p.implementation());
        m.put("bundle", p.bundle());
        m.put("version", p.version());
        return m;
    }

    private static BadInputException noFace(String name) {
        return new BadInputException("No face found in " + name + "; send a photo where the face is visible and at"
                + " least about 40 pixels wide, or ?aligned=true for a crop that is already aligned");
    }

    // ---------------------------------------------------------------- helpers

    private long uptimeMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hand-written OpenAPI 3.0 description, checked to be JSON once at start. */
    private static String openApiDocument() {
        try (InputStream in = FaceService.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the launcher jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Json.parseObject(text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
