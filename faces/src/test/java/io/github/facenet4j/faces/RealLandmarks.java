package io.github.facenet4j.faces;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.backends.onnx.internal.OrtBackend;
import io.github.facenet4j.backends.onnx.internal.OrtBackendConfig;
import io.github.facenet4j.models.FaceLandmark68Net;
import io.github.facenet4j.models.RealModel;
import io.github.facenet4j.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real landmark net (face-api's weights, found or fetched by {@link RealModel}) compiled
 * by the ONNX backend, and the face-api landmark fixtures in {@code src/test/resources/landmarks}
 * (made by {@code src/test/node/face-api-landmarks.mjs}; how to run it is at its top).
 */
final class RealLandmarks {

    /** The demo photos that have fixtures. */
    static final List<String> SAMPLES = List.of("sample1", "sample2", "sample3", "sample4", "sample5", "sample6");

    private static FaceLandmarker landmarker;

    private RealLandmarks() {
    }

    static synchronized FaceLandmarker landmarker() {
        if (landmarker == null) {
            Network net = new OrtBackend(OrtBackendConfig.defaults())
                    .compile(FaceLandmark68Net.graph(RealModel.landmarkWeights()));
            landmarker = new FaceLandmarker(net); // kept for the JVM's life, shared by the tests
        }
        return landmarker;
    }

    /** A demo photo of the face-api pack, read by {@link ImageFiles}. */
    static RgbImage photo(String sample) {
        return ImageFiles.read(RealModel.packageDir().resolve("demo").resolve(sample + ".jpg"));
    }

    /**
     * One face of a fixture: the box face-api's landmarks were computed for (a detected face's
     * box snapped to whole pixels, or the image's extra taller-than-wide box), and those landmarks.
     */
    record Face(FaceBox box, Landmarks landmarks) {
    }

    /** A fixture: the sha256 of the RGB bytes face-api saw, and its faces. */
    record Fixture(String rgbSha256, List<Face> faces) {
    }

    static Fixture fixture(String sample) {
        String text;
        try (InputStream in = RealLandmarks.class.getResourceAsStream("/landmarks/" + sample + ".json")) {
            if (in == null) {
                throw new IllegalStateException("No fixture /landmarks/" + sample + ".json on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<?, ?> root = (Map<?, ?>) Json.parse(text);
        List<Face> faces = new ArrayList<>();
        for (Object f : (List<?>) root.get("faces")) {
            Map<?, ?> face = (Map<?, ?>) f;
            Map<?, ?> b = (Map<?, ?>) face.get("box");
            // Detected faces carry the detector's score; the extra "tall" box of each image has none.
            Map<?, ?> detector = (Map<?, ?>) face.get("detector");
            double score = detector == null ? 1.0 : ((Number) detector.get("score")).doubleValue();
            FaceBox box = new FaceBox(((Number) b.get("x")).doubleValue(), ((Number) b.get("y")).doubleValue(), ((Number) b.get("width")).doubleValue(),
                    ((Number) b.get("height")).doubleValue(), score);
            List<Point> points = new ArrayList<>();
            for (Object p : (List<?>) face.get("landmarks")) {
                List<?> xy = (List<?>) p;
                points.add(new Point(((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue()));
            }
            faces.add(new Face(box, new Landmarks(points)));
        }
        return new Fixture((String) root.get("rgbSha256"), faces);
    }
}
