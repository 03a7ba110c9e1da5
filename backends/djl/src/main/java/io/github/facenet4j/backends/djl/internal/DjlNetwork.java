package io.github.facenet4j.backends.djl.internal;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.facenet4j.api.FixedShapeNetwork;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * A graph compiled for inference on DJL's PyTorch engine. The weights are arrays that never
 * require gradients, so nothing is recorded whatever the calling thread's grad mode. Each run
 * works in its own child manager and only reads the weights: one instance serves concurrent
 * callers.
 */
final class DjlNetwork extends FixedShapeNetwork {

    private final DjlEngine engine;
    private final DjlGraphRunner runner;
    private final NDManager manager;
    private final Map<String, NDArray> weights = new HashMap<>();

    DjlNetwork(DjlEngine engine, Graph graph) {
        super(graph.input().shape(), graph.outputShape().size(), "backend " + DjlBackend.NAME + ": the network");
        this.runner = new DjlGraphRunner(graph);
        this.engine = engine;
        this.manager = engine.newManager();
        engine.call(() -> {
            for (Map.Entry<String, Tensor> w : graph.weights().entrySet()) {
                weights.put(w.getKey(), DjlArrays.tensor(manager, w.getValue()));
            }
            return null;
        });
    }

    @Override
    protected float[][] runChecked(TensorBatch batch) {
        return engine.call(() -> {
            try (NDManager call = manager.newSubManager()) {
                NDArray output = runner.run(DjlArrays.batch(call, batch), weights);
                return DjlArrays.rows(output, batch.batch(), outputSize());
            } catch (EngineException e) {
                throw DjlArrays.failed("on a batch of " + batch.batch(), e);
            }
        });
    }

    /** Arrays the network's manager holds: its weights while no run is in flight. */
    int managedArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        engine.call(() -> {
            manager.close();
            return null;
        });
    }
}
