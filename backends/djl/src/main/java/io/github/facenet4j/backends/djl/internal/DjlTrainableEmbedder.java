package io.github.facenet4j.backends.djl.internal;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
import java.util.concurrent.locks.ReentrantLock;

/**
 * A graph trained on DJL's PyTorch engine. Each weight is held twice over the same storage:
 * a leaf array that requires gradients, which training forward passes read while PyTorch
 * records them, and a detached view, which inference reads (nothing recorded) and the
 * optimiser updates in place (PyTorch refuses in-place changes of a leaf that requires
 * gradients while grad mode is on, and grad mode is on by default in new threads).
 *
 * <p>One caller at a time: every method takes the embedder's lock, since a step changes the
 * weights that a concurrent {@link #embed} reads. A {@link TrainingPass} may step only if no
 * other pass stepped since its forward; otherwise its gradient would be for old weights.
 */
final class DjlTrainableEmbedder implements TrainableEmbedder {

    private static final String STATE_MAGIC = "facenet4j-djl-training-state";

    private final DjlEngine engine;
    private final DjlGraphRunner runner;
    private final Graph graph;
    private final NDManager manager;
    private final DjlOptimizer optimizer;
    private final TensorShape inputShape;
    private final int dimension;
    private final ReentrantLock lock = new ReentrantLock();
    private Map<String, NDArray> leaves = new LinkedHashMap<>();
    private Map<String, NDArray> views = new LinkedHashMap<>();
    /** Counts weight changes: a pass remembers the version it was recorded at. */
    private long version;
    private boolean closed;

    DjlTrainableEmbedder(DjlEngine engine, Graph graph, OptimizerSettings settings) {
        this.engine = engine;
        this.graph = graph;
        this.runner = new DjlGraphRunner(graph);
        this.inputShape = graph.input().shape();
        this.dimension = graph.outputShape().size();
        this.manager = engine.newManager();
        Map<String, float[]> initial = new LinkedHashMap<>();
        graph.weights().forEach((name, t) -> initial.put(name, t.values()));
        this.optimizer = engine.call(() -> {
            installWeights(initial);
            Map<String, NDArray> trained = new LinkedHashMap<>();
            for (String name : runner.liveWeights()) {
                trained.put(name, leaves.get(name));
            }
            return new DjlOptimizer(settings, manager, trained);
        });
    }

    /** Replaces the weight arrays (leaves and views) with new ones holding {@code values}. */
    private void installWeights(Map<String, float[]> values) {
        Map<String, NDArray> newLeaves = new LinkedHashMap<>();
        Map<String, NDArray> newViews = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> w : graph.weights().entrySet()) {
            NDArray leaf = manager.create(values.get(w.getKey()), DjlArrays.shape(w.getValue().shape()));
            // Only weights the output depends on get gradients (any other would keep none).
            if (runner.liveWeights().contains(w.getKey())) {
                leaf.setRequiresGradient(true);
            }
            newLeaves.put(w.getKey(), leaf);
            newViews.put(w.getKey(), leaf.stopGradient());
        }
        leaves.values().forEach(NDArray::close);
        views.values().forEach(NDArray::close);
        leaves = newLeaves;
        views = newViews;
        version++;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(TensorBatch batch) {
        Network.requireShape(inputShape, batch, "backend " + DjlBackend.NAME + ": the embedder");
        return locked(() -> {
            try (NDManager call = manager.newSubManager()) {
                NDArray output = runner.run(DjlArrays.batch(call, batch), views);
                return DjlArrays.rows(output, batch.batch(), dimension);
            } catch (EngineException e) {
                throw DjlArrays.failed("embedding a batch of " + batch.batch(), e);
            }
        });
    }

    @Override
    public TrainingPass forward(TensorBatch batch) {
        Network.requireShape(inputShape, batch, "backend " + DjlBackend.NAME + ": the embedder");
        return locked(() -> {
            NDManager passManager = manager.newSubManager();
            try {
                NDArray output = engine.recording(collector -> runner.run(DjlArrays.batch(passManager, batch), leaves));
                return new Pass(passManager, output, DjlArrays.rows(output, batch.batch(), dimension), version);
            } catch (EngineException e) {
                passManager.close();
                throw DjlArrays.failed("in a training pass over " + batch.batch() + " images", e);
            } catch (RuntimeException e) {
                passManager.close();
                throw e;
            }
        });
    }

    @Override
    public void learningRate(double learningRate) {
        OptimizerSettings.checkLearningRate(learningRate);
        locked(() -> {
            optimizer.learningRate(learningRate);
            return null;
        });
    }

    /** The step size the next step uses. */
    double learningRate() {
        return locked(optimizer::learningRate);
    }

    @Override
    public Map<String, Tensor> weights() {
        return locked(this::weightsNow);
    }

    private Map<String, Tensor> weightsNow() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        graph.weights().forEach((name, t) -> out.put(name, new Tensor(t.shape(), views.get(name).toFloatArray())));
        return out;
    }

    @Override
    public void writeState(OutputStream out) throws IOException {
        TrainingState state = locked(() -> {
            Map<String, List<float[]>> slots = new LinkedHashMap<>();
            for (String name : graph.weights().keySet()) {
                List<NDArray> arrays = optimizer.slots(name);
                if (arrays != null) {
                    slots.put(name, arrays.stream().map(NDArray::toFloatArray).toList());
                }
            }
            return new TrainingState(optimizer.settings().kind().name(), optimizer.learningRate(), optimizer.steps(),
                    weightsNow(), slots);
        });
        state.write(out, STATE_MAGIC);
    }

    @Override
    public void readState(InputStream in) throws IOException {
        TrainingState state = TrainingState.read(in, STATE_MAGIC, "DJL", graph, optimizer.settings().kind(),
                name -> optimizer.slots(name) == null ? 0 : optimizer.slots(name).size());
        Map<String, float[]> weights = new LinkedHashMap<>();
        state.weights().forEach((name, t) -> weights.put(name, t.values()));
        locked(() -> {
            installWeights(weights);
            Map<String, List<NDArray>> restored = new LinkedHashMap<>();
            for (String name : runner.liveWeights()) {
                List<NDArray> arrays = new ArrayList<>();
                for (float[] values : state.slots().get(name)) {
                    arrays.add(manager.create(values, leaves.get(name).getShape()));
                }
                restored.put(name, arrays);
            }
            optimizer.restore(state.learningRate(), state.steps(), restored);
            return null;
        });
    }

    /** Arrays the embedder's manager holds (weights, views, optimiser state, open passes). */
    int managedArrays() {
        return locked(() -> manager.getManagedArrays().size());
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                engine.call(() -> {
                    manager.close();
                    return null;
                });
            }
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The DJL embedder is closed");
        }
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            requireOpen();
            return engine.call(action);
        } finally {
            lock.unlock();
        }
    }

    /** One recorded forward pass; its arrays live in its own manager until it closes. */
    private final class Pass implements TrainingPass {

        private final NDManager passManager;
        private final NDArray output;
        private final float[][] embeddings;
        private final long recordedAt;
        private boolean done;

        Pass(NDManager passManager, NDArray output, float[][] embeddings, long recordedAt) {
            this.passManager = passManager;
            this.output = output;
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
                try {
                    // Back-propagate the surrogate Σ E⊙G with G constant: its gradient is G's
                    // vector-Jacobian product, exactly dL/dw of the loss that produced G.
                    engine.recording(collector -> {
                        NDArray constant = passManager.create(g, output.getShape());
                        collector.backward(output.mul(constant).sum());
                        return null;
                    });
                    step();
                } catch (EngineException e) {
                    throw DjlArrays.failed("back-propagating a pass of " + embeddings.length + " images", e);
                } finally {
                    close();
                }
                return null;
            });
        }

        /** One optimiser step from the gradients the leaves hold, which are then zeroed. */
        private void step() {
            try (NDManager stepManager = manager.newSubManager()) {
                Map<String, NDArray> gradients = new LinkedHashMap<>();
                for (String name : runner.liveWeights()) {
                    NDArray gradient = leaves.get(name).getGradient();
                    gradient.attach(stepManager);
                    gradients.put(name, gradient);
                }
                optimizer.step(views, gradients);
                for (NDArray gradient : gradients.values()) {
                    gradient.subi(gradient); // PyTorch adds each backward's gradient to the last one
                }
            }
            version++;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!done) {
                    done = true;
                    engine.call(() -> {
                        passManager.close();
                        return null;
                    });
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
