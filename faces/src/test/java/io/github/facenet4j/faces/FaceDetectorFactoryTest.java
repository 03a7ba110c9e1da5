package io.github.facenet4j.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceDetectorFactoryTest {

    /** A network that only counts how often it was closed. */
    private static final class CountingNetwork implements Network {
        int closed;

        @Override public TensorShape inputShape() { return new TensorShape(3, 1, 1); }
        @Override public int outputSize() { return 1; }
        @Override public float[][] run(TensorBatch batch) { return new float[batch.batch()][1]; }
        @Override public void close() { closed++; }
    }

    @Test
    void anOwningDetectorDetectsWithWhatWasMadeAndClosesItsNetworkOnce() {
        CountingNetwork network = new CountingNetwork();
        FaceBox box = new FaceBox(1, 2, 3, 4, 0.9);
        FaceDetectorFactory.Detector detector = FaceDetectorFactory.Detector.owning(network, n -> image -> List.of(box));

        assertThat(detector.detect(new RgbImage(1, 1, new byte[3]))).containsExactly(box);
        assertThat(network.closed).isZero();
        detector.close();
        assertThat(network.closed).isEqualTo(1);
    }

    @Test
    void theNetworkIsClosedWhenTheDetectorCannotBeMade() {
        CountingNetwork network = new CountingNetwork();

        assertThatThrownBy(() -> FaceDetectorFactory.Detector.owning(network, n -> {
            throw new ConfigurationException("wrong network");
        })).isInstanceOf(ConfigurationException.class).hasMessage("wrong network");
        assertThat(network.closed).isEqualTo(1);
    }
}
