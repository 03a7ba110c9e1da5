package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.faces.FacePipeline;
import io.github.facenet4j.faces.FacePipeline.Face;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Are two photos the same person? The squared L2 distance of the largest faces' embeddings
 * against a threshold (FaceNet §4). Exit 0 for either answer; non-zero only on errors.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Compare the largest faces of two photos: distance, threshold, same or different person.")
public final class VerifyCommand extends FaceCommand {

    @Parameters(index = "0", paramLabel = "A", description = "First photo (JPEG, PNG or BMP).")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "Second photo.")
    Path second;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Same person when the squared L2 distance is ≤ T (default: the model card's).")
    Double threshold;

    @Option(names = "--aligned", description = "The inputs are already aligned face crops: skip detection.")
    boolean aligned;

    @Override
    public Integer call() {
        requireThreshold(threshold);
        try (FaceNet faceNet = openFaceNet()) {
            Side a = side(faceNet, first);
            Side b = side(faceNet, second);
            double t = threshold != null ? threshold : faceNet.threshold();
            FaceNet.Verification v = faceNet.verify(a.face(), b.face(), t);
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("distance", v.distance());
                document.put("threshold", v.threshold());
                document.put("same", v.same());
                document.put("distance_kind", "squared-l2");
                document.put("model", faceNet.card().id());
                document.put("a", a.describe());
                document.put("b", b.describe());
                out().println(Json.writePretty(document));
            } else {
                for (Side s : List.of(a, b)) {
                    if (s.facesFound() > 1) {
                        err().println("note: " + s.file() + " has " + s.facesFound() + " faces; compared the largest, at "
                                + box(s.face().box()));
                    }
                }
                err().flush();
                out().printf(Locale.ROOT, "%s: distance %.4f (squared L2), threshold %.4f%n",
                        v.same() ? "same person" : "different people", v.distance(), v.threshold());
            }
            out().flush();
        }
        return 0;
    }

    private Side side(FaceNet faceNet, Path photo) {
        if (aligned) {
            return new Side(photo, alignedCrop(faceNet, photo), 1);
        }
        List<Face> faces = faceNet.faces(photo);
        if (faces.isEmpty()) {
            throw FacePipeline.noFace(photo.toString());
        }
        return new Side(photo, faces.get(0), faces.size());
    }

    private record Side(Path file, Face face, int facesFound) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("faces_found", facesFound);
            if (face.box() != null) { // an aligned crop has no box
                m.put("box", boxArray(face.box()));
            }
            if (facesFound > 1) {
                m.put("note", facesFound + " faces; compared the largest");
            }
            return m;
        }
    }
}
