package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Photo in, embeddings out: detect every face, find its 68 landmarks, align it onto the
 * model's template, and embed the crops in one batch (faces → tensor batch → Embedder).
 * Faces come largest first, so index 0 is the main subject. Thread-safe when its
 * networks are.
 */
public final class FacePipeline implements AutoCloseable {

    /**
     * One face of a photo.
     *
     * @param index     0 for the largest face of the photo, 1 for the next, …
     * @param box       where the detector found it, in photo pixels ({@code null} for an input
     *                  that was already an aligned crop)
     * @param landmarks its 68 points in photo pixels ({@code null} for an aligned crop)
     * @param crop      the aligned crop the model embedded
     * @param embedding the unit-length embedding
     */
    public record Face(int index, FaceBox box, Landmarks landmarks, RgbImage crop, float[] embedding) {
    }

    private final FaceDetector detector;
    private final LandmarkFinder landmarker;
    private final FaceAligner aligner;
    private final FaceEmbedder embedder;
    private final List<AutoCloseable> owned;

    /**
     * @param owned networks this pipeline closes when it is closed (besides the embedder's)
     */
    public FacePipeline(FaceDetector detector, LandmarkFinder landmarker, FaceAligner aligner, FaceEmbedder embedder,
                        List<? extends AutoCloseable> owned) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.landmarker = Objects.requireNonNull(landmarker, "landmarker");
        this.aligner = Objects.requireNonNull(aligner, "aligner");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.owned = List.copyOf(owned);
    }

    public FaceEmbedder embedder() {
        return embedder;
    }

    /** Every face in {@code photo}, largest first; empty when there is none. */
    public List<Face> faces(RgbImage photo) {
        List<FaceBox> boxes = new ArrayList<>(detector.detect(photo));
        boxes.sort(Comparator.comparingDouble(FaceBox::area).reversed());
        if (boxes.isEmpty()) {
            return List.of();
        }
        List<Landmarks> landmarks = landmarker.detect(photo, boxes);
        List<RgbImage> crops = new ArrayList<>(boxes.size());
        for (Landmarks points : landmarks) {
            crops.add(aligner.align(photo, points));
        }
        float[][] embeddings = embedder.embed(crops);
        List<Face> faces = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            faces.add(new Face(i, boxes.get(i), landmarks.get(i), crops.get(i), embeddings[i]));
        }
        return faces;
    }

    /**
     * The largest face in {@code photo}.
     *
     * @param name names the photo in the error
     * @throws BadInputException when no face is found
     */
    public Face largestFace(RgbImage photo, String name) {
        List<Face> faces = faces(photo);
        if (faces.isEmpty()) {
            throw noFace(name);
        }
        return faces.get(0);
    }

    /** The one-line error for a photo without a detectable face. */
    public static BadInputException noFace(String name) {
        return new BadInputException("No face found in " + name
                + "; use a photo where the face is visible and at least about 40 pixels wide, or pass --aligned"
                + " for a crop that is already aligned");
    }

    /**
     * Embeds an image that is already an aligned face crop (skips detection and alignment).
     * A crop of another size than the model's input is resized ({@link RgbImage#resize}).
     */
    public Face aligned(RgbImage crop) {
        int w = embedder.card().input().width();
        int h = embedder.card().input().height();
        RgbImage input = crop.width() == w && crop.height() == h ? crop : crop.resize(w, h);
        return new Face(0, null, null, input, embedder.embed(List.of(input))[0]);
    }

    @Override
    public void close() {
        embedder.close();
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not close " + resource + ": " + e.getMessage(), e);
            }
        }
    }
}
