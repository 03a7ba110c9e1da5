package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.ConfigurationException;
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
 * ({@code id,label,e0,…}), every row unit length as the face embedder makes them; also prints
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

    int run(PluginRuntime runtime, PrintWriter out, PrintWriter err) {
        ModelCard card = pack.card();
        ModelCard.Input in = card.input();
        TensorShape shape = in.shape();
        Dataset data = open(spec, shape);
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
        int[] labels = data.labels();
        StringBuilder sb = new StringBuilder(EmbeddingsCsv.header(List.of(), e[0].length)).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(EmbeddingsCsv.row(Integer.toString(i), data.identityNames().get(labels[i]), List.of(), e[i]))
                    .append('\n');
        }
        if (output != null) {
            io.github.facenet4j.distribution.AtomicFiles.writeString(output, sb.toString());
        } else {
            out.print(sb);
            out.flush();
        }
        double precision = EmbeddingMetrics.precisionAtOne(e, labels);
        err.printf(Locale.ROOT, "embedded %d images of %s with %s on %s in %.1f s (%.0f images/s);"
                        + " leave-one-out precision@1 %.4f%s%n", n, data.description(), card.id(), backendName, seconds,
                n / seconds, precision, output == null ? "" : "; wrote " + output);
        err.flush();
        return 0;
    }
}
