package io.github.facenet4j.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import org.junit.jupiter.api.Test;

class InputNormalisationTest {

    /** Two pixels as R, G, B planes: (200, 100, 50) and (0, 255, 10). */
    private static final float[] TWO_PIXELS = {200, 0, 100, 255, 50, 10};
    private static final float[] MEAN = {10, 20, 30};
    private static final float[] SCALE = {2, 4, 5};

    @Test
    void rgbSubtractsTheMeanAndDividesByTheScaleOfEachChannel() {
        float[] out = new float[6];
        new InputNormalisation(ChannelOrder.RGB, MEAN, SCALE).apply(TWO_PIXELS, 0, 2, out, 0);
        assertThat(out).containsExactly(95f, -5f, 20f, 58.75f, 4f, -4f);
    }

    @Test
    void bgrReversesThePlanesBeforeTheNetworksOwnMeanAndScale() {
        float[] out = new float[6];
        new InputNormalisation(ChannelOrder.BGR, MEAN, SCALE).apply(TWO_PIXELS, 0, 2, out, 0);
        // network channel 0 is blue: (50 − 10) / 2, (10 − 10) / 2; channel 2 is red: (200 − 30) / 5, (0 − 30) / 5
        assertThat(out).containsExactly(20f, 0f, 20f, 58.75f, 34f, -6f);
    }

    @Test
    void bgrMayWriteOverItsInput() {
        float[] data = {7, 7, 200, 0, 100, 255, 50, 10};
        new InputNormalisation(ChannelOrder.BGR, MEAN, SCALE).apply(data, 2, 2, data, 2);
        assertThat(data).containsExactly(7f, 7f, 20f, 0f, 20f, 58.75f, 34f, -6f);
    }

    @Test
    void grayNormalisesItsOnePlaneAtTheGivenOffsets() {
        float[] out = new float[4];
        new InputNormalisation(ChannelOrder.GRAY, new float[] {127.5f}, new float[] {127.5f})
                .apply(new float[] {1, 0, 255, 9}, 1, 2, out, 2);
        assertThat(out).containsExactly(0f, 0f, -1f, 1f);
    }

    @Test
    void unitRangeIsValueOver255BitForBitForEveryByte() {
        float[] bytes = new float[256];
        for (int v = 0; v < 256; v++) {
            bytes[v] = v;
        }
        float[] out = new float[256];
        InputNormalisation.unitRange(ChannelOrder.GRAY).apply(bytes, 0, 256, out, 0);
        for (int v = 0; v < 256; v++) {
            assertThat(Float.floatToRawIntBits(out[v])).as("value %d", v)
                    .isEqualTo(Float.floatToRawIntBits(v / 255f));
        }
        assertThat(InputNormalisation.unitRange(ChannelOrder.RGB).scale()).containsExactly(255f, 255f, 255f);
        assertThat(InputNormalisation.unitRange(ChannelOrder.RGB).mean()).containsExactly(0f, 0f, 0f);
    }

    @Test
    void equalByValueAndUnchangedByTheCallersArrays() {
        float[] mean = MEAN.clone();
        InputNormalisation a = new InputNormalisation(ChannelOrder.RGB, mean, SCALE);
        mean[0] = 99;
        a.mean()[1] = 99;
        InputNormalisation b = new InputNormalisation(ChannelOrder.RGB, new float[] {10, 20, 30}, new float[] {2, 4, 5});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
                .isNotEqualTo(new InputNormalisation(ChannelOrder.BGR, MEAN, SCALE));
        assertThat(a.toString()).isEqualTo("rgb (value − [10.0, 20.0, 30.0]) / [2.0, 4.0, 5.0]");
    }

    @Test
    void channelOrdersHaveTheirCardLabelsAndChannelCounts() {
        assertThat(ChannelOrder.parse("bgr")).isEqualTo(ChannelOrder.BGR);
        assertThat(ChannelOrder.GRAY.label()).isEqualTo("gray");
        assertThat(ChannelOrder.GRAY.channels()).isEqualTo(1);
        assertThat(ChannelOrder.BGR.channels()).isEqualTo(3);
        assertThat(ChannelOrder.forChannels(1)).isEqualTo(ChannelOrder.GRAY);
        assertThat(ChannelOrder.forChannels(3)).isEqualTo(ChannelOrder.RGB);
    }

    @Test
    void badValuesAreOneLine() {
        assertThatThrownBy(() -> ChannelOrder.parse("RGB")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Input channel order must be rgb, bgr or gray, got 'RGB'");
        assertThatThrownBy(() -> ChannelOrder.forChannels(2)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Images have 1 (grey) or 3 (RGB) channels, not 2");
        assertThatThrownBy(() -> new InputNormalisation(ChannelOrder.RGB, new float[3], new float[] {1}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Input normalisation: mean and scale need one value per channel (3), got 3 and 1");
        assertThatThrownBy(() -> new InputNormalisation(ChannelOrder.GRAY, new float[] {Float.NaN}, new float[] {1}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Input normalisation: every mean must be finite, got NaN");
        assertThatThrownBy(() -> new InputNormalisation(ChannelOrder.GRAY, new float[1], new float[] {0}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Input normalisation: every scale must be > 0, got 0.0");
    }
}
