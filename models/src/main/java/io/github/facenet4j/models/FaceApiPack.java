package io.github.facenet4j.models;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default model pack: the files of npm {@code @vladmandic/face-api@1.7.15} (MIT) that
 * facenet4j uses — the dlib ResNet face recognition weights, the tiny face detector, the
 * 68-point landmark net, and the six sample photos the demo runs on — pinned by the
 * tarball's sha256 and kept in a local cache ({@link NpmPackCache}).
 */
public final class FaceApiPack {

    /** The npm package. */
    public static final String NPM_NAME = "@vladmandic/face-api";
    /** Its version. */
    public static final String NPM_VERSION = "1.7.15";
    /** sha256 of the package tarball {@code npm pack} fetched, measured on 2026-11-27. */
    public static final String NPM_SHA256 = "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031";
    /** The package's licence file. */
    public static final String LICENSE = "LICENSE";
    /** Face recognition (dlib ResNet-29) weights manifest and shard. */
    public static final String RECOGNITION_MANIFEST = "model/face_recognition_model-weights_manifest.json";
    public static final String RECOGNITION_SHARD = "model/face_recognition_model.bin";
    /** Tiny face detector weights manifest and shard. */
    public static final String DETECTOR_MANIFEST = "model/tiny_face_detector_model-weights_manifest.json";
    public static final String DETECTOR_SHARD = "model/tiny_face_detector_model.bin";
    /** 68-point face landmark net weights manifest and shard. */
    public static final String LANDMARKS_MANIFEST = "model/face_landmark_68_model-weights_manifest.json";
    public static final String LANDMARKS_SHARD = "model/face_landmark_68_model.bin";
    /** The demo's sample photos, {@code demo/sample1.jpg} … {@code demo/sample6.jpg}. */
    public static final List<String> SAMPLE_PHOTOS = samplePhotos();

    /** The pinned package with every entry facenet4j reads from it. */
    public static final NpmPackage PACKAGE = new NpmPackage(NPM_NAME, NPM_VERSION, NPM_SHA256, entries());

    private FaceApiPack() {
    }

    private static List<String> samplePhotos() {
        List<String> photos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photos.add("demo/sample" + i + ".jpg");
        }
        return List.copyOf(photos);
    }

    private static List<String> entries() {
        List<String> entries = new ArrayList<>(List.of(LICENSE, RECOGNITION_MANIFEST, RECOGNITION_SHARD,
                DETECTOR_MANIFEST, DETECTOR_SHARD, LANDMARKS_MANIFEST, LANDMARKS_SHARD));
        entries.addAll(SAMPLE_PHOTOS);
        return List.copyOf(entries);
    }

    /**
     * The pack's directory, fetched with {@code npm} when any file is missing:
     * {@code $FACENET_MODEL_CACHE} when set in {@code env}, else {@code home/.cache/facenet4j/npm/face-api-1.7.15}.
     *
     * @throws io.github.facenet4j.api.BadInputException with one line saying how to provide the files
     */
    public static Path fetch(Map<String, String> env, Path home) {
        Path dir = NpmPackCache.defaultDirectory(PACKAGE, env, home);
        return new NpmPackCache("npm", Duration.ofMinutes(5)).fetch(PACKAGE, dir);
    }
}
