package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.api.nn.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Nanoseconds spent in each part of the training steps of this run, measured by wrapping the
 * network, the miner and the loss the trainer is given: the summary's per-part figures.
 */
final class StepTimings {
    long forward;
    long mining;
    long loss;
    long backward;
    long validation;

    long stepNanos() {
        return forward + mining + loss + backward;
    }

    /** {@code d}, timing forward, backward/step and validation embedding. */
    TrainableEmbedder embedder(TrainableEmbedder d) {
        return new TimedEmbedder(d, this);
    }

    /** {@code d}, timing mining. */
    TripletMiner miner(TripletMiner d) {
        return new TimedMiner(d, this);
    }

    /** {@code d}, timing the loss. */
    Loss loss(Loss d) {
        return new TimedLoss(d, this);
    }

    /** {@code call}'s answer, after adding the nanoseconds it took to {@code part} (also when it throws). */
    private static <T> T timed(Supplier<T> call, LongConsumer part) {
        long t0 = System.nanoTime();
        try {
            return call.get();
        } finally {
            part.accept(System.nanoTime() - t0);
        }
    }

    private static final class TimedEmbedder implements TrainableEmbedder {
        private final TrainableEmbedder d;
        private final StepTimings t;

        TimedEmbedder(TrainableEmbedder d, StepTimings t) {
            this.d = d;
            this.t = t;
        }

        @Override
        public TrainingPass forward(TensorBatch batch) {
            long t0 = System.nanoTime();
            TrainingPass pass = d.forward(batch);
            float[][] e = pass.embeddings();
            t.forward += System.nanoTime() - t0;
            return new TrainingPass() {
                @Override
                public float[][] embeddings() {
                    return e;
                }

                @Override
                public void backwardAndStep(float[][] lossGradient) {
                    long t1 = System.nanoTime();
                    pass.backwardAndStep(lossGradient);
                    t.backward += System.nanoTime() - t1;
                }

                @Override
                public void close() {
                    pass.close();
                }
            };
        }

        @Override
        public void learningRate(double learningRate) {
            d.learningRate(learningRate);
        }

        @Override
        public Map<String, Tensor> weights() {
            return d.weights();
        }

        @Override
        public void writeState(OutputStream out) throws IOException {
            d.writeState(out);
        }

        @Override
        public void readState(InputStream in) throws IOException {
            d.readState(in);
        }

        @Override
        public int dimension() {
            return d.dimension();
        }

        @Override
        public float[][] embed(TensorBatch batch) {
            return timed(() -> d.embed(batch), nanos -> t.validation += nanos);
        }

        @Override
        public void close() {
            d.close();
        }
    }

    private record TimedMiner(TripletMiner d, StepTimings t) implements TripletMiner {
        @Override
        public String name() {
            return d.name();
        }

        @Override
        public MiningResult mine(EmbeddingBatch batch, MiningContext context) {
            return timed(() -> d.mine(batch, context), nanos -> t.mining += nanos);
        }
    }

    private record TimedLoss(Loss d, StepTimings t) implements Loss {
        @Override
        public String name() {
            return d.name();
        }

        @Override
        public LossResult compute(EmbeddingBatch batch, Triplets triplets) {
            return timed(() -> d.compute(batch, triplets), nanos -> t.loss += nanos);
        }
    }
}
