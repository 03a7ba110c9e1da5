package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.adapters.AdapterDirectory;
import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingAdapter;
import io.github.facenet4j.api.SpaceMap;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.models.ModelPack;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code facenet adapt --from MODEL_A --to MODEL_B --dataset SPEC --out DIR}: embeds the images of
 * a data set with both models ({@link DatasetEmbedding}, the same images in the same order),
 * fits the {@code --adapter} plugin (default {@code linear}) from A's space into B's on those
 * pairs, with the data set's labels for a triplet objective, and writes the adapter directory
 * ({@link AdapterDirectory}: its card names the plugin and both spaces) that {@code evaluate
 * verification --adapter DIR} reads.
 */
@Command(name = "adapt", mixinStandardHelpOptions = true,
        description = "Fit an adapter that maps one model's embeddings into another's, on the same images"
                + " embedded by both: 'facenet adapt --from A_DIR --to B_DIR --dataset fashion-mnist:train --out DIR'.")
public final class AdaptCommand extends PluginCommand {

    @Option(names = "--from", required = true, paramLabel = "MODEL_DIR",
            description = "The model whose embeddings are mapped (a model directory with model-card.json).")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "MODEL_DIR",
            description = "The model whose space they are mapped into.")
    Path to;

    @Option(names = "--dataset", required = true, paramLabel = "SPEC[:train|test]",
            description = "Images both models embed, e.g. fashion-mnist:train.")
    String dataset;

    @Option(names = "--adapter", paramLabel = "NAME", defaultValue = "linear",
            description = "Adapter plugin (default: ${DEFAULT-VALUE}; built in: linear, mlp); configured by"
                    + " conf/facenet.adapter.NAME.cfg.")
    String adapter;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Adapter directory to write.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "onnx",
            description = "Backend that runs both models (default: ${DEFAULT-VALUE}).")
    String backend;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public Integer call() {
        if (Files.exists(out.resolve(AdapterDirectory.CARD_FILE)) || Files.isRegularFile(out)) {
            throw new BadInputException("--out " + out + " already holds "
                    + (Files.isRegularFile(out) ? "a file" : "an adapter") + "; choose a new directory");
        }
        ModelPack source = modelPack("--from", from);
        ModelPack target = modelPack("--to", to);
        try (PluginRuntime runtime = runtimeOptions.start(device.apply(runtimeOptions.configurations(), backend))) {
            EmbeddingAdapter plugin = runtime.get(EmbeddingAdapter.class, adapter);
            DatasetEmbedding.Embedded a = new DatasetEmbedding(dataset, source, backend, null).embed(runtime);
            DatasetEmbedding.Embedded b = new DatasetEmbedding(dataset, target, backend, null).embed(runtime);
            if (!Arrays.equals(a.labels(), b.labels())) {
                throw new BadInputException("--dataset " + dataset + " gave the two models different images (their"
                        + " labels differ); both models must read one data set");
            }
            long t0 = System.nanoTime();
            SpaceMap map = plugin.fit(new AdapterTraining(a.space().space(), b.space().space(), a.embeddings(),
                    b.embeddings(), Optional.of(a.labels()), seed));
            double seconds = (System.nanoTime() - t0) / 1e9;
            AdapterDirectory card = AdapterDirectory.write(map, out);
            print(card, a.embeddings().length, seconds);
        }
        return 0;
    }

    private static ModelPack modelPack(String option, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(option + " " + dir + " is not a model directory (a folder with"
                    + " model-card.json, as 'facenet train --out' writes)");
        }
        return ModelPack.read(dir);
    }

    private void print(AdapterDirectory card, int pairs, double seconds) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("adapter", card.adapter());
            document.put("source", card.source().name());
            document.put("target", card.target().name());
            document.put("pairs", pairs);
            document.put("seconds", seconds);
            document.put("summary", card.summary());
            document.put("out", out.toString());
            o.println(Json.write(document));
        } else {
            o.printf(Locale.ROOT, "adapter %s: %s → %s fitted on %d images of %s in %.1f s: %s; wrote %s%n",
                    card.adapter(), card.source().name(), card.target().name(), pairs, dataset, seconds,
                    card.summary(), out);
        }
        o.flush();
    }
}
