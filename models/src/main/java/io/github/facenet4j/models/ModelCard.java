package io.github.facenet4j.models;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.api.nn.InputNormalisation;
import io.github.facenet4j.api.nn.TensorShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * What a model needs besides its weights, so that nothing downstream guesses (a model carries
 * its own preprocessing): input size and normalisation, the alignment
 * template its crops must follow, the embedding size, the distance and a default
 * threshold, where the weights are, and where they came from.
 *
 * @param id            short name users type ({@code dlib-resnet-v1})
 * @param version       the card's version
 * @param architecture  the graph the weights fit ({@code dlib-resnet-29}, {@code small-cnn}, …)
 * @param input         the network's input and its normalisation
 * @param alignment     how face crops are made for this model
 * @param embeddingSize d
 * @param distance      how two embeddings are compared
 * @param threshold     default decision threshold in that distance: same person when distance ≤ threshold
 * @param weights       where the weights are, relative to the card's directory
 * @param provenance    source package, checksum, licence, upstream notes
 * @param training      for a model trained here, the whole configuration of its training run
 *                      ({@code "training"} in the card's JSON; absent for other models)
 * @param compatibleWith spaces ({@code MODEL@VERSION}) this model's embeddings compare with as they are
 *                       ({@code compatible-with}, written by harmonic training; FaceNet §7); usually empty
 */
public record ModelCard(String id, String version, String architecture, Input input, Alignment alignment,
        int embeddingSize, Distance distance, double threshold, Weights weights, Provenance provenance,
        Optional<Training> training, List<String> compatibleWith) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    /** The card's file name inside a model directory. */
    public static final String FILE_NAME = "model-card.json";

    public ModelCard {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(alignment, "alignment");
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(training, "training");
        compatibleWith = List.copyOf(Objects.requireNonNull(compatibleWith, "compatibleWith"));
        compatibleWith.forEach(DeclaredSpace::requireName);
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigurationException("Model card id must be lower-case letters, digits, dots and hyphens, got '"
                    + id + "'");
        }
        require(version != null && !version.isBlank(), id, "version must not be blank");
        require(architecture != null && !architecture.isBlank(), id, "architecture must not be blank");
        require(embeddingSize >= 1, id, "embedding size must be ≥ 1, got " + embeddingSize);
        require(threshold > 0 && Double.isFinite(threshold), id, "threshold must be a finite number > 0, got "
                + threshold);
    }

    /** "id@version": how another card's {@code compatible-with} names this model. */
    public String reference() {
        return id + "@" + version;
    }

    /** A card without a training record (a model not trained here), compatible with no other model. */
    public ModelCard(String id, String version, String architecture, Input input, Alignment alignment,
                     int embeddingSize, Distance distance, double threshold, Weights weights, Provenance provenance) {
        this(id, version, architecture, input, alignment, embeddingSize, distance, threshold, weights, provenance,
                Optional.empty(), List.of());
    }

    /** This card with {@code value} as its training record. */
    public ModelCard withTraining(Training value) {
        return new ModelCard(id, version, architecture, input, alignment, embeddingSize, distance, threshold, weights,
                provenance, Optional.of(value), compatibleWith);
    }

    /** This card, declaring its embeddings comparable with {@code other}'s as well ({@link #reference()}). */
    public ModelCard withCompatible(ModelCard other) {
        List<String> with = new ArrayList<>(compatibleWith);
        with.add(other.reference());
        return new ModelCard(id, version, architecture, input, alignment, embeddingSize, distance, threshold, weights,
                provenance, training, with);
    }

    /** The space this model's embeddings live in, with the compatibility the card declares. */
    public DeclaredSpace space() {
        return new DeclaredSpace(new EmbeddingSpace(id, version, embeddingSize), compatibleWith);
    }

    private static void require(boolean ok, String id, String message) {
        if (!ok) {
            throw new ConfigurationException("Model card '" + id + "': " + message);
        }
    }

    /** How two embeddings are compared. */
    public enum Distance {
        /** ‖a − b‖², the FaceNet paper's distance; for unit vectors it lies in [0, 4]. */
        SQUARED_L2;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Distance parse(String value, String where) {
            for (Distance d : values()) {
                if (d.label().equals(value)) {
                    return d;
                }
            }
            throw new BadInputException(where + ": distance must be squared-l2, got '" + value + "'");
        }
    }

    /**
     * The network's input: {@code channels × height × width} and the normalisation of 0…255
     * pixel values (channel order, then (value − mean[c]) / scale[c]) that every caller feeding
     * the network applies. In the card's JSON: {@code width}, {@code height}, {@code channels},
     * {@code channelOrder}, {@code mean} and {@code scale}.
     */
    public record Input(int width, int height, InputNormalisation normalisation) {
        public Input {
            Objects.requireNonNull(normalisation, "normalisation");
            if (width < 1 || height < 1) {
                throw new ConfigurationException("Model input size must be positive, got " + width + "×" + height);
            }
        }

        /** How many channels the network takes (its normalisation's channel order says). */
        public int channels() {
            return normalisation.channels();
        }

        /** {@code channels × height × width}. */
        public TensorShape shape() {
            return new TensorShape(channels(), height, width);
        }
    }

    /**
     * How crops are made: {@code template} names the landmark template the face is mapped
     * onto (or {@code none} for inputs that are not faces, such as Fashion-MNIST), with the
     * margin around it as a fraction of the face size.
     */
    public record Alignment(String template, double padding) {
        public Alignment {
            Objects.requireNonNull(template, "template");
            if (!(padding >= 0) || !Double.isFinite(padding)) {
                throw new ConfigurationException("Alignment padding must be ≥ 0, got " + padding);
            }
        }
    }

    /** Where the weights are: {@code format} tfjs (manifest + shards) or onnx, and the file relative to the card. */
    public record Weights(String format, String file) {
        public Weights {
            if (!"tfjs".equals(format) && !"onnx".equals(format)) {
                throw new ConfigurationException("Model weights format must be tfjs or onnx, got '" + format + "'");
            }
            if (file == null || file.isBlank()) {
                throw new ConfigurationException("Model weights file must not be blank");
            }
        }
    }

    /** Where the model came from. */
    public record Provenance(String source, String sha256, String licence, String notes) {
        public Provenance {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(licence, "licence");
            sha256 = sha256 == null ? "" : sha256;
            notes = notes == null ? "" : notes;
        }
    }

    /**
     * How a model trained here was trained, as Tribuo's provenance records a model's whole
     * configuration: enough to train it again. In the card's JSON an object under
     * {@code "training"} with these keys ({@code margin} null when the loss has none).
     *
     * @param architecture the network trained ({@code small-cnn}, …)
     * @param backend      the backend that trained it ({@code djl}, …)
     * @param optimizer    {@code adam}, {@code adagrad} or {@code sgd}
     * @param learningRate the optimiser's base learning rate
     * @param schedule     the learning-rate schedule, as {@code facenet train --schedule} takes it
     *                     ({@code constant:RATE}, {@code step:RATE:FACTOR:EVERY}, {@code cosine:RATE:MIN:STEPS})
     * @param p            identities per batch (FaceNet §3.2)
     * @param k            images per identity in a batch
     * @param miner        the triplet miner's plugin name
     * @param loss         the loss plugin's name
     * @param margin       the loss's margin α (FaceNet eq. 1), if it has one
     * @param seed         the run's seed
     * @param dataset      the data set spec trained on ({@code fashion-mnist[:DIR]}, {@code folder:DIR}, …)
     * @param zeroShot     whether whole identities were held out for validation
     * @param steps        optimisation steps done
     */
    public record Training(String architecture, String backend, String optimizer, double learningRate,
                           String schedule, int p, int k, String miner, String loss, OptionalDouble margin, long seed,
                           String dataset, boolean zeroShot, long steps) {
        public Training {
            Objects.requireNonNull(margin, "margin");
            for (String[] named : new String[][] {{"architecture", architecture}, {"backend", backend},
                    {"optimizer", optimizer}, {"schedule", schedule}, {"miner", miner}, {"loss", loss},
                    {"dataset", dataset}}) {
                if (named[1] == null || named[1].isBlank()) {
                    throw new ConfigurationException("Training record: " + named[0] + " must not be blank");
                }
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new ConfigurationException("Training record: learning rate must be a finite number > 0, got "
                        + learningRate);
            }
            if (p < 2 || k < 2) {
                throw new ConfigurationException("Training record: P and K must be ≥ 2, got " + p + "×" + k);
            }
            if (margin.isPresent() && !(margin.getAsDouble() > 0 && Double.isFinite(margin.getAsDouble()))) {
                throw new ConfigurationException("Training record: margin must be a finite number > 0, got "
                        + margin.getAsDouble());
            }
            if (steps < 0) {
                throw new ConfigurationException("Training record: steps must be ≥ 0, got " + steps);
            }
        }

        private static Training parse(Map<?, ?> m, String where) {
            Object margin = m.get("margin");
            if (margin != null && !(margin instanceof Number)) {
                throw new BadInputException(where + ": 'margin' must be a number or null");
            }
            if (!(m.get("zeroShot") instanceof Boolean zeroShot)) {
                throw new BadInputException(where + ": 'zeroShot' must be true or false");
            }
            return new Training(string(m, "architecture", where), string(m, "backend", where),
                    string(m, "optimizer", where), number(m, "learningRate", where), string(m, "schedule", where),
                    integer(m, "p", where), integer(m, "k", where), string(m, "miner", where), string(m, "loss", where),
                    margin == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) margin).doubleValue()),
                    whole(m, "seed", where), string(m, "dataset", where), zeroShot, whole(m, "steps", where));
        }

        private String toJson() {
            return "{\"architecture\": " + quote(architecture) + ", \"backend\": " + quote(backend)
                    + ", \"optimizer\": " + quote(optimizer) + ", \"learningRate\": " + learningRate
                    + ", \"schedule\": " + quote(schedule) + ", \"p\": " + p + ", \"k\": " + k
                    + ", \"miner\": " + quote(miner) + ", \"loss\": " + quote(loss) + ", \"margin\": "
                    + (margin.isPresent() ? Double.toString(margin.getAsDouble()) : "null") + ", \"seed\": " + seed
                    + ", \"dataset\": " + quote(dataset) + ", \"zeroShot\": " + zeroShot + ", \"steps\": " + steps
                    + "}";
        }
    }

    /** The card of the default model, {@code dlib-resnet-v1}, shipped in this module. */
    public static ModelCard defaultCard() {
        return builtIn("dlib-resnet-v1");
    }

    /** A card shipped in this module, by id. */
    public static ModelCard builtIn(String id) {
        try (InputStream in = ModelCard.class.getResourceAsStream(id + ".json")) {
            if (in == null) {
                throw new ConfigurationException("No built-in model '" + id + "'. Available: dlib-resnet-v1.");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "model card " + id);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the built-in model card " + id + ": " + e.getMessage());
        }
    }

    /** Reads a card file; {@code file} may also be a model directory holding {@value #FILE_NAME}. */
    public static ModelCard read(Path file) {
        return read(file, card -> Files.readString(card, StandardCharsets.UTF_8));
    }

    /** How a card file's text is read: {@link Files#readString} but in tests. */
    interface CardReader {
        String read(Path card) throws IOException;
    }

    /**
     * {@link #read(Path)} through {@code reader}: a test seam, since a process running as root
     * is never refused the {@link AccessDeniedException} the JDK throws for EACCES.
     */
    static ModelCard read(Path file, CardReader reader) {
        Path card = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
        try {
            return parse(reader.read(card), card.toString());
        } catch (AccessDeniedException e) {
            throw new BadInputException("Cannot read the model card " + card + ": permission denied; check the"
                    + " file's permissions");
        } catch (NoSuchFileException e) {
            throw new BadInputException("No model card at " + card + ": a model directory holds " + FILE_NAME);
        } catch (IOException e) {
            throw new BadInputException("Cannot read the model card " + card + ": " + e.getMessage());
        }
    }

    /** Parses a card; {@code where} names it in errors. */
    public static ModelCard parse(String json, String where) {
        Map<?, ?> root;
        try {
            root = asObject(Json.parse(json), where);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + " is not valid JSON: " + e.getMessage());
        }
        try {
            Map<?, ?> in = asObject(root.get("input"), where + ": input");
            Map<?, ?> align = asObject(root.get("alignment"), where + ": alignment");
            Map<?, ?> embedding = asObject(root.get("embedding"), where + ": embedding");
            Map<?, ?> w = asObject(root.get("weights"), where + ": weights");
            Map<?, ?> prov = asObject(root.get("provenance"), where + ": provenance");
            Optional<Training> training = root.get("training") == null ? Optional.empty()
                    : Optional.of(Training.parse(asObject(root.get("training"), where + ": training"),
                            where + ": training"));
            return new ModelCard(string(root, "id", where), string(root, "version", where),
                    string(root, "architecture", where),
                    input(in, where),
                    new Alignment(string(align, "template", where), number(align, "padding", where)),
                    integer(embedding, "size", where), Distance.parse(string(root, "distance", where), where),
                    number(root, "threshold", where),
                    new Weights(string(w, "format", where), string(w, "file", where)),
                    new Provenance(string(prov, "source", where), optional(prov, "sha256"),
                            string(prov, "licence", where), optional(prov, "notes")), training,
                    strings(root, "compatible-with", where));
        } catch (ConfigurationException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    private static Input input(Map<?, ?> in, String where) {
        InputNormalisation normalisation = new InputNormalisation(
                InputNormalisation.ChannelOrder.parse(string(in, "channelOrder", where)), floats(in, "mean", where),
                floats(in, "scale", where));
        int channels = integer(in, "channels", where);
        if (channels != normalisation.channels()) {
            throw new ConfigurationException("Model input: channel order " + normalisation.channelOrder().label()
                    + " does not fit " + channels + " channels");
        }
        return new Input(integer(in, "width", where), integer(in, "height", where), normalisation);
    }

    private static Map<?, ?> asObject(Object value, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadInputException(where + " must be a JSON object");
        }
        return map;
    }

    private static String string(Map<?, ?> map, String key, String where) {
        if (!(map.get(key) instanceof String s)) {
            throw new BadInputException(where + ": '" + key + "' must be a string");
        }
        return s;
    }

    private static String optional(Map<?, ?> map, String key) {
        return map.get(key) instanceof String s ? s : "";
    }

    /** An optional array of strings: empty when absent. */
    private static List<String> strings(Map<?, ?> map, String key, String where) {
        if (!map.containsKey(key)) {
            return List.of();
        }
        if (!(map.get(key) instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new BadInputException(where + ": '" + key + "' must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static double number(Map<?, ?> map, String key, String where) {
        if (!(map.get(key) instanceof Number n)) {
            throw new BadInputException(where + ": '" + key + "' must be a number");
        }
        return n.doubleValue();
    }

    private static long whole(Map<?, ?> map, String key, String where) {
        if (!(map.get(key) instanceof Long n)) {
            throw new BadInputException(where + ": '" + key + "' must be a whole number");
        }
        return n;
    }

    private static int integer(Map<?, ?> map, String key, String where) {
        double d = number(map, key, where);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new BadInputException(where + ": '" + key + "' must be a whole number, got " + d);
        }
        return (int) d;
    }

    private static float[] floats(Map<?, ?> map, String key, String where) {
        if (!(map.get(key) instanceof List<?> list)) {
            throw new BadInputException(where + ": '" + key + "' must be an array of numbers");
        }
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new BadInputException(where + ": '" + key + "' must be an array of numbers");
            }
            values[i] = n.floatValue();
        }
        return values;
    }

    /** The card as JSON, in the layout {@link #parse} reads. */
    public String toJson() {
        List<String> lines = new ArrayList<>();
        lines.add("{");
        lines.add("  \"id\": " + quote(id) + ",");
        lines.add("  \"version\": " + quote(version) + ",");
        lines.add("  \"architecture\": " + quote(architecture) + ",");
        InputNormalisation normalisation = input.normalisation();
        lines.add("  \"input\": {\"width\": " + input.width() + ", \"height\": " + input.height() + ", \"channels\": "
                + input.channels() + ", \"channelOrder\": " + quote(normalisation.channelOrder().label())
                + ", \"mean\": " + array(normalisation.mean()) + ", \"scale\": " + array(normalisation.scale()) + "},");
        lines.add("  \"alignment\": {\"template\": " + quote(alignment.template()) + ", \"padding\": "
                + alignment.padding() + "},");
        lines.add("  \"embedding\": {\"size\": " + embeddingSize + "},");
        lines.add("  \"distance\": " + quote(distance.label()) + ",");
        lines.add("  \"threshold\": " + threshold + ",");
        if (!compatibleWith.isEmpty()) {
            lines.add("  \"compatible-with\": " + Json.write(compatibleWith) + ",");
        }
        lines.add("  \"weights\": {\"format\": " + quote(weights.format()) + ", \"file\": " + quote(weights.file()) + "},");
        lines.add("  \"provenance\": {\"source\": " + quote(provenance.source()) + ", \"sha256\": "
                + quote(provenance.sha256()) + ", \"licence\": " + quote(provenance.licence()) + ", \"notes\": "
                + quote(provenance.notes()) + "}" + (training.isPresent() ? "," : ""));
        training.ifPresent(t -> lines.add("  \"training\": " + t.toJson()));
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    private static String array(float[] values) {
        List<String> parts = new ArrayList<>();
        for (float v : values) {
            parts.add(Float.toString(v));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private static String quote(String s) {
        return Json.write(s);
    }
}
