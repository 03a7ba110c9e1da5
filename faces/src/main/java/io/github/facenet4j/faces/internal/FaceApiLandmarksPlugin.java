package io.github.facenet4j.faces.internal;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.faces.FaceLandmarker;
import io.github.facenet4j.faces.Landmarks;
import io.github.facenet4j.faces.LandmarkerFactory;
import io.github.facenet4j.faces.PipelineContext;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.FaceLandmark68Net;
import io.github.facenet4j.models.TfjsWeights;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** face-api's 68-point landmark net ({@link FaceLandmarker}) as the {@code face-api-68} landmarker plugin. */
@Component(service = LandmarkerFactory.class, configurationPid = "facenet.landmarker." + FaceApiLandmarksPlugin.NAME,
        property = Plugin.NAME_PROPERTY + "=" + FaceApiLandmarksPlugin.NAME)
public final class FaceApiLandmarksPlugin implements LandmarkerFactory {

    public static final String NAME = "face-api-68";
    private static final PluginKind KIND = PluginKind.of(LandmarkerFactory.class);

    /** DS activation and the plain runtime; the plugin has no settings of its own. */
    @Activate
    public FaceApiLandmarksPlugin(Map<String, Object> properties) {
        Settings.forPlugin(KIND, NAME, Objects.requireNonNull(properties, "properties")).refuseUnknownKeys();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> packFiles() {
        return FaceApiPack.LANDMARKS_FILES;
    }

    @Override
    public Landmarker open(PipelineContext context) {
        Network network = context.backend().compile(FaceLandmark68Net.graph(
                TfjsWeights.read(context.modelPack().resolve(FaceApiPack.LANDMARKS_MANIFEST))));
        try {
            FaceLandmarker landmarker = new FaceLandmarker(network);
            return new Landmarker() {
                @Override
                public List<Landmarks> detect(RgbImage image, List<FaceBox> boxes) {
                    return landmarker.detect(image, boxes);
                }

                @Override
                public void close() {
                    network.close();
                }
            };
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }
}
