package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.TinyFaceDetectorNet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detector's steps around a network whose output is made by hand. */
class TinyFaceDetectorTest {

    /** A 32×32 network (one grid cell) answering a fixed output and keeping what it was given. */
    private static final class FixedNetwork implements Network {
        final float[] output = new float[TinyFaceDetectorNet.CHANNELS];
        TensorBatch seen;

        FixedNetwork() {
            for (int a = 0; a < 5; a++) {
                output[a * 5 + 4] = -20f; // no face
            }
        }

        void anchor(int a, double tx, double ty, double tw, double th, double to) {
            double[] v = {tx, ty, tw, th, to};
            for (int k = 0; k < 5; k++) {
                output[a * 5 + k] = (float) v[k];
            }
        }

        @Override public TensorShape inputShape() { return new TensorShape(3, 32, 32); }
        @Override public int outputSize() { return output.length; }
        @Override public float[][] run(TensorBatch batch) {
            seen = batch;
            return new float[][] {output.clone()};
        }
        @Override public void close() { }
    }

    private static final TinyFaceDetectorConfig AT_32 = TinyFaceDetectorConfig.defaults().withInputSize(32);

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** tw that makes a box {@code cells} grid cells wide for anchor {@code a}. */
    private static double log(double cells, double anchor) {
        return Math.log(cells / anchor);
    }

    @Test
    void boxesAreMappedThroughThePaddedSquareSuppressedAndClipped() {
        FixedNetwork net = new FixedNetwork();
        double w0 = TinyFaceDetectorNet.ANCHORS.get(0).width();
        double h0 = TinyFaceDetectorNet.ANCHORS.get(0).height();
        // A 200×100 image pads to a 200×200 square: one grid cell covers all of it.
        // Anchor 0: centre (0.5, 0.3), size 0.25 × 0.2 of 200 → (75, 40) 50 × 40, score 0.9.
        net.anchor(0, 0, logit(0.3), log(0.25, w0), log(0.2, h0), logit(0.9));
        // Anchor 2: nearly the same box, score 0.8 → suppressed by anchor 0.
        double w2 = TinyFaceDetectorNet.ANCHORS.get(2).width();
        double h2 = TinyFaceDetectorNet.ANCHORS.get(2).height();
        net.anchor(2, logit(0.52), logit(0.3), log(0.25, w2), log(0.2, h2), logit(0.8));
        // Anchor 1: centre (0.9, 0.45), size 0.3 × 0.2 → (150, 70) 60 × 40: clipped at x 200, y 100.
        double w1 = TinyFaceDetectorNet.ANCHORS.get(1).width();
        double h1 = TinyFaceDetectorNet.ANCHORS.get(1).height();
        net.anchor(1, logit(0.9), logit(0.45), log(0.3, w1), log(0.2, h1), logit(0.7));
        // Anchor 3: centre (0.5, 0.8), in the padding below the image → dropped.
        double w3 = TinyFaceDetectorNet.ANCHORS.get(3).width();
        double h3 = TinyFaceDetectorNet.ANCHORS.get(3).height();
        net.anchor(3, 0, logit(0.8), log(0.1, w3), log(0.1, h3), logit(0.95));

        List<FaceBox> faces = new TinyFaceDetector(net, AT_32).detect(new RgbImage(200, 100, new byte[200 * 100 * 3]));

        assertThat(faces).hasSize(2);
        assertBox(faces.get(0), 75, 40, 50, 40, 0.9);
        assertBox(faces.get(1), 150, 70, 50, 30, 0.7);
    }

    @Test
    void theMinimumFaceSizeDropsSmallBoxesBeforeSuppression() {
        FixedNetwork net = new FixedNetwork();
        double w0 = TinyFaceDetectorNet.ANCHORS.get(0).width();
        double h0 = TinyFaceDetectorNet.ANCHORS.get(0).height();
        double w2 = TinyFaceDetectorNet.ANCHORS.get(2).width();
        double h2 = TinyFaceDetectorNet.ANCHORS.get(2).height();
        // Image 100×100. Anchor 0: 20 × 20 at the centre, score 0.9; anchor 2: 30 × 30 there, score 0.6.
        // IoU 400 / 900 = 0.44 > 0.4, so without a minimum size only the small one is left.
        net.anchor(0, 0, 0, log(0.2, w0), log(0.2, h0), logit(0.9));
        net.anchor(2, 0, 0, log(0.3, w2), log(0.3, h2), logit(0.6));
        RgbImage image = new RgbImage(100, 100, new byte[100 * 100 * 3]);

        List<FaceBox> all = new TinyFaceDetector(net, AT_32).detect(image);
        List<FaceBox> big = new TinyFaceDetector(net, new TinyFaceDetectorConfig(32, 0.5, 0.4, 25)).detect(image);

        assertThat(all).hasSize(1);
        assertBox(all.get(0), 40, 40, 20, 20, 0.9);
        assertThat(big).hasSize(1);
        assertBox(big.get(0), 35, 35, 30, 30, 0.6);
    }

    @Test
    void theNetworkGetsThePreprocessedSquare() {
        FixedNetwork net = new FixedNetwork();
        byte[] grey = new byte[32 * 16 * 3];
        Arrays.fill(grey, (byte) 200);

        assertThat(new TinyFaceDetector(net, AT_32).detect(new RgbImage(32, 16, grey))).isEmpty();

        float[] x = net.seen.data();
        float[] mean = TinyFaceDetectorNet.meanRgb();
        assertThat(net.seen.batch()).isEqualTo(1);
        assertThat(x).hasSize(3 * 32 * 32);
        // Channel 1 (G), row 0: the image; row 16 and below: zero padding.
        assertThat(x[32 * 32]).isEqualTo((200f - mean[1]) / 255f);
        assertThat(x[32 * 32 + 16 * 32 + 5]).isEqualTo((0f - mean[1]) / 255f);
    }

    @Test
    void aNetworkForAnotherSizeIsRejected() {
        FixedNetwork net = new FixedNetwork();

        assertThatThrownBy(() -> new TinyFaceDetector(net, TinyFaceDetectorConfig.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("detector tiny: input-size 512 needs the network built for 512 (input 3×512×512,"
                        + " 6400 outputs), but this one takes 3×32×32 and gives 25 outputs");
    }

    private static void assertBox(FaceBox b, double x, double y, double w, double h, double score) {
        assertThat(b.x()).as("x").isCloseTo(x, within(1e-3));
        assertThat(b.y()).as("y").isCloseTo(y, within(1e-3));
        assertThat(b.width()).as("width").isCloseTo(w, within(1e-3));
        assertThat(b.height()).as("height").isCloseTo(h, within(1e-3));
        assertThat(b.score()).as("score").isCloseTo(score, within(1e-6));
    }
}
