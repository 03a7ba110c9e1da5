package io.github.facenet4j.distribution.faces;

import io.github.facenet4j.FaceNet;
import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.faces.FacePipeline.Face;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A process of its own for {@link ReproducibleDetectionTest}: {@code DetectionRun BACKEND PHOTO…}
 * prints, per face of each photo, one line: photo, face index, box, score and embedding, each
 * number with all its digits.
 */
public final class DetectionRun {

    private DetectionRun() {
    }

    public static void main(String[] args) {
        try (FaceNet faceNet = FaceNet.builder().backend(args[0]).open()) {
            for (int i = 1; i < args.length; i++) {
                for (Face face : faceNet.faces(Path.of(args[i]))) {
                    FaceBox b = face.box();
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d %d %s %s %s %s %s", i,
                            face.index(), b.x(), b.y(), b.width(), b.height(), b.score()));
                    for (float e : face.embedding()) {
                        line.append(' ').append(e);
                    }
                    System.out.println(line);
                }
            }
        }
    }
}
