package io.github.facenet4j.distribution;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.distribution.runtime.PluginConfigurations;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.distribution.runtime.RuntimeKind;
import io.github.facenet4j.distribution.runtime.Runtimes;
import io.github.facenet4j.api.nn.Tensor;
import io.github.facenet4j.faces.AlignedCropCheck;
import io.github.facenet4j.faces.AlignmentTemplate;
import io.github.facenet4j.faces.FaceAligner;
import io.github.facenet4j.faces.FaceEmbedder;
import io.github.facenet4j.faces.FaceLandmarker;
import io.github.facenet4j.faces.FacePipeline;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.ImageFiles;
import io.github.facenet4j.faces.ImageLimits;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.faces.TinyFaceDetector;
import io.github.facenet4j.faces.TinyFaceDetectorConfig;
import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.FaceLandmark68Net;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.models.ModelPack;
import io.github.facenet4j.models.NpmPackCache;
import io.github.facenet4j.models.TfjsWeights;
import io.github.facenet4j.models.TinyFaceDetectorNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * facenet4j as a library: detect, embed and verify faces in image files with the default
 * model (or another model directory) on a backend chosen by name from the plugin registry.
 * The plain-JVM runtime (Guice) is the default; the CLI uses the same facade over OSGi.
 *
 * <pre>{@code
 * try (FaceNet faceNet = FaceNet.builder().open()) {
 *     FaceNet.Verification v = faceNet.verify(Path.of("a.jpg"), Path.of("b.jpg"));
 *     System.out.println(v.distance() + (v.same() ? " same person" : " different people"));
 * }
 * }</pre>
 */
public final class FaceNet implements AutoCloseable {

    /**
     * A verification decision (FaceNet §4): same person when the squared L2 distance of
     * the two embeddings is at most the threshold.
     */
    public record Verification(double distance, double threshold, boolean same, Face first, Face second) {
    }

    private final PluginRuntime runtime;
    private final FacePipeline pipeline;
    private final ImageLimits limits;
    private final Backend engine;
    private final Map<String, Tensor> detectorWeights;
    private final TinyFaceDetectorConfig detector;
    private final AlignmentTemplate template;
    /** Built on first use: only {@code --aligned} inputs need it. */
    private Network cropDetectorNet;
    private AlignedCropCheck cropCheck;

    private FaceNet(PluginRuntime runtime, FacePipeline pipeline, ImageLimits limits, Backend engine,
                    Map<String, Tensor> detectorWeights, TinyFaceDetectorConfig detector, AlignmentTemplate template) {
        this.runtime = runtime;
        this.pipeline = pipeline;
        this.limits = limits;
        this.engine = engine;
        this.detectorWeights = detectorWeights;
        this.detector = detector;
        this.template = template;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link FaceNet}; every one has a default. */
    public static final class Builder {
        private RuntimeKind runtime = RuntimeKind.PLAIN;
        private FaceNetHome home;
        private PluginConfigurations configurations = PluginConfigurations.none();
        private String backend = "onnx";
        private Path modelCache;
        private Path model;
        private ImageLimits limits = ImageLimits.defaults();
        private TinyFaceDetectorConfig detector = TinyFaceDetectorConfig.defaults();

        private Builder() {
        }

        /** Plugin wiring: {@link RuntimeKind#PLAIN} (default) or OSGi, which needs an installation. */
        public Builder runtime(RuntimeKind kind, FaceNetHome installation) {
            this.runtime = Objects.requireNonNull(kind, "kind");
            this.home = installation;
            return this;
        }

        /** Plugin configurations (conf/PID.cfg) the runtime hands its plugins. */
        public Builder configurations(PluginConfigurations configurations) {
            this.configurations = Objects.requireNonNull(configurations, "configurations");
            return this;
        }

        /** The backend that runs the networks, by plugin name (default {@code onnx}). */
        public Builder backend(String name) {
            this.backend = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Directory of the face-api model pack (default {@code $FACENET_MODEL_CACHE}, else
         * {@code ~/.cache/facenet4j/npm/face-api-1.7.15}); fetched there with npm when incomplete.
         */
        public Builder modelCache(Path directory) {
            this.modelCache = directory;
            return this;
        }

        /** An embedding model directory ({@code model-card.json} + weights) instead of the default model. */
        public Builder model(Path directory) {
            this.model = directory;
            return this;
        }

        /** Limits on decoded images (default {@link ImageLimits#defaults()}). */
        public Builder imageLimits(ImageLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Face detector settings (default {@link TinyFaceDetectorConfig#defaults()}). */
        public Builder detector(TinyFaceDetectorConfig config) {
            this.detector = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Starts the runtime, fetches the model pack if needed, and compiles the networks. */
        public FaceNet open() {
            Map<String, String> env = new HashMap<>(System.getenv());
            if (modelCache != null) {
                env.put(NpmPackCache.ENV, modelCache.toString());
            }
            List<String> needed = new ArrayList<>(FaceApiPack.DETECTOR_FILES);
            needed.addAll(FaceApiPack.LANDMARKS_FILES);
            if (model == null) {
                needed.addAll(FaceApiPack.RECOGNITION_FILES);
            }
            Path pack = FaceApiPack.fetch(env, Path.of(System.getProperty("user.home")), needed);
            ModelPack embedding = model == null ? ModelPack.defaultPack(pack) : ModelPack.read(model);
            if (runtime == RuntimeKind.OSGI && home == null) {
                throw new ConfigurationException("The OSGi runtime needs an installation directory (bundles/)");
            }
            PluginRuntime plugins = Runtimes.start(runtime, home, configurations);
            List<Network> networks = new ArrayList<>();
            try {
                Backend engine = plugins.get(Backend.class, backend);
                Map<String, Tensor> detectorWeights = TfjsWeights.read(pack.resolve(FaceApiPack.DETECTOR_MANIFEST));
                Network detectorNet = engine.compile(TinyFaceDetectorNet.graph(detectorWeights, detector.inputSize()));
                networks.add(detectorNet);
                Network landmarkNet = engine.compile(FaceLandmark68Net.graph(
                        TfjsWeights.read(pack.resolve(FaceApiPack.LANDMARKS_MANIFEST))));
                networks.add(landmarkNet);
                Network embeddingNet = embedding.network(engine);
                networks.add(embeddingNet);
                ModelCard card = embedding.card();
                AlignmentTemplate template = AlignmentTemplate.forCard(card);
                FacePipeline pipeline = new FacePipeline(new TinyFaceDetector(detectorNet, detector),
                        new FaceLandmarker(landmarkNet), new FaceAligner(template),
                        new FaceEmbedder(embeddingNet, card, FaceEmbedder.DEFAULT_BATCH),
                        List.of(detectorNet, landmarkNet));
                return new FaceNet(plugins, pipeline, limits, engine, detectorWeights, detector, template);
            } catch (RuntimeException e) {
                for (Network n : networks) {
                    try {
                        n.close();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                plugins.close();
                throw e;
            }
        }
    }

    /** The embedding model's card (input, distance, threshold, provenance). */
    public ModelCard card() {
        return pipeline.embedder().card();
    }

    /** The card's default threshold for {@link #verify}. */
    public double threshold() {
        return card().threshold();
    }

    /** Decodes a photo within this facade's image limits (upright, 8-bit RGB). */
    public RgbImage read(Path photo) {
        return ImageFiles.read(photo, limits);
    }

    /**
     * Decodes an image held in memory (an upload) within this facade's image limits;
     * {@code name} starts every error message.
     */
    public RgbImage read(byte[] image, String name) {
        return ImageFiles.decode(image, name, limits);
    }

    /** The name of the backend plugin that runs the networks. */
    public String backendName() {
        return engine.name();
    }

    /** Which runtime wired the plugins. */
    public RuntimeKind runtimeKind() {
        return runtime.kind();
    }

    /** Every plugin the runtime registered, sorted by kind then name. */
    public List<PluginInfo> plugins() {
        return runtime.plugins();
    }

    /** Every face in the photo, largest first. */
    public List<Face> faces(Path photo) {
        return faces(read(photo));
    }

    /** Every face in a decoded photo, largest first. */
    public List<Face> faces(RgbImage photo) {
        return pipeline.faces(photo);
    }

    /** The largest face in the photo; one clear error when there is none. */
    public Face largestFace(Path photo) {
        return pipeline.largestFace(read(photo), photo.toString());
    }

    /** The embedding of an image that is already an aligned crop (no detection). */
    public Face alignedCrop(Path crop) {
        return alignedCrop(read(crop));
    }

    /** The embedding of a decoded aligned crop, resized to the card's input if it is not that size. */
    public Face alignedCrop(RgbImage crop) {
        return pipeline.aligned(crop);
    }

    /**
     * Whether a decoded crop has its face where the model's alignment template puts it
     * ({@link AlignedCropCheck}); the detector it runs, at {@link AlignedCropCheck#DETECTOR_INPUT_SIZE}
     * with this facade's other detector settings, is built on the first call.
     */
    public AlignedCropCheck.Result checkAlignedCrop(RgbImage crop) {
        return cropCheck().check(crop);
    }

    private synchronized AlignedCropCheck cropCheck() {
        if (cropCheck == null) {
            TinyFaceDetectorConfig config = detector.withInputSize(AlignedCropCheck.DETECTOR_INPUT_SIZE);
            cropDetectorNet = engine.compile(TinyFaceDetectorNet.graph(detectorWeights, config.inputSize()));
            cropCheck = new AlignedCropCheck(new TinyFaceDetector(cropDetectorNet, config), template);
        }
        return cropCheck;
    }

    /** Squared L2 distance of two embeddings. */
    public static double distance(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new ConfigurationException("Embeddings of different sizes: " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** Compares two faces at {@code threshold}. */
    public Verification verify(Face first, Face second, double threshold) {
        double d = distance(first.embedding(), second.embedding());
        return new Verification(d, threshold, d <= threshold, first, second);
    }

    /** Compares the largest faces of two photos at the card's threshold. */
    public Verification verify(Path first, Path second) {
        return verify(largestFace(first), largestFace(second), threshold());
    }

    @Override
    public void close() {
        try {
            try {
                pipeline.close();
            } finally {
                synchronized (this) {
                    if (cropDetectorNet != null) {
                        cropDetectorNet.close();
                    }
                }
            }
        } finally {
            runtime.close();
        }
    }
}
