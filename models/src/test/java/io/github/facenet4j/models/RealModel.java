package io.github.facenet4j.models;

import io.github.facenet4j.api.nn.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real face-api weights for tests: found in {@code FACENET_MODEL_CACHE} (system property,
 * then environment variable, default {@code ~/.cache/facenet4j/npm/face-api-1.7.15/}), fetched
 * there with {@code npm pack} and checked against the pinned sha256 when absent. Never skipped:
 * without npm and network, or a filled cache, these tests fail with the fetcher's message.
 * Public, in the test-jar, for the backends' parity tests.
 */
public final class RealModel {

    private static Path packageDir;
    private static Map<String, Tensor> weights;
    private static Map<String, Tensor> landmarkWeights;

    private RealModel() {
    }

    /** The directory of the face-api pack's files, fetched once per JVM when missing. */
    public static synchronized Path packageDir() {
        if (packageDir == null) {
            Map<String, String> env = new HashMap<>(System.getenv());
            String property = System.getProperty(NpmPackCache.ENV);
            if (property != null) {
                env.put(NpmPackCache.ENV, property);
            }
            packageDir = FaceApiPack.fetch(env, Path.of(System.getProperty("user.home")), FaceApiPack.PACKAGE.entries());
        }
        return packageDir;
    }

    /** The files of the pack's four networks: two detectors, landmarks, recognition (no licence, no photos). */
    public static List<String> weightFiles() {
        List<String> all = new ArrayList<>(FaceApiPack.DETECTOR_FILES);
        all.addAll(FaceApiPack.SSD_FILES);
        all.addAll(FaceApiPack.LANDMARKS_FILES);
        all.addAll(FaceApiPack.RECOGNITION_FILES);
        return all;
    }

    /** A copy of {@code entries} of the real pack in {@code target}, for tests that damage or thin out a pack. */
    public static Path copyOf(Collection<String> entries, Path target) throws IOException {
        for (String entry : entries) {
            Files.createDirectories(target.resolve(entry).getParent());
            Files.copy(packageDir().resolve(entry), target.resolve(entry));
        }
        return target;
    }

    /** The face recognition weights, read once per JVM. */
    public static synchronized Map<String, Tensor> weights() {
        if (weights == null) {
            weights = TfjsWeights.read(packageDir().resolve(FaceApiPack.RECOGNITION_MANIFEST));
        }
        return weights;
    }

    /** The 68-point face landmark net's weights, read once per JVM. */
    public static synchronized Map<String, Tensor> landmarkWeights() {
        if (landmarkWeights == null) {
            landmarkWeights = TfjsWeights.read(packageDir().resolve(FaceApiPack.LANDMARKS_MANIFEST));
        }
        return landmarkWeights;
    }

    /**
     * Names of the face-api parity fixtures in {@code src/test/resources/parity}: crops of six
     * different people's faces from face-api's demo photos ({@code face-N}), two of them cut
     * again slightly moved and rescaled ({@code face-N-shifted}), and two synthetic non-face
     * images. Made by {@code src/test/node/face-api-crops.mjs}; descriptors by
     * {@code face-api-reference.mjs} (face-api 1.7.15, tfjs 4.22.0 WASM backend).
     */
    public static final String[] PARITY_FIXTURES = {
        "face-1", "face-2", "face-3", "face-4", "face-5", "face-6",
        "face-1-shifted", "face-5-shifted", "synthetic-1", "synthetic-2"};

    /** The {@link #PARITY_FIXTURES} that show one person each, one per person. */
    public static final String[] PARITY_PEOPLE = {"face-1", "face-2", "face-3", "face-4", "face-5", "face-6"};

    /** Suffix of a fixture that re-crops the person of the fixture named without it. */
    public static final String SHIFTED_SUFFIX = "-shifted";

    private static byte[] parityResource(String name) {
        try (InputStream in = RealModel.class.getResourceAsStream("/parity/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No parity fixture /parity/" + name + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parity fixture's 150×150 image as NCHW RGB values 0…255 (the file holds interleaved RGB bytes). */
    public static float[] parityImage(String fixture) {
        byte[] rgb = parityResource(fixture + ".rgb");
        int plane = DlibResNet29.INPUT_SIZE * DlibResNet29.INPUT_SIZE;
        float[] nchw = new float[3 * plane];
        for (int i = 0; i < rgb.length; i++) {
            nchw[(i % 3) * plane + i / 3] = Byte.toUnsignedInt(rgb[i]);
        }
        return nchw;
    }

    /** The unnormalised descriptor face-api computed for a parity fixture. */
    public static float[] parityDescriptor(String fixture) {
        String[] lines = new String(parityResource(fixture + ".descriptor.txt"), StandardCharsets.US_ASCII)
                .strip().split("\n");
        float[] descriptor = new float[lines.length];
        for (int i = 0; i < lines.length; i++) {
            descriptor[i] = Float.parseFloat(lines[i].strip());
        }
        return descriptor;
    }
}
