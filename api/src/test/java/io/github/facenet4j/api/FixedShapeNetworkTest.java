package io.github.facenet4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FixedShapeNetworkTest {

    /** A network whose engine is a function of the batch; counts the batches that reach it. */
    private static final class Engine extends FixedShapeNetwork {
        private final Function<TensorBatch, float[][]> engine;
        int calls;

        Engine(TensorShape in, int outputSize, Function<TensorBatch, float[][]> engine) {
            super(in, outputSize, "test: the net");
            this.engine = engine;
        }

        @Override
        protected float[][] runChecked(TensorBatch batch) {
            calls++;
            return engine.apply(batch);
        }

        @Override
        public void close() {
        }
    }

    /** Per sample: the sum of its values and the largest one. */
    private static float[][] sumAndMax(TensorBatch batch) {
        int size = batch.imageSize();
        float[][] rows = new float[batch.batch()][2];
        for (int n = 0; n < batch.batch(); n++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                float v = batch.data()[n * size + i];
                rows[n][0] += v;
                max = Math.max(max, v);
            }
            rows[n][1] = max;
        }
        return rows;
    }

    @Test
    void runsABatchOfItsShapeOnTheEngine() {
        Engine net = new Engine(new TensorShape(1, 1, 3), 2, FixedShapeNetworkTest::sumAndMax);

        float[][] rows = net.run(new TensorBatch(new float[] {1, 2, 3, -4, 0, 5}, 2, 1, 1, 3));

        assertThat(net.inputShape()).isEqualTo(new TensorShape(1, 1, 3));
        assertThat(net.outputSize()).isEqualTo(2);
        assertThat(rows).isDeepEqualTo(new float[][] {{6, 3}, {1, 5}});
        assertThat(net.calls).isEqualTo(1);
    }

    @Test
    void refusesABatchOfAnotherShapeBeforeTheEngineSeesIt() {
        Engine net = new Engine(new TensorShape(1, 1, 3), 2, FixedShapeNetworkTest::sumAndMax);

        assertThatThrownBy(() -> net.run(new TensorBatch(new float[6], 2, 1, 3, 1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("test: the net takes N×1×1×3 tensors, got 2×1×3×1");
        assertThatThrownBy(() -> net.run(null)).isInstanceOf(NullPointerException.class).hasMessage("batch");
        assertThat(net.calls).isZero();
    }

    @Test
    void anEngineAnswerOfTheWrongSizeIsABackendError() {
        TensorBatch two = new TensorBatch(new float[6], 2, 1, 1, 3);
        Engine oneRow = new Engine(new TensorShape(1, 1, 3), 2, batch -> new float[1][2]);
        Engine shortRow = new Engine(new TensorShape(1, 1, 3), 2, batch -> new float[][] {{1, 2}, {3}});

        assertThatThrownBy(() -> oneRow.run(two))
                .isInstanceOf(BackendException.class)
                .hasMessage("test: the net returned 1 rows for a batch of 2");
        assertThatThrownBy(() -> shortRow.run(two))
                .isInstanceOf(BackendException.class)
                .hasMessage("test: the net returned 1 values in row 1, expected 2");
    }

    @Test
    void needsAShapeAndAPositiveOutputSize() {
        TensorShape in = new TensorShape(1, 1, 1);
        assertThatThrownBy(() -> new Engine(in, 0, FixedShapeNetworkTest::sumAndMax))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test: the net: the output size must be at least 1, got 0");
        assertThatThrownBy(() -> new Engine(null, 2, FixedShapeNetworkTest::sumAndMax))
                .isInstanceOf(NullPointerException.class).hasMessage("inputShape");
    }
}
