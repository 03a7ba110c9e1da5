package io.github.facenet4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.InputNormalisation.ChannelOrder;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetBatchTest {

    /** Three 1×1×2 images: (10, 250), (0, 255), (30, 40), of identities a, b, a. */
    private static final ByteImages THREE = new ByteImages(new TensorShape(1, 1, 2),
            new byte[] {10, (byte) 250, 0, (byte) 255, 30, 40}, new int[] {0, 1, 0}, List.of("a", "b"), "three");

    @Test
    void imagesAreTheirBytesAsPixelValues() {
        assertThat(THREE.image(0)).containsExactly(10f, 250f);
        assertThat(THREE.image(1)).containsExactly(0f, 255f);
    }

    @Test
    void aBatchHoldsTheChosenImagesInOrderNormalised() {
        TensorBatch batch = THREE.batch(new int[] {2, 0},
                new InputNormalisation(ChannelOrder.GRAY, new float[] {10}, new float[] {4}));
        assertThat(batch.batch()).isEqualTo(2);
        assertThat(batch.channels()).isEqualTo(1);
        assertThat(batch.height()).isEqualTo(1);
        assertThat(batch.width()).isEqualTo(2);
        assertThat(batch.data()).containsExactly(5f, 7.5f, 0f, 60f);
        assertThat(THREE.batch(1, 3, InputNormalisation.unitRange(ChannelOrder.GRAY)).data())
                .containsExactly(0f, 1f, 30 / 255f, 40 / 255f);
    }

    @Test
    void aSubsetBatchesItsParentsImages() {
        Dataset subset = THREE.subset(new int[] {1}, "b only");
        assertThat(subset.batch(0, 1, InputNormalisation.unitRange(ChannelOrder.GRAY)).data())
                .containsExactly(0f, 1f);
    }

    @Test
    void aNormalisationForOtherChannelsIsRefused() {
        assertThatThrownBy(() -> THREE.batch(0, 1, InputNormalisation.unitRange(ChannelOrder.BGR)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("three has images of 1×1×2 but the input normalisation is for 3 channel(s) (bgr)");
    }

    @Test
    void labelsWithoutANameAreRefused() {
        assertThatThrownBy(() -> new ByteImages(new TensorShape(1, 1, 1), new byte[2], new int[] {0, 2},
                List.of("a", "b"), "bad")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 2 outside 0..1");
        assertThatThrownBy(() -> new ByteImages(new TensorShape(1, 1, 2), new byte[3], new int[] {0, 1},
                List.of("a", "b"), "short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 images of 1×1×2 need 4 bytes, got 3");
    }
}
