package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The networks facenet4j knows by name, each with its role and a way to build its graph
 * from the face-api pack's directory: what {@code facenet models} tabulates.
 */
public final class ModelCatalog {

    /**
     * One known network.
     *
     * @param files the face-api pack's files {@code graph} reads (for {@link FaceApiPack#fetch})
     */
    public record Entry(String id, String role, String source, List<String> files, Function<Path, Graph> graph) {
        public Entry {
            files = List.copyOf(files);
        }
    }

    private ModelCatalog() {
    }

    /** Every known network, in pipeline order. */
    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("tiny-face-detector", "face detection (" + TinyFaceDetectorNet.DEFAULT_INPUT_SIZE + " px input)", FaceApiPack.DETECTOR_MANIFEST,
                FaceApiPack.DETECTOR_FILES, dir -> TinyFaceDetectorNet.graph(TfjsWeights.read(dir.resolve(FaceApiPack.DETECTOR_MANIFEST)),
                        TinyFaceDetectorNet.DEFAULT_INPUT_SIZE)));
        entries.add(new Entry("ssd-mobilenet-v1", "face detection (" + SsdMobilenetV1Net.INPUT_SIZE + " px input)",
                FaceApiPack.SSD_MANIFEST, FaceApiPack.SSD_FILES,
                dir -> SsdMobilenetV1Net.graph(TfjsWeights.read(dir.resolve(FaceApiPack.SSD_MANIFEST)))));
        entries.add(new Entry("face-landmark-68", "68-point face landmarks", FaceApiPack.LANDMARKS_MANIFEST,
                FaceApiPack.LANDMARKS_FILES, dir -> FaceLandmark68Net.graph(TfjsWeights.read(dir.resolve(FaceApiPack.LANDMARKS_MANIFEST)))));
        entries.add(new Entry(ModelCard.defaultCard().id(), "face embedding (128-d)",
                FaceApiPack.RECOGNITION_MANIFEST, FaceApiPack.RECOGNITION_FILES, dir -> ModelPack.defaultPack(dir).graph()));
        return List.copyOf(entries);
    }

    /** The entry named {@code id}. */
    public static Entry find(String id) {
        List<Entry> all = entries();
        return all.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() -> new ConfigurationException(
                "No model '" + id + "'. Available: " + String.join(", ", all.stream().map(Entry::id).toList()) + "."));
    }
}
