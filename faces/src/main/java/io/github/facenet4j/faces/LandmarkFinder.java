package io.github.facenet4j.faces;

import java.util.List;

/** Finds the 68 landmarks (iBUG 300-W order) of detected faces. Implementations are thread-safe. */
public interface LandmarkFinder {

    /** The landmarks of each face, in image pixels, in the order of the boxes. */
    List<Landmarks> detect(RgbImage image, List<FaceBox> boxes);
}
