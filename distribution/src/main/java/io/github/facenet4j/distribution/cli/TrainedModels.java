package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.OptimizerSettings;
import io.github.facenet4j.api.TrainableEmbedder;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.backends.onnx.internal.OrtBackend;
import io.github.facenet4j.distribution.AtomicFiles;
import io.github.facenet4j.models.Architecture;
import io.github.facenet4j.models.Architectures;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.training.Trainer;
import io.github.facenet4j.training.internal.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code facenet train} leaves in its output directory besides the trainer's files, and
 * how {@code facenet export} turns it back into a model: {@value #SETTINGS_FILE} (the
 * settings that rebuild the trainable network: architecture, input, dimension, optimiser,
 * backend), {@value #MODEL_FILE} (the trained graph compiled to ONNX) and
 * {@code model-card.json} naming it, so the directory is a model directory
 * ({@code --model DIR}).
 */
final class TrainedModels {

    static final String SETTINGS_FILE = "train-settings.json";
    static final String MODEL_FILE = "model.onnx";

    private TrainedModels() {
    }

    /**
     * The settings that rebuild the network of a run.
     *
     * @param dataset      the data set spec trained on (for the card's provenance)
     * @param harmonicWith for a harmonic run ({@code --harmonic-with}), the frozen v1's
     *                     {@code id@version}, else empty
     */
    record Settings(String architecture, int channels, int height, int width, int dimension, String optimizer,
                    double learningRate, String backend, String dataset, String miner, long seed, boolean zeroShot,
                    String harmonicWith) {

        Settings {
            java.util.Objects.requireNonNull(harmonicWith, "harmonicWith");
        }

        TensorShape input() {
            return new TensorShape(channels, height, width);
        }

        OptimizerSettings optimizerSettings() {
            return new OptimizerSettings(OptimizerSettings.Kind.valueOf(optimizer.toUpperCase(Locale.ROOT)), learningRate,
                    0, 0);
        }

        /** The settings as {@value TrainedModels#SETTINGS_FILE} holds them: each component under its name. */
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("architecture", architecture);
            m.put("channels", channels);
            m.put("height", height);
            m.put("width", width);
            m.put("dimension", dimension);
            m.put("optimizer", optimizer);
            m.put("learningRate", learningRate);
            m.put("backend", backend);
            m.put("dataset", dataset);
            m.put("miner", miner);
            m.put("seed", seed);
            m.put("zeroShot", zeroShot);
            m.put("harmonicWith", harmonicWith);
            return m;
        }

        /**
         * The first option in which {@code asked} differs from these (a saved run's) settings, as
         * "--miner semi-hard, this run asks for --miner hardest"; empty when they are the same.
         */
        java.util.Optional<String> difference(Settings asked) {
            Map<String, Object> saved = json();
            Map<String, Object> now = asked.json();
            for (Map.Entry<String, Object> e : saved.entrySet()) {
                if (e.getValue().equals(now.get(e.getKey()))) {
                    continue;
                }
                String then;
                String given;
                switch (e.getKey()) {
                    case "architecture", "channels", "height", "width" -> {
                        then = "--arch " + architecture + " on " + input();
                        given = "--arch " + asked.architecture() + " on " + asked.input();
                    }
                    case "zeroShot" -> {
                        then = zeroShot ? "--zero-shot" : "no --zero-shot";
                        given = asked.zeroShot() ? "--zero-shot" : "no --zero-shot";
                    }
                    case "harmonicWith" -> {
                        then = harmonicWith.isEmpty() ? "no --harmonic-with" : "--harmonic-with " + harmonicWith;
                        given = asked.harmonicWith().isEmpty() ? "no --harmonic-with"
                                : "--harmonic-with " + asked.harmonicWith();
                    }
                    default -> {
                        String option = e.getKey().equals("learningRate") ? "--lr" : "--" + e.getKey();
                        then = option + " " + e.getValue();
                        given = option + " " + now.get(e.getKey());
                    }
                }
                return java.util.Optional.of(then + ", this run asks for " + given);
            }
            return java.util.Optional.empty();
        }

        /**
         * The settings {@link #json()} wrote; every component must be there with its type.
         *
         * @throws IllegalArgumentException naming the first component that is missing or wrong
         */
        static Settings fromJson(Map<String, Object> m) {
            Settings s = new Settings(Json.stringValue(m, "architecture"), intValue(m, "channels"),
                    intValue(m, "height"), intValue(m, "width"), intValue(m, "dimension"),
                    Json.stringValue(m, "optimizer"), Json.doubleValue(m, "learningRate"), Json.stringValue(m, "backend"),
                    Json.stringValue(m, "dataset"), Json.stringValue(m, "miner"), Json.longValue(m, "seed"),
                    Json.booleanValue(m, "zeroShot"),
                    // runs from before harmonic training have no such entry
                    m.containsKey("harmonicWith") ? Json.stringValue(m, "harmonicWith") : "");
            try {
                s.optimizerSettings();
            } catch (ConfigurationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'optimizer' must be one of " + java.util.Arrays.stream(
                        OptimizerSettings.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList()
                        + ", got " + s.optimizer(), e);
            }
            return s;
        }

        private static int intValue(Map<String, Object> m, String key) {
            long v = Json.longValue(m, key);
            if (v < 1 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + key + "' must be a whole number ≥ 1, got " + v);
            }
            return (int) v;
        }
    }

    static void writeSettings(Path directory, Settings settings) {
        AtomicFiles.writeString(directory.resolve(SETTINGS_FILE), Json.writePretty(settings.json()));
    }

    static Settings readSettings(Path directory) {
        Path file = directory.resolve(SETTINGS_FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("No " + SETTINGS_FILE + " in " + directory + ": it is not a facenet train output"
                    + " directory");
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + AtomicFiles.reason(e));
        }
        try {
            return Settings.fromJson(Json.parseObject(text));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + " is damaged (" + e.getMessage() + "); facenet train writes it:"
                    + " train again into a fresh --out directory");
        }
    }

    /** The architecture's graph with {@code weights} in place of its initial ones. */
    static Graph withWeights(Graph graph, Map<String, Tensor> weights) {
        return new Graph(graph.nodes(), new LinkedHashMap<>(weights), graph.output());
    }

    /** A fresh trainable network of the run, before any training or restore. */
    static TrainableEmbedder trainable(Backend backend, Settings s) {
        Architecture arch = Architectures.get(s.architecture());
        Graph graph = arch.initialise(s.input(), s.dimension(), s.seed());
        return backend.trainable(graph, s.optimizerSettings());
    }

    /** The trained graph saved in a run's checkpoint, restored on {@code backend}. */
    static Graph fromCheckpoint(Backend backend, Path directory) {
        Settings s = readSettings(directory);
        Path checkpoint = directory.resolve(Trainer.CHECKPOINT_FILE);
        if (!Files.isRegularFile(checkpoint)) {
            throw new BadInputException("No " + Trainer.CHECKPOINT_FILE + " in " + directory + " to export from");
        }
        Architecture arch = Architectures.get(s.architecture());
        Graph graph = arch.initialise(s.input(), s.dimension(), s.seed());
        try (TrainableEmbedder net = backend.trainable(graph, s.optimizerSettings())) {
            Checkpoint.restoreEmbedder(checkpoint, net);
            return withWeights(graph, net.weights());
        }
    }

    /**
     * How a run with {@code s} normalises its images (grey or RGB values / 255): the trainer
     * is given it, and the card of the trained model carries it.
     */
    static InputNormalisation normalisation(Settings s) {
        return InputNormalisation.unitRange(InputNormalisation.ChannelOrder.forChannels(s.channels()));
    }

    /**
     * The card of a model trained with {@code s} on inputs normalised by {@code normalisation}
     * (the one the trainer was given): no face alignment, squared L2, and the threshold
     * calibrated at the target FAR on the held-out set at the last validation ({@code NaN}
     * when none ran: then 1.0, the midpoint of unit vectors' squared distances, and the notes
     * say it is not calibrated).
     */
    static ModelCard card(Settings s, InputNormalisation normalisation, String weightsFile, long steps,
                          double threshold, String notes) {
        boolean calibrated = threshold > 0 && Double.isFinite(threshold);
        String id = ("trained-" + s.architecture() + "-" + s.dimension()).toLowerCase(Locale.ROOT);
        return new ModelCard(id, version(s, steps), s.architecture(),
                new ModelCard.Input(s.width(), s.height(), normalisation),
                new ModelCard.Alignment("none", 0), s.dimension(), ModelCard.Distance.SQUARED_L2,
                calibrated ? threshold : 1.0,
                new ModelCard.Weights("onnx", weightsFile),
                new ModelCard.Provenance("facenet train --backend " + s.backend() + " --dataset " + s.dataset()
                        + " --arch " + s.architecture() + " --miner " + s.miner() + " --seed " + s.seed()
                        + (s.zeroShot() ? " --zero-shot" : ""), "", "trained locally", notes
                        + (calibrated ? "" : " The threshold 1.0 is not calibrated (no validation ran).")));
    }

    /**
     * {@code 0.1.0+step900.1a2b3c4d}: the steps, and the first 8 hex digits of the SHA-256 of the
     * run's settings, so that two runs of one architecture and dimension that differ in seed,
     * data, optimiser, miner or v1 name two embedding spaces, not one.
     */
    static String version(Settings s, long steps) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(s.json()).getBytes(StandardCharsets.UTF_8));
            return "0.1.0+step" + steps + "." + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Writes {@code graph} as ONNX to {@code onnxFile} and its card as model-card.json beside it. */
    static void writeModel(Graph graph, ModelCard card, Path onnxFile) {
        AtomicFiles.write(onnxFile, OrtBackend.toOnnx(graph));
        Path dir = onnxFile.toAbsolutePath().getParent();
        AtomicFiles.writeString(dir.resolve(ModelCard.FILE_NAME), card.toJson());
    }

    static ConfigurationException unsupportedFormat(String format) {
        return new ConfigurationException("Unknown export format '" + format + "'. Known: onnx");
    }
}
