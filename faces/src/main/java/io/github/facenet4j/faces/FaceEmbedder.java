package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Embedder;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.math.Vectors;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.ModelCard;
import java.util.List;
import java.util.Objects;

/**
 * A model's network with its card: turns aligned crops into embeddings, preprocessing
 * them exactly as the card says ((pixel − mean) / scale per channel, NCHW) and returning
 * unit-length rows (FaceNet §3: the embedding lives on the hypersphere; a model whose graph
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
        ModelCard.Input in = card.input();
        TensorShape expected = new TensorShape(in.channels(), in.height(), in.width());
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

    /** The card's preprocessing of crops into one NCHW batch. */
    public TensorBatch tensor(List<RgbImage> crops) {
        ModelCard.Input in = card.input();
        int w = in.width();
        int h = in.height();
        int plane = w * h;
        float[] mean = in.mean();
        float[] scale = in.scale();
        float[] data = new float[crops.size() * in.channels() * plane];
        for (int n = 0; n < crops.size(); n++) {
            RgbImage crop = crops.get(n);
            if (crop.width() != w || crop.height() != h) {
                throw new BadInputException("Model '" + card.id() + "' takes " + w + "×" + h + " crops, got "
                        + crop.width() + "×" + crop.height());
            }
            int base = n * in.channels() * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    switch (in.channelOrder()) {
                        case "gray" -> data[base + p] = (luma(crop, x, y) - mean[0]) / scale[0];
                        case "bgr" -> {
                            for (int c = 0; c < 3; c++) {
                                data[base + c * plane + p] = (crop.get(x, y, 2 - c) - mean[c]) / scale[c];
                            }
                        }
                        default -> {
                            for (int c = 0; c < 3; c++) {
                                data[base + c * plane + p] = (crop.get(x, y, c) - mean[c]) / scale[c];
                            }
                        }
                    }
                }
            }
        }
        return new TensorBatch(data, crops.size(), in.channels(), h, w);
    }

    /** ITU-R BT.601 luma, the usual RGB → gray conversion. */
    private static float luma(RgbImage image, int x, int y) {
        return 0.299f * image.get(x, y, 0) + 0.587f * image.get(x, y, 1) + 0.114f * image.get(x, y, 2);
    }

    @Override
    public void close() {
        network.close();
    }
}
