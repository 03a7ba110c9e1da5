package io.github.facenet4j.models;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default model pack: the files of npm {@code @vladmandic/face-api@1.7.15} (MIT) that
 * facenet4j uses — the dlib ResNet face recognition weights, the tiny and the SSD MobileNet v1
 * face detectors, the 68-point landmark net, and the six sample photos the demo runs on — pinned by the
 * tarball's sha256 and by each file's, and kept in a local cache ({@link NpmPackCache}).
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
    /** SSD MobileNet v1 face detector weights manifest and shard. */
    public static final String SSD_MANIFEST = "model/ssd_mobilenetv1_model-weights_manifest.json";
    public static final String SSD_SHARD = "model/ssd_mobilenetv1_model.bin";
    /** 68-point face landmark net weights manifest and shard. */
    public static final String LANDMARKS_MANIFEST = "model/face_landmark_68_model-weights_manifest.json";
    public static final String LANDMARKS_SHARD = "model/face_landmark_68_model.bin";
    /** The demo's sample photos, {@code demo/sample1.jpg} … {@code demo/sample6.jpg}. */
    public static final List<String> SAMPLE_PHOTOS = samplePhotos();

    /** The files that loading the face recognition network reads. */
    public static final List<String> RECOGNITION_FILES = List.of(RECOGNITION_MANIFEST, RECOGNITION_SHARD);
    /** The files that loading the tiny face detector reads. */
    public static final List<String> DETECTOR_FILES = List.of(DETECTOR_MANIFEST, DETECTOR_SHARD);
    /** The files that loading the SSD MobileNet v1 face detector reads. */
    public static final List<String> SSD_FILES = List.of(SSD_MANIFEST, SSD_SHARD);
    /** The files that loading the 68-point landmark net reads. */
    public static final List<String> LANDMARKS_FILES = List.of(LANDMARKS_MANIFEST, LANDMARKS_SHARD);

    /** The pinned package with every file facenet4j reads from it. */
    public static final NpmPackage PACKAGE = new NpmPackage(NPM_NAME, NPM_VERSION, NPM_SHA256, files());

    private FaceApiPack() {
    }

    private static List<String> samplePhotos() {
        List<String> photos = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photos.add("demo/sample" + i + ".jpg");
        }
        return List.copyOf(photos);
    }

    /**
     * The sha256 of every file, measured on 2026-12-03 with {@code sha256sum} on the files of
     * the tarball that {@code npm pack @vladmandic/face-api@1.7.15} gave (whose own sha256 is
     * {@link #NPM_SHA256}) after {@code tar -xzf}; the cache unpacked from it held the same bytes.
     */
    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(LICENSE, "9a3442b79acaf4fbc7c2e07b7e2d8f84af9bb3871bf08a69d80304ab00640e9a");
        files.put(RECOGNITION_MANIFEST, "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b");
        files.put(RECOGNITION_SHARD, "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589");
        files.put(DETECTOR_MANIFEST, "5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5");
        files.put(DETECTOR_SHARD, "b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871");
        files.put(SSD_MANIFEST, "888f744dffbc84f5f060d1f8427d9742341943a2dfaaf9205d10029b7e7a2955");
        files.put(SSD_SHARD, "2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8");
        files.put(LANDMARKS_MANIFEST, "ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9");
        files.put(LANDMARKS_SHARD, "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b");
        List<String> photos = List.of(
                "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51",
                "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691",
                "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936",
                "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc",
                "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938",
                "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87");
        for (int i = 0; i < SAMPLE_PHOTOS.size(); i++) {
            files.put(SAMPLE_PHOTOS.get(i), photos.get(i));
        }
        return files;
    }

    /**
     * The pack's directory holding {@code needed} (files of {@link #PACKAGE}, checked against
     * their sha256), fetched with {@code npm} when any of them is missing:
     * {@code $FACENET_MODEL_CACHE} when set in {@code env}, else {@code home/.cache/facenet4j/npm/face-api-1.7.15}.
     *
     * @throws io.github.facenet4j.api.BadInputException with one line naming the missing or corrupt
     *                                                   files and how to provide them
     */
    public static Path fetch(Map<String, String> env, Path home, Collection<String> needed) {
        Path dir = NpmPackCache.defaultDirectory(PACKAGE, env, home);
        return new NpmPackCache("npm", Duration.ofMinutes(5)).fetch(PACKAGE, dir, needed);
    }
}
