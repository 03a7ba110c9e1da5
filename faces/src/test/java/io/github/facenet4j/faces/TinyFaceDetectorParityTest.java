package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.backends.onnx.internal.OrtBackend;
import io.github.facenet4j.backends.onnx.internal.OrtBackendConfig;
import io.github.facenet4j.faces.internal.SquareInput;
import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.RealModel;
import io.github.facenet4j.models.TfjsWeights;
import io.github.facenet4j.models.TinyFaceDetectorNet;
import io.github.facenet4j.models.internal.ReferenceExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The detector on the ONNX backend against face-api itself, on the demo photos of the
 * face-api pack. Fixtures in {@code src/test/resources/detections}, written by
 * {@code src/test/node/face-api-detections.mjs} (how to run it is at its top) with face-api
 * 1.7.15 on tfjs 4.22's CPU backend, from the photos' pixels as {@link ImageFiles} decodes them
 * (each fixture records their sha256, checked here):
 * {@code NAME-SIZE.txt}, face-api's boxes at input size SIZE; {@code sample1-64.input.f32}
 * and {@code sample1-64.output.txt}, the network's input and output for sample1 at size 64.
 */
class TinyFaceDetectorParityTest {

    private static final OrtBackend BACKEND = new OrtBackend(OrtBackendConfig.defaults());
    private static final Map<Integer, Network> NETWORKS = new ConcurrentHashMap<>();
    private static final Map<String, RgbImage> PHOTOS = new ConcurrentHashMap<>();
    private static Map<String, Tensor> weights;

    @BeforeAll
    static void load() {
        weights = TfjsWeights.read(RealModel.packageDir().resolve(FaceApiPack.DETECTOR_MANIFEST));
    }

    @AfterAll
    static void close() {
        NETWORKS.values().forEach(Network::close);
    }

    private static Network network(int size) {
        return NETWORKS.computeIfAbsent(size, s -> BACKEND.compile(TinyFaceDetectorNet.graph(weights, s)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "sample1, 416", "sample2, 416", "sample3, 416", "sample4, 416", "sample5, 416", "sample6, 416",
        "sample1, 512", "sample2, 512", "sample3, 512", "sample4, 512", "sample5, 512", "sample6, 512",
        "sample1, 608", "sample2, 608", "sample3, 608", "sample4, 608", "sample5, 608", "sample6, 608"})
    void detectionsMatchFaceApi(String sample, int size) {
        RgbImage photo = photo(sample);
        Fixture fixture = Fixture.read(sample + "-" + size + ".txt");
        assertThat(photo.width() + "x" + photo.height()).isEqualTo(fixture.size);
        assertThat(TestPhotos.sha256(photo.pixels())).as("decoded pixels of %s.jpg are those face-api saw", sample)
                .isEqualTo(fixture.sha256);
        List<FaceBox> expected = new ArrayList<>();
        for (FaceBox box : fixture.boxes) {
            FaceBox clipped = TinyFaceDetector.clip(box, photo.width(), photo.height());
            if (clipped != null) {
                expected.add(clipped);
            }
        }
        TinyFaceDetector detector = new TinyFaceDetector(network(size),
                TinyFaceDetectorConfig.defaults().withInputSize(size));

        List<FaceBox> actual = detector.detect(photo);

        assertThat(actual).as("faces in %s at %d", sample, size).hasSameSizeAs(expected);
        List<FaceBox> left = new ArrayList<>(actual);
        double worstIou = 1;
        double worstScore = 0;
        for (FaceBox want : expected) {
            FaceBox best = left.stream().max((a, b) -> Double.compare(a.iou(want), b.iou(want))).orElseThrow();
            left.remove(best);
            assertThat(best.iou(want)).as("IoU of %s with face-api's %s", best, want).isGreaterThanOrEqualTo(0.95);
            assertThat(Math.abs(best.score() - want.score())).as("score of %s against face-api's %s", best, want)
                    .isLessThanOrEqualTo(0.02);
            worstIou = Math.min(worstIou, best.iou(want));
            worstScore = Math.max(worstScore, Math.abs(best.score() - want.score()));
        }
        System.out.printf("%s at %d: %d faces as face-api, IoU ≥ %.5f, |Δscore| ≤ %.1e%n", sample, size,
                actual.size(), worstIou, worstScore);
    }

    /**
     * At the default settings every clearly visible face of the demo photos is found, except
     * the woman in profile on the left of sample2, and nothing else: counts checked by eye on
     * the boxes drawn over the photos (22 faces in all).
     */
    @Test
    void theDefaultsFindTheClearlyVisibleFaces() {
        TinyFaceDetectorConfig config = TinyFaceDetectorConfig.defaults();
        TinyFaceDetector detector = new TinyFaceDetector(network(config.inputSize()), config);
        int[] counts = new int[6];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = detector.detect(photo("sample" + (i + 1))).size();
        }

        System.out.printf("faces at the defaults (input size %d): %s%n", config.inputSize(),
                Arrays.toString(counts));
        assertThat(counts).containsExactly(3, 2, 3, 4, 5, 4);
    }

    @Test
    void inputAndRawOutputMatchFaceApiAndTheReferenceExecutor() {
        int size = 64;
        RgbImage photo = photo("sample1");
        Fixture fixture = Fixture.read("sample1-416.txt");
        assertThat(TestPhotos.sha256(photo.pixels())).as("sha256 of sample1.jpg as ImageFiles decodes it: the raw fixtures were made"
                + " from these pixels; regenerate them as face-api-detections.mjs says").isEqualTo(fixture.sha256);
        float[] resized = SquareInput.resize(photo, size);
        float[] faceApiInput = hwcToChw(floats(resource("sample1-64.input.f32")), 3, size);
        float[] faceApiOutput = hwcToChw(lines(resource("sample1-64.output.txt")), TinyFaceDetectorNet.CHANNELS, 2);

        float[] x = SquareInput.normalize(resized.clone(), TinyFaceDetectorNet.meanRgb());
        Graph graph = TinyFaceDetectorNet.graph(weights, size);
        float[] reference = new ReferenceExecutor(graph).run(x);
        float[] ort = network(size).run(new TensorBatch(x, 1, 3, size, size))[0];

        assertThat(resized).as("pad and resize, bit for bit").containsExactly(faceApiInput);
        double againstFaceApi = maxDifference(reference, faceApiOutput);
        double ortAgainstReference = maxDifference(ort, reference);
        System.out.printf("raw output at %d: reference vs face-api %.2e, onnx vs reference %.2e%n", size,
                againstFaceApi, ortAgainstReference);
        assertThat(againstFaceApi).isLessThanOrEqualTo(1e-4);
        assertThat(ortAgainstReference).isLessThanOrEqualTo(1e-4);
    }

    private static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static RgbImage photo(String sample) {
        return PHOTOS.computeIfAbsent(sample, RealLandmarks::photo);
    }

    private static float[] hwcToChw(float[] hwc, int channels, int side) {
        float[] chw = new float[hwc.length];
        for (int i = 0; i < hwc.length; i++) {
            chw[(i % channels) * side * side + i / channels] = hwc[i];
        }
        return chw;
    }

    private static float[] floats(byte[] littleEndian) {
        ByteBuffer buffer = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[littleEndian.length / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    private static float[] lines(byte[] text) {
        String[] lines = new String(text, StandardCharsets.US_ASCII).strip().split("\n");
        float[] values = new float[lines.length];
        for (int i = 0; i < lines.length; i++) {
            values[i] = Float.parseFloat(lines[i].strip());
        }
        return values;
    }

    static byte[] resource(String name) {
        try (InputStream in = TinyFaceDetectorParityTest.class.getResourceAsStream("/detections/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No fixture /detections/" + name + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture: the image size and sha256 from its header, then face-api's boxes. */
    record Fixture(String size, String sha256, List<FaceBox> boxes) {
        private static final Pattern IMAGE = Pattern.compile("# image \\S+ (\\d+x\\d+), rgb sha256 ([0-9a-f]{64})");

        static Fixture read(String name) {
            String size = null;
            String sha = null;
            List<FaceBox> boxes = new ArrayList<>();
            for (String line : new String(resource(name), StandardCharsets.US_ASCII).split("\n")) {
                Matcher m = IMAGE.matcher(line);
                if (m.matches()) {
                    size = m.group(1);
                    sha = m.group(2);
                } else if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.trim().split(" ");
                    boxes.add(new FaceBox(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
                }
            }
            if (size == null) {
                throw new IllegalStateException("Fixture " + name + " has no '# image' header line");
            }
            return new Fixture(size, sha, boxes);
        }
    }
}
