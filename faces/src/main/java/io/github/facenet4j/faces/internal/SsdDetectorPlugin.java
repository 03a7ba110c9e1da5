package io.github.facenet4j.faces.internal;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.faces.FaceDetectorFactory;
import io.github.facenet4j.faces.PipelineContext;
import io.github.facenet4j.faces.SsdFaceDetector;
import io.github.facenet4j.faces.SsdFaceDetectorConfig;
import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.SsdMobilenetV1Net;
import io.github.facenet4j.models.TfjsWeights;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** face-api's SSD MobileNet v1 ({@link SsdFaceDetector}) as the {@code ssd} detector plugin. */
@Component(service = FaceDetectorFactory.class, configurationPid = "facenet.detector." + SsdFaceDetectorConfig.NAME,
        property = Plugin.NAME_PROPERTY + "=" + SsdFaceDetectorConfig.NAME)
public final class SsdDetectorPlugin implements FaceDetectorFactory {

    private final SsdFaceDetectorConfig config;

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public SsdDetectorPlugin(Map<String, Object> properties) {
        this.config = SsdFaceDetectorConfig.from(Objects.requireNonNull(properties, "properties"));
    }

    @Override
    public String name() {
        return SsdFaceDetectorConfig.NAME;
    }

    /** The configured settings. */
    public SsdFaceDetectorConfig config() {
        return config;
    }

    @Override
    public List<String> packFiles() {
        return FaceApiPack.SSD_FILES;
    }

    @Override
    public Detector open(PipelineContext context) {
        if (context.detectorInputSize().isPresent()
                && context.detectorInputSize().getAsInt() != SsdMobilenetV1Net.INPUT_SIZE) {
            throw new ConfigurationException("detector ssd always runs at " + SsdMobilenetV1Net.INPUT_SIZE
                    + " × " + SsdMobilenetV1Net.INPUT_SIZE + " (its anchors are for that size), got --detector-size "
                    + context.detectorInputSize().getAsInt() + "; leave --detector-size out or use --detector tiny");
        }
        Map<String, Tensor> weights = TfjsWeights.read(context.modelPack().resolve(FaceApiPack.SSD_MANIFEST));
        float[] anchors = SsdMobilenetV1Net.anchors(weights);
        return Detector.owning(context.backend().compile(SsdMobilenetV1Net.graph(weights)),
                network -> new SsdFaceDetector(network, anchors, config));
    }
}
