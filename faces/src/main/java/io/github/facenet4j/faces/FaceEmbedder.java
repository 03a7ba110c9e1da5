package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Embedder;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.math.Vectors;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.ModelCard;
import java.util.List;
import java.util.Objects;

/**
 * A model's network with its card: turns aligned crops into embeddings, preprocessing
 * them exactly as the card says ((pixel − mean) / scale per channel, NCHW) and returning
 * unit-length rows (FaceNet §3.1: the embedding lives on the hypersphere; a model whose graph
 * ends without normalisation is normalised here). Thread-safe when the network is.
 */
public final class FaceEmbedder implements Embedder {

    /** Crops per network call: large enough to keep the engine busy, small enough for memory. */
    public static final int DEFAULT_BATCH = 32;

    private final Network network;
    private final ModelCard card;
    private final int batchSize;

    public FaceEmbedder(Network network, ModelCard card, int batchSize) {
        this.network = Objects.requireNonNull(network, "network");
        this.card = Objects.requireNonNull(card, "card");
        if (batchSize < 1) {
            throw new ConfigurationException("Batch size must be ≥ 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        TensorShape expected = card.input().shape();
        if (!network.inputShape().equals(expected) || network.outputSize() != card.embeddingSize()) {
            throw new ConfigurationException("Model '" + card.id() + "': the card says " + expected + " → "
                    + card.embeddingSize() + ", the network is " + network.inputShape() + " → " + network.outputSize());
        }
    }

    public ModelCard card() {
        return card;
    }

    @Override
    public int dimension() {
        return card.embeddingSize();
    }

    /** Embeds crops of the card's input size, in batches; one unit-length row per crop. */
    public float[][] embed(List<RgbImage> crops) {
        float[][] rows = new float[crops.size()][];
        for (int from = 0; from < crops.size(); from += batchSize) {
            List<RgbImage> chunk = crops.subList(from, Math.min(crops.size(), from + batchSize));
            float[][] out = embed(tensor(chunk));
            System.arraycopy(out, 0, rows, from, out.length);
        }
        return rows;
    }

    @Override
    public float[][] embed(TensorBatch batch) {
        float[][] rows = network.run(batch);
        for (float[] row : rows) {
            double norm = Math.sqrt(Vectors.dot(row, row));
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new BadInputException("Model '" + card.id() + "' produced an embedding of norm " + norm);
            }
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (row[i] / norm);
            }
        }
        return rows;
    }

    /**
     * The card's preprocessing of crops into one NCHW batch: each crop's pixel values as planes
     * ({@link RgbImage#planes}), then the card's {@link InputNormalisation}.
     */
    public TensorBatch tensor(List<RgbImage> crops) {
        ModelCard.Input in = card.input();
        int w = in.width();
        int h = in.height();
        InputNormalisation normalisation = in.normalisation();
        int size = in.shape().size();
        float[] data = new float[crops.size() * size];
        for (int n = 0; n < crops.size(); n++) {
            RgbImage crop = crops.get(n);
            if (crop.width() != w || crop.height() != h) {
                throw new BadInputException("Model '" + card.id() + "' takes " + w + "×" + h + " crops, got "
                        + crop.width() + "×" + crop.height());
            }
            crop.planes(in.channels(), data, n * size);
            normalisation.apply(data, n * size, w * h, data, n * size);
        }
        return new TensorBatch(data, crops.size(), in.channels(), h, w);
    }

    @Override
    public void close() {
        network.close();
    }
}
