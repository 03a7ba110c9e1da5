package io.github.facenet4j.faces.internal;

import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.faces.FaceDetectorFactory;
import io.github.facenet4j.faces.PipelineContext;
import io.github.facenet4j.faces.TinyFaceDetector;
import io.github.facenet4j.faces.TinyFaceDetectorConfig;
import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.TfjsWeights;
import io.github.facenet4j.models.TinyFaceDetectorNet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** face-api's Tiny Face Detector ({@link TinyFaceDetector}) as the {@code tiny} detector plugin. */
@Component(service = FaceDetectorFactory.class, configurationPid = "facenet.detector." + TinyDetectorPlugin.NAME,
        property = Plugin.NAME_PROPERTY + "=" + TinyDetectorPlugin.NAME)
public final class TinyDetectorPlugin implements FaceDetectorFactory {

    public static final String NAME = "tiny";

    private final TinyFaceDetectorConfig config;

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public TinyDetectorPlugin(Map<String, Object> properties) {
        this.config = TinyFaceDetectorConfig.from(Objects.requireNonNull(properties, "properties"));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The configured settings (before a context's input size). */
    public TinyFaceDetectorConfig config() {
        return config;
    }

    @Override
    public List<String> packFiles() {
        return FaceApiPack.DETECTOR_FILES;
    }

    @Override
    public Detector open(PipelineContext context) {
        TinyFaceDetectorConfig settings = context.detectorInputSize().isPresent()
                ? config.withInputSize(context.detectorInputSize().getAsInt()) : config;
        return Detector.owning(context.backend().compile(TinyFaceDetectorNet.graph(
                TfjsWeights.read(context.modelPack().resolve(FaceApiPack.DETECTOR_MANIFEST)), settings.inputSize())),
                network -> new TinyFaceDetector(network, settings));
    }
}
