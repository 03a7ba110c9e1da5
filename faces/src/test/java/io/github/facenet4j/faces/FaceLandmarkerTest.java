package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The crop, resize and mapping around the landmark net, on synthetic pictures and a network double. */
class FaceLandmarkerTest {

    private static final int N = 112;

    /** A network double: each sample's output is computed from its input by {@code f}. */
    private static Network network(TensorShape in, int outputs, Function<float[], float[]> f) {
        return new Network() {
            @Override public TensorShape inputShape() { return in; }
            @Override public int outputSize() { return outputs; }
            @Override public void close() { }

            @Override
            public float[][] run(TensorBatch batch) {
                Network.requireShape(in, batch, "double");
                float[][] rows = new float[batch.batch()][];
                for (int n = 0; n < rows.length; n++) {
                    float[] sample = new float[batch.imageSize()];
                    System.arraycopy(batch.data(), n * sample.length, sample, 0, sample.length);
                    rows[n] = f.apply(sample);
                }
                return rows;
            }
        };
    }

    private static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    /**
     * tfjs' resizeBilinear (alignCorners and halfPixelCenters false) from its definition, on
     * the crop padded by face-api's padToSquare, for channel c: reads the source at r · in / out,
     * rows ⌊·⌋ and min(⌈·⌉, in − 1).
     */
    private static double tfjsPixel(RgbImage image, FaceLandmarker.Crop crop, int r, int col, int c) {
        int side = Math.max(crop.width(), crop.height());
        int diff = Math.abs(crop.width() - crop.height());
        int before = diff - (int) Math.round(diff * 0.5);
        int left = crop.width() < crop.height() ? before : 0;
        int top = crop.height() < crop.width() ? before : 0;
        double sy = (double) side / N * r;
        double sx = (double) side / N * col;
        int y0 = (int) Math.floor(sy);
        int y1 = Math.min(side - 1, (int) Math.ceil(sy));
        int x0 = (int) Math.floor(sx);
        int x1 = Math.min(side - 1, (int) Math.ceil(sx));
        double[][] v = new double[2][2];
        int[] ys = {y0, y1};
        int[] xs = {x0, x1};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                int y = ys[i] - top;
                int x = xs[j] - left;
                boolean inside = y >= 0 && y < crop.height() && x >= 0 && x < crop.width();
                v[i][j] = inside ? image.get(crop.x() + x, crop.y() + y, c) : 0;
            }
        }
        double topRow = v[0][0] + (v[0][1] - v[0][0]) * (sx - x0);
        double bottomRow = v[1][0] + (v[1][1] - v[1][0]) * (sx - x0);
        return topRow + (bottomRow - topRow) * (sy - y0);
    }

    @Test
    void cropsClipsAndFloorsTheBoxAsFaceApiDoes() {
        RgbImage image = noise(200, 100, 1);

        assertThat(FaceLandmarker.Crop.of(image, new FaceBox(10.7, 20.2, 50.6, 40.9, 1)))
                .isEqualTo(new FaceLandmarker.Crop(10, 20, 50, 40));
        assertThat(FaceLandmarker.Crop.of(image, new FaceBox(-15.5, -5, 40, 300, 1)))
                .isEqualTo(new FaceLandmarker.Crop(0, 0, 24, 100));
        assertThat(FaceLandmarker.Crop.of(image, new FaceBox(180.5, 90, 50, 50, 1)))
                .isEqualTo(new FaceLandmarker.Crop(180, 90, 19, 10));
        assertThatThrownBy(() -> FaceLandmarker.Crop.of(image, new FaceBox(250, 10, 30, 30, 1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Face box 250.0, 10.0, 30.0×30.0 holds no whole pixel of the 200×100 image");
        assertThatThrownBy(() -> FaceLandmarker.Crop.of(image, new FaceBox(5, 5, 0.5, 30, 1)))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void netInputIsThePaddedCropResizedAsTfjsDoes() {
        RgbImage image = noise(300, 260, 2);
        List<FaceLandmarker.Crop> crops = List.of(new FaceLandmarker.Crop(3, 4, 57, 80), // odd difference, pad sides
                new FaceLandmarker.Crop(100, 50, 190, 131), // pad top and bottom, shrink
                new FaceLandmarker.Crop(0, 0, 40, 40), // enlarge
                new FaceLandmarker.Crop(10, 10, 112, 112)); // as is
        for (FaceLandmarker.Crop crop : crops) {
            float[] input = FaceLandmarker.input(image, crop);
            double max = 0;
            for (int c = 0; c < 3; c++) {
                for (int r = 0; r < N; r++) {
                    for (int col = 0; col < N; col++) {
                        max = Math.max(max, Math.abs(input[(c * N + r) * N + col] - tfjsPixel(image, crop, r, col, c)));
                    }
                }
            }
            assertThat(max).as("crop %s", crop).isLessThan(1e-4);
        }
        // Unscaled, the crop is copied exactly.
        float[] same = FaceLandmarker.input(image, crops.get(3));
        assertThat(same[(1 * N + 5) * N + 7]).isEqualTo(image.get(17, 15, 1));
    }

    @Test
    void mapsNetOutputsBackToImagePixels() {
        // A double that puts point i at relative (i / 67, 1 − i / 67) of its 112×112 input.
        Network net = network(new TensorShape(3, N, N), 136, in -> {
            float[] out = new float[136];
            for (int i = 0; i < 68; i++) {
                out[2 * i] = i / 67f;
                out[2 * i + 1] = 1 - i / 67f;
            }
            return out;
        });
        RgbImage image = noise(400, 300, 3);
        FaceLandmarker landmarker = new FaceLandmarker(net);

        List<FaceBox> boxes = List.of(new FaceBox(50.4, 60.9, 100, 100, 1), new FaceBox(200, 20, 80, 120, 1),
                new FaceBox(10, 150, 150, 90, 1));
        List<Landmarks> found = landmarker.detect(image, boxes);

        // Square crop (50, 60, 100×100): relative position times the side, plus the crop's corner.
        assertThat(found.get(0).point(0).x()).isCloseTo(50, within(1e-4));
        assertThat(found.get(0).point(0).y()).isCloseTo(160, within(1e-4));
        assertThat(found.get(0).point(67).x()).isCloseTo(150, within(1e-4));
        // Tall crop 80×120 padded by 20 at each side: x = 120·u − 20 over the crop.
        assertThat(found.get(1).point(0).x()).isCloseTo(200 - 20, within(1e-4));
        assertThat(found.get(1).point(67).x()).isCloseTo(200 + 100, within(1e-4));
        assertThat(found.get(1).point(67).y()).isCloseTo(20, within(1e-4));
        // Wide crop 150×90: y = 150·v − 30.
        assertThat(found.get(2).point(0).y()).isCloseTo(150 + 120, within(1e-4));
        assertThat(found.get(2).point(67).y()).isCloseTo(150 - 30, within(1e-4));
        assertThat(landmarker.detect(image, List.of())).isEmpty();
    }

    @Test
    void runsEachFaceOnItsOwnCrop() {
        // A double whose output is the mean red level of its input: faces on a red and a black patch differ.
        Network net = network(new TensorShape(3, N, N), 136, in -> {
            double sum = 0;
            for (int i = 0; i < N * N; i++) {
                sum += in[i];
            }
            float[] out = new float[136];
            java.util.Arrays.fill(out, (float) (sum / (N * N)));
            return out;
        });
        byte[] px = new byte[200 * 100 * 3];
        for (int y = 0; y < 100; y++) {
            for (int x = 100; x < 200; x++) {
                px[(y * 200 + x) * 3] = (byte) 255;
            }
        }
        List<Landmarks> found = new FaceLandmarker(net).detect(new RgbImage(200, 100, px),
                List.of(new FaceBox(0, 0, 100, 100, 1), new FaceBox(100, 0, 100, 100, 1)));

        List<Double> xs = new ArrayList<>();
        found.forEach(l -> xs.add(l.point(0).x()));
        // Preprocessed red: (0 − 122.782) / 255 and (255 − 122.782) / 255, times the side 100, plus the corner.
        assertThat(xs.get(0)).isCloseTo(-122.782 / 255 * 100, within(1e-3));
        assertThat(xs.get(1)).isCloseTo(100 + (255 - 122.782) / 255 * 100, within(1e-3));
    }

    @Test
    void rejectsANetworkOfTheWrongShape() {
        assertThatThrownBy(() -> new FaceLandmarker(network(new TensorShape(3, 150, 150), 128, x -> x)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("A 68-point landmark network takes 3×112×112 and gives 136 values; this one takes "
                        + "3×150×150 and gives 128");
    }
}
