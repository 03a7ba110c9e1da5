package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.distribution.FaceNetHome;
import io.github.facenet4j.distribution.runtime.FelixRuntime;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.distribution.runtime.RuntimeKind;
import io.github.facenet4j.distribution.serve.LiveReconfiguration;
import io.github.facenet4j.distribution.serve.PipelineChoice;
import io.github.facenet4j.distribution.serve.FaceService;
import io.github.facenet4j.distribution.serve.ServeSettings;
import io.github.facenet4j.distribution.serve.ServicePipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code facenet serve}: {@link FaceService} on the pipeline the face commands open. Prints
 * one line when it listens and runs until SIGTERM or Ctrl-C, which let requests in flight
 * finish and close the pipeline.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve embed and verify over HTTP (JSON): POST /embed, POST /verify, GET /plugins, /health,"
                + " /metrics, /openapi.json (docs/SERVE.md).")
public final class ServeCommand extends FaceCommand {

    @Option(names = "--port", paramLabel = "N",
            description = "Port to listen on; 0 takes any free one (default: " + ServeSettings.DEFAULT_PORT + ").")
    int port = ServeSettings.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (default: " + ServeSettings.LOOPBACK + ", this machine only);"
                    + " any other needs --api-key-file.")
    String bind = ServeSettings.LOOPBACK;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "File holding the key every request but GET /health must send as 'Authorization: Bearer KEY'"
                    + " or 'X-API-Key: KEY'.")
    Path apiKeyFile;

    @Option(names = "--workers", paramLabel = "N",
            description = "Requests computed at once (default: the number of processors).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N",
            description = "Requests that may wait for a worker; beyond that the answer is 503 with Retry-After"
                    + " (default: twice the workers).")
    Integer queue;

    @Option(names = "--max-body-mb", paramLabel = "N",
            description = "Largest request body in MiB, larger is 413 (default: " + ServeSettings.DEFAULT_MAX_BODY_MB
                    + ").")
    int maxBodyMb = ServeSettings.DEFAULT_MAX_BODY_MB;

    /** The settings the options give, checked before any model is loaded. */
    ServeSettings settings() {
        ServeSettings defaults = ServeSettings.defaults();
        int w = workers != null ? workers : defaults.workers();
        return new ServeSettings(bind, port, w, queue != null ? queue : 2 * w, maxBodyMb,
                apiKeyFile == null ? null : ServeSettings.readApiKey(apiKeyFile));
    }

    /**
     * Serves until SIGTERM or SIGINT, then stops gracefully and exits 0 with one line on
     * stderr. The signals are handled here rather than in a shutdown hook alone: ONNX
     * Runtime registers a shutdown hook of its own that frees its native environment, and
     * shutdown hooks run all at once, so a request still computing when the JVM began to
     * shut down would run on freed memory (SIGSEGV, exit 134: seen in {@code ServeIT}). The
     * handler drains the requests and closes the pipeline before the JVM shuts down; a
     * shutdown hook still closes the service when the JVM ends some other way.
     */
    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings = settings();
        PipelineChoice options = pipelineChoice();
        PluginConfigurations configurations = modelOptions.configure(runtimeOptions.configurations());
        boolean live = runtimeOptions.runtime == RuntimeKind.OSGI;
        PluginRuntime runtime = live ? FelixRuntime.startLive(FaceNetHome.fromSystemProperty(), configurations)
                : runtimeOptions.start(configurations);
        FaceService service;
        LiveReconfiguration<FaceNet> reconfiguration = null;
        try {
            // conf/facenet.pipeline.cfg, when present, chooses over the options; in OSGi it is watched
            PipelineChoice initial = PipelineChoice.from(configurations.forPid(PipelineChoice.PID), options);
            service = serve(settings, faceNetBuilder(runtime, initial).open(), initial, runtime, out(), json);
            if (live) {
                reconfiguration = LiveReconfiguration.watch((FelixRuntime) runtime, service.pipeline(), initial, options,
                        choice -> faceNetBuilder(runtime, choice).open(), err());
            }
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        String[] stoppedBy = {"close"};
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    stoppedBy[0] = "SIG" + signal.getName();
                    service.close();
                });
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (-Xrs, a debugger): the shutdown hook below serves
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "facenet-serve-shutdown"));
        service.awaitClosed();
        if (reconfiguration != null) {
            reconfiguration.close();
        }
        runtime.close();
        err().println("facenet serve: stopped (" + stoppedBy[0] + "): requests in flight were answered");
        err().flush();
        return 0;
    }

    /**
     * Serves {@code faceNet} (the service owns it from here on; {@code runtime}, which answers
     * {@code /plugins}, stays the caller's to close after the service) and prints the one line
     * that says where: {@code facenet serve: listening on http://ADDR:PORT (runtime R, backend B)},
     * or with {@code json} the same as an object. Shared with {@code bench serve}.
     */
    static FaceService serve(ServeSettings settings, FaceNet faceNet, PipelineChoice choice, PluginRuntime runtime,
                             PrintWriter out, boolean json) {
        String runtimeName = runtime.kind().name().toLowerCase(Locale.ROOT);
        String backend = faceNet.plugins().backend();
        ServicePipeline<FaceNet> pipeline = new ServicePipeline<>("the pipeline is loading");
        pipeline.replace(faceNet, choice.describe());
        FaceService service;
        try {
            service = FaceService.start(settings, pipeline, runtime, runtimeName);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("listening", service.url());
            line.put("runtime", runtimeName);
            line.put("backend", backend);
            out.println(Json.write(line));
        } else {
            out.println("facenet serve: listening on " + service.url() + " (runtime " + runtimeName + ", backend "
                    + backend + ")");
        }
        out.flush();
        return service;
    }
}
