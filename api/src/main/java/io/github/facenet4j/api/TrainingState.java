package io.github.facenet4j.api;

import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Tensor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What a {@link TrainableEmbedder} writes to continue training exactly, and the one file
 * format trainable backends share: weights, the optimiser's state arrays ("slots": moments,
 * accumulators) per weight, its learning rate and step count. Each backend writes its own
 * magic, so a state is read back only by the backend that wrote it.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): magic, version, optimiser kind, learning
 * rate, steps; the weight count; per weight in graph order its name, rank, dimensions,
 * values, then its number of slots and each slot's values.
 *
 * @param optimizer    the optimiser kind's name ({@link OptimizerSettings.Kind#name()})
 * @param learningRate the step size the next step uses
 * @param steps        steps taken (Adam's t)
 * @param weights      every weight of the graph, in graph order
 * @param slots        per weight its optimiser arrays (each of the weight's size); absent or
 *                     empty for weights without state
 */
public record TrainingState(String optimizer, double learningRate, long steps, Map<String, Tensor> weights,
        Map<String, List<float[]>> slots) {

    private static final int VERSION = 1;

    /** Writes the state after {@code magic} (for example {@code "facenet4j-djl-training-state"}). */
    public void write(OutputStream out, String magic) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(magic);
        data.writeInt(VERSION);
        data.writeUTF(optimizer);
        data.writeDouble(learningRate);
        data.writeLong(steps);
        data.writeInt(weights.size());
        for (Map.Entry<String, Tensor> w : weights.entrySet()) {
            data.writeUTF(w.getKey());
            int[] shape = w.getValue().shape();
            data.writeInt(shape.length);
            for (int d : shape) {
                data.writeInt(d);
            }
            writeFloats(data, w.getValue().values());
            List<float[]> state = slots.getOrDefault(w.getKey(), List.of());
            data.writeInt(state.size());
            for (float[] slot : state) {
                writeFloats(data, slot);
            }
        }
        data.flush();
    }

    /**
     * Reads a state written with {@code magic} for {@code graph} and checks it against what
     * the reading embedder has.
     *
     * @param label         names the backend in messages ("DJL")
     * @param optimizer     the reading embedder's optimiser kind
     * @param expectedSlots the number of slots the reading embedder keeps for a weight
     * @throws BadInputException one line: {@code Cannot restore the DJL training state: …}
     */
    public static TrainingState read(InputStream in, String magic, String label, Graph graph,
            OptimizerSettings.Kind optimizer, ToIntFunction<String> expectedSlots) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (!magic.equals(data.readUTF()) || data.readInt() != VERSION) {
                throw bad(label, "it is not a " + label + " training state of version " + VERSION);
            }
            String kind = data.readUTF();
            if (!kind.equals(optimizer.name())) {
                throw bad(label, "it was written by " + kind + ", this embedder trains with " + optimizer);
            }
            double learningRate = data.readDouble();
            long steps = data.readLong();
            int count = data.readInt();
            if (count != graph.weights().size()) {
                throw bad(label, "it has " + count + " weights, the graph " + graph.weights().size());
            }
            Map<String, Tensor> weights = new LinkedHashMap<>();
            Map<String, List<float[]>> slots = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> w : graph.weights().entrySet()) {
                String name = data.readUTF();
                int[] shape = new int[data.readInt()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = data.readInt();
                }
                if (!name.equals(w.getKey()) || !w.getValue().hasShape(shape)) {
                    throw bad(label, "it has weight '" + name + "' " + Arrays.toString(shape) + " where the graph has '"
                            + w.getKey() + "' " + Arrays.toString(w.getValue().shape()));
                }
                int size = w.getValue().size();
                weights.put(name, new Tensor(shape, readFloats(data, size)));
                int slotCount = data.readInt();
                int expected = expectedSlots.applyAsInt(name);
                if (slotCount != expected) {
                    throw bad(label, "weight '" + name + "' has " + slotCount + " optimiser arrays, expected " + expected);
                }
                List<float[]> state = new ArrayList<>();
                for (int i = 0; i < slotCount; i++) {
                    state.add(readFloats(data, size));
                }
                slots.put(name, state);
            }
            return new TrainingState(kind, learningRate, steps, weights, slots);
        } catch (EOFException e) {
            throw new BadInputException("Cannot restore the " + label + " training state: it is truncated", e);
        }
    }

    private static BadInputException bad(String label, String why) {
        return new BadInputException("Cannot restore the " + label + " training state: " + why);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        byte[] bytes = new byte[4 * count];
        in.readFully(bytes);
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }
}
