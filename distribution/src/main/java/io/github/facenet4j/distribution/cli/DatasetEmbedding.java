package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.evaluators.EmbeddingsCsv;
import io.github.facenet4j.faces.FaceEmbedder;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.models.ModelPack;
import io.github.facenet4j.training.EmbeddingMetrics;
import io.github.facenet4j.training.data.Dataset;
import io.github.facenet4j.training.data.DatasetSpec;
import io.github.facenet4j.training.data.FashionMnist;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code facenet embed --model DIR --dataset SPEC}: embeds every image of a data set (or of
 * one part of it) with a model directory's network, each image normalised as the model card
 * says (the same {@code Dataset.batch} the trainer feeds its network), and writes the evaluators' CSV
 * ({@code id,label,e0,…} after a {@code #space} line naming the card's space), every row unit length as the face embedder makes them; also prints
 * the leave-one-out precision@1 of the embeddings.
 *
 * <p>SPEC is a training data set spec ({@code fashion-mnist[:DIR]}, {@code mnist:DIR},
 * {@code folder:DIR}) optionally followed by {@code :train}, {@code :test} or {@code :all}
 * (default all): {@code fashion-mnist:test} is the 10,000 official test images.
 */
final class DatasetEmbedding {

    private static final int BATCH = 256;

    private final String spec;
    private final ModelPack pack;
    private final String backendName;
    private final Path output;

    DatasetEmbedding(String spec, ModelPack pack, String backendName, Path output) {
        this.spec = spec;
        this.pack = pack;
        this.backendName = backendName;
        this.output = output;
    }

    /** Opens SPEC[:train|test|all]. */
    static Dataset open(String text, TensorShape shape) {
        String part = "all";
        String base = text;
        for (String p : new String[] {"train", "test", "all"}) {
            if (text.endsWith(":" + p)) {
                part = p;
                base = text.substring(0, text.length() - p.length() - 1);
            }
        }
        DatasetSpec ds = DatasetSpec.parse(base);
        Dataset d;
        if (ds.kind() == DatasetSpec.Kind.FASHION_MNIST && !part.equals("all")) {
            d = part.equals("train") ? FashionMnist.loadTrain(ds.directory()) : FashionMnist.loadTest(ds.directory());
        } else if (!part.equals("all")) {
            throw new ConfigurationException("--dataset " + text + ": :train and :test name the official parts of"
                    + " fashion-mnist only");
        } else {
            d = ds.open(shape);
        }
        if (!d.shape().equals(shape)) {
            throw new ConfigurationException(d.description() + " has images of " + d.shape()
                    + " but the model takes " + shape);
        }
        return d;
    }

    /**
     * The data set's images embedded by the model.
     *
     * @param space       the model's space, as its card declares it
     * @param embeddings  one unit row per image
     * @param labels      each image's identity, indexing {@code names}
     * @param names       the identity names
     * @param description what the data set is, for messages
     * @param seconds     how long embedding took
     */
    record Embedded(DeclaredSpace space, float[][] embeddings, int[] labels, List<String> names, String description,
                    double seconds) {
    }

    /** Embeds every image of SPEC with the model on the backend. */
    Embedded embed(PluginRuntime runtime) {
        ModelCard card = pack.card();
        ModelCard.Input in = card.input();
        Dataset data = open(spec, in.shape());
        Backend backend = runtime.get(Backend.class, backendName);
        int n = data.size();
        float[][] e = new float[n][];
        long t0 = System.nanoTime();
        try (Network net = pack.network(backend)) {
            FaceEmbedder embedder = new FaceEmbedder(net, card, BATCH);
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                float[][] part = embedder.embed(data.batch(from, to, in.normalisation()));
                System.arraycopy(part, 0, e, from, to - from);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Embedded(card.space(), e, data.labels(), data.identityNames(), data.description(), seconds);
    }

    int run(PluginRuntime runtime, PrintWriter out, PrintWriter err) {
        Embedded embedded = embed(runtime);
        float[][] e = embedded.embeddings();
        int[] labels = embedded.labels();
        int n = e.length;
        StringBuilder sb = new StringBuilder(EmbeddingsCsv.spaceLine(embedded.space())).append('\n')
                .append(EmbeddingsCsv.header(List.of(), e[0].length)).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(EmbeddingsCsv.row(Integer.toString(i), embedded.names().get(labels[i]), List.of(), e[i]))
                    .append('\n');
        }
        if (output != null) {
            io.github.facenet4j.distribution.AtomicFiles.writeString(output, sb.toString());
        } else {
            out.print(sb);
            out.flush();
        }
        double precision = EmbeddingMetrics.precisionAtOne(e, labels);
        double seconds = embedded.seconds();
        err.printf(Locale.ROOT, "embedded %d images of %s with %s on %s in %.1f s (%.0f images/s);"
                        + " leave-one-out precision@1 %.4f%s%n", n, embedded.description(), pack.card().id(),
                backendName, seconds, n / seconds, precision, output == null ? "" : "; wrote " + output);
        err.flush();
        return 0;
    }
}
