package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.BackendException;
import io.github.facenet4j.api.EngineCalls;
import io.github.facenet4j.api.FixedShapeNetwork;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.Graph;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph compiled to SameDiff for inference, its weights constants. SameDiff keeps per-run
 * state in the instance, so runs take turns (ND4J's operators use every core themselves).
 */
final class Dl4jNetwork extends FixedShapeNetwork {

    private final SameDiffGraph compiled;

    Dl4jNetwork(Graph graph) {
        super(graph.input().shape(), graph.outputShape().size(), "backend " + Dl4jBackend.NAME + ": the network");
        this.compiled = Dl4jEngine.call(() -> new SameDiffGraph(graph, false));
    }

    @Override
    protected synchronized float[][] runChecked(TensorBatch batch) {
        return Dl4jEngine.call(() -> {
            try {
                String out = compiled.output().name();
                INDArray result = compiled.sameDiff().output(Map.of(SameDiffGraph.INPUT, SameDiffGraph.batch(batch)),
                        out).get(out);
                return SameDiffGraph.rows(result, batch.batch(), outputSize());
            } catch (RuntimeException e) {
                throw failed("on a batch of " + batch.batch(), e);
            }
        });
    }

    /** An engine failure during {@code what}, as one line with ND4J's message. */
    static BackendException failed(String what, RuntimeException e) {
        return new BackendException("backend " + Dl4jBackend.NAME + ": ND4J failed " + what + ": "
                + EngineCalls.rootMessage(e), e);
    }

    @Override
    public void close() {
        // Arrays are freed with the SameDiff instance by the garbage collector (JavaCPP deallocators).
    }
}
