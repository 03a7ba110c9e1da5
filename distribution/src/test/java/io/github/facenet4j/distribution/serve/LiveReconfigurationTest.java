package io.github.facenet4j.distribution.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.UnknownPluginException;
import io.github.facenet4j.distribution.runtime.FelixRuntime.PluginChange;
import io.github.facenet4j.distribution.serve.ServicePipelineTest.Fake;
import io.github.facenet4j.faces.FaceDetectorFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Live re-targeting with fake facades: what a change does to the served pipeline, and when. */
class LiveReconfigurationTest {

    private static final PipelineChoice DEFAULTS = new PipelineChoice("onnx", "tiny", "face-api-68", "dlib-resnet-v1");

    private final ServicePipeline<Fake> pipeline = new ServicePipeline<>("loading");
    private final List<PipelineChoice> opened = new CopyOnWriteArrayList<>();
    private final Set<String> installedBackends = new java.util.concurrent.CopyOnWriteArraySet<>(Set.of("onnx", "djl"));
    private final StringWriter log = new StringWriter();
    private final LiveReconfiguration<Fake> live = new LiveReconfiguration<>(pipeline, DEFAULTS, DEFAULTS, choice -> {
        if (!installedBackends.contains(choice.backend())) {
            throw new UnknownPluginException(PluginKind.BACKEND, choice.backend(), List.copyOf(installedBackends));
        }
        opened.add(choice);
        return new Fake(choice.describe());
    }, new PrintWriter(log));

    LiveReconfigurationTest() {
        pipeline.replace(new Fake("initial"), DEFAULTS.describe());
    }

    /** Waits out the settling delay and the rebuild. */
    private void settle() throws InterruptedException {
        live.awaitSettled();
    }

    private static PluginChange change(Class<?> service, String name, boolean gone) {
        return new PluginChange(name, List.of(service.getName()), gone);
    }

    @Test
    void aPipelineFileNamingAnotherBackendRetargetsOnceAndTheSameValuesChangeNothing() throws InterruptedException {
        live.configured(Map.of("service.pid", PipelineChoice.PID));
        live.configured(Map.of());
        settle();
        assertThat(opened).as("ConfigAdmin's first deliveries repeat what runs").isEmpty();

        live.configured(Map.of("backend", "djl", "felix.fileinstall.filename", "file:/x/facenet.pipeline.cfg"));
        live.configured(Map.of("backend", "djl"));
        settle();
        PipelineChoice djl = new PipelineChoice("djl", "tiny", "face-api-68", "dlib-resnet-v1");
        assertThat(opened).as("a burst builds once").containsExactly(djl);
        try (ServicePipeline.Use<Fake> use = pipeline.use()) {
            assertThat(use.description()).isEqualTo(djl.describe());
        }
        assertThat(log.toString()).isEqualTo("facenet serve: pipeline now " + djl.describe() + System.lineSeparator());

        live.configured(Map.of()); // the file removed: back to the command line's choice
        settle();
        assertThat(opened).containsExactly(djl, DEFAULTS);
        live.close();
    }

    @Test
    void aPipelineFileWithAnUnknownKeyIsRefusedAndTheServiceKeepsItsPipeline() throws InterruptedException {
        live.configured(Map.of("backnd", "djl"));
        settle();
        assertThat(opened).isEmpty();
        assertThat(pipeline.available()).isTrue();
        assertThat(log.toString()).startsWith("facenet serve: conf/facenet.pipeline.cfg refused, the pipeline is"
                + " unchanged: pipeline: unknown key 'backnd' (known: backend, detector, landmarker, model)");
        live.close();
    }

    @Test
    void theBackendInUseGoingAwayAnswers503AtOnceAndItsReturnRebuilds() throws InterruptedException {
        installedBackends.remove("onnx");
        live.pluginChanged(change(Backend.class, "onnx", true));
        assertThatThrownBy(pipeline::use).as("at once, not after the settling delay")
                .isInstanceOf(ServicePipeline.UnavailableException.class).hasMessageContaining("backend 'onnx'");
        settle();
        assertThatThrownBy(pipeline::use).isInstanceOf(ServicePipeline.UnavailableException.class)
                .hasMessage("No backend 'onnx'. Available: djl.");
        assertThat(opened).isEmpty();

        installedBackends.add("onnx");
        live.pluginChanged(change(Backend.class, "onnx", false));
        settle();
        assertThat(opened).containsExactly(DEFAULTS);
        assertThat(pipeline.available()).isTrue();
        live.close();
    }

    @Test
    void pluginsThePipelineDoesNotRunLeaveItAloneButItsDetectorBeingReconfiguredRebuilds()
            throws InterruptedException {
        live.pluginChanged(change(Evaluator.class, "decidability", false));
        live.pluginChanged(change(Backend.class, "djl", true));
        live.pluginChanged(change(FaceDetectorFactory.class, "other", true));
        settle();
        assertThat(opened).isEmpty();
        assertThat(pipeline.available()).isTrue();

        live.pluginChanged(change(FaceDetectorFactory.class, "tiny", true)); // SCR deactivates it for a new config
        live.pluginChanged(change(FaceDetectorFactory.class, "tiny", false)); // and registers it anew
        settle();
        assertThat(opened).containsExactly(DEFAULTS);
        assertThat(pipeline.available()).isTrue();
        live.close();
    }

    @Test
    void onceClosedTheContainerStoppingLeavesThePipelineAloneAndNothingIsScheduled() throws InterruptedException {
        live.close();
        live.pluginChanged(change(Backend.class, "onnx", true));
        live.configured(Map.of("backend", "djl"));
        live.awaitSettled();
        assertThat(pipeline.available()).as("the service closes its pipeline itself").isTrue();
        assertThat(opened).isEmpty();
        assertThat(log.toString()).isEmpty();
    }
}
