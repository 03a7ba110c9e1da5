package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.TrainingState;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph trained with SameDiff's automatic differentiation. The weights the output depends
 * on are SameDiff variables; the loss is the surrogate Σ E⊙G with G a placeholder fed the
 * trainer's dL/dE, so SameDiff's gradient of it is exactly dL/dw. A forward pass keeps its
 * input; its step runs SameDiff's forward and backward on it (SameDiff does not keep one
 * run's activations for a later backward), then the optimiser updates the variables' arrays in
 * place.
 *
 * <p>One caller at a time: every method takes the embedder's lock. A {@link TrainingPass} may
 * step only if no other pass stepped since its forward.
 */
final class Dl4jTrainableEmbedder implements TrainableEmbedder {

    static final String STATE_MAGIC = "facenet4j-dl4j-training-state";
    static final String LABEL = "DL4J";
    private static final String GRADIENT = "loss-gradient";

    private final Graph graph;
    private final SameDiffGraph compiled;
    private final SameDiff sd;
    private final String output;
    private final Dl4jOptimizer optimizer;
    private final TensorShape inputShape;
    /** The weights that get gradients. */
    private final Set<String> live;
    private final int dimension;
    private final ReentrantLock lock = new ReentrantLock();
    /** Counts weight changes: a pass remembers the version it was recorded at. */
    private long version;
    private boolean closed;

    Dl4jTrainableEmbedder(Graph graph, OptimizerSettings settings) {
        this.graph = graph;
        this.inputShape = graph.input().shape();
        this.live = graph.liveWeights();
        this.dimension = graph.outputShape().size();
        this.compiled = Dl4jEngine.call(() -> new SameDiffGraph(graph, true));
        this.sd = compiled.sameDiff();
        this.output = compiled.output().name();
        Map<String, long[]> trained = new LinkedHashMap<>();
        for (String name : live) {
            trained.put(name, weightArray(name).shape());
        }
        this.optimizer = Dl4jEngine.call(() -> {
            SDVariable g = sd.placeHolder(GRADIENT, DataType.FLOAT, -1, dimension);
            SDVariable e = sd.reshape(compiled.output(), -1, dimension);
            sd.setLossVariables(e.mul(g).sum());
            Dl4jEngine.withoutGradientDebugLines(sd::createGradFunction);
            return new Dl4jOptimizer(settings, trained);
        });
    }

    private INDArray weightArray(String name) {
        return sd.getVariable(SameDiffGraph.weightName(name)).getArr();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(TensorBatch batch) {
        Network.requireShape(inputShape, batch, "backend " + Dl4jBackend.NAME + ": the embedder");
        return locked(() -> run(batch, "embedding a batch of " + batch.batch()));
    }

    private float[][] run(TensorBatch batch, String what) {
        try {
            INDArray result = sd.output(Map.of(SameDiffGraph.INPUT, SameDiffGraph.batch(batch)), output).get(output);
            return SameDiffGraph.rows(result, batch.batch(), dimension);
        } catch (RuntimeException e) {
            throw Dl4jNetwork.failed(what, e);
        }
    }

    @Override
    public TrainingPass forward(TensorBatch batch) {
        Network.requireShape(inputShape, batch, "backend " + Dl4jBackend.NAME + ": the embedder");
        return locked(() -> new Pass(batch, run(batch, "in a training pass over " + batch.batch() + " images"),
                version));
    }

    @Override
    public void learningRate(double learningRate) {
        OptimizerSettings.checkLearningRate(learningRate);
        locked(() -> {
            optimizer.learningRate(learningRate);
            return null;
        });
    }

    @Override
    public Map<String, Tensor> weights() {
        return locked(() -> {
            Map<String, Tensor> out = new LinkedHashMap<>();
            graph.weights().forEach((name, t) -> out.put(name, !live.contains(name) ? t
                    : new Tensor(t.shape(), weightArray(name).dup('c').data().asFloat())));
            return out;
        });
    }

    @Override
    public void writeState(OutputStream out) throws IOException {
        TrainingState state = locked(() -> {
            Map<String, List<float[]>> slots = new LinkedHashMap<>();
            for (String name : graph.weights().keySet()) {
                List<INDArray> arrays = optimizer.slots(name);
                if (arrays != null) {
                    slots.put(name, arrays.stream().map(a -> a.dup('c').data().asFloat()).toList());
                }
            }
            return new TrainingState(optimizer.settings().kind().name(), optimizer.learningRate(), optimizer.steps(),
                    weights(), slots);
        });
        state.write(out, STATE_MAGIC);
    }

    @Override
    public void readState(InputStream in) throws IOException {
        TrainingState state = TrainingState.read(in, STATE_MAGIC, LABEL, graph, optimizer.settings().kind(),
                name -> optimizer.slots(name) == null ? 0 : optimizer.slots(name).size());
        locked(() -> {
            for (String name : live) {
                Tensor w = state.weights().get(name);
                weightArray(name).assign(Nd4j.create(w.values(), weightArray(name).shape(), 'c'));
            }
            optimizer.restore(state.learningRate(), state.steps(), state.slots());
            version++;
            return null;
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true; // the arrays go with the SameDiff instance (JavaCPP deallocators)
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The DL4J embedder is closed");
            }
            return Dl4jEngine.call(action);
        } finally {
            lock.unlock();
        }
    }

    /** One forward pass: its input, kept for the step, and its embeddings. */
    private final class Pass implements TrainingPass {

        private final TensorBatch batch;
        private final float[][] embeddings;
        private final long recordedAt;
        private boolean done;

        Pass(TensorBatch batch, float[][] embeddings, long recordedAt) {
            this.batch = batch;
            this.embeddings = embeddings;
            this.recordedAt = recordedAt;
        }

        @Override
        public float[][] embeddings() {
            return embeddings;
        }

        @Override
        public void backwardAndStep(float[][] lossGradient) {
            float[] g = TrainableEmbedder.flattenGradient(lossGradient, embeddings.length, dimension);
            locked(() -> {
                TrainableEmbedder.requireCanStep(done, recordedAt, version);
                done = true;
                Map<String, INDArray> weights = new LinkedHashMap<>();
                Map<String, INDArray> gradients = new LinkedHashMap<>();
                try {
                    List<String> names = new ArrayList<>();
                    for (String name : live) {
                        names.add(SameDiffGraph.weightName(name));
                    }
                    Map<String, INDArray> computed = sd.calculateGradients(Map.of(SameDiffGraph.INPUT,
                            SameDiffGraph.batch(batch), GRADIENT, Nd4j.create(g, new long[] {embeddings.length,
                                    dimension}, 'c')), names);
                    for (String name : live) {
                        weights.put(name, weightArray(name));
                        gradients.put(name, computed.get(SameDiffGraph.weightName(name)));
                    }
                } catch (RuntimeException e) {
                    throw Dl4jNetwork.failed("back-propagating a pass of " + embeddings.length + " images", e);
                }
                optimizer.step(weights, gradients);
                version++;
                return null;
            });
        }

        @Override
        public void close() {
            lock.lock();
            try {
                done = true;
            } finally {
                lock.unlock();
            }
        }
    }
}
