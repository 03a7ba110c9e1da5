package io.github.facenet4j.faces;

import java.util.List;

/** Finds faces in a picture. Implementations are thread-safe. */
public interface FaceDetector {

    /**
     * The faces in an image, best score first.
     *
     * @return boxes in the image's pixels, inside the image; empty when there is no face
     */
    List<FaceBox> detect(RgbImage image);
}
