package io.github.facenet4j;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.faces.AlignedCropCheck;
import io.github.facenet4j.faces.AlignmentTemplate;
import io.github.facenet4j.faces.FaceAligner;
import io.github.facenet4j.faces.FaceDetector;
import io.github.facenet4j.faces.FaceDetectorFactory;
import io.github.facenet4j.faces.FaceEmbedder;
import io.github.facenet4j.faces.FacePipeline;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.ImageFiles;
import io.github.facenet4j.faces.ImageLimits;
import io.github.facenet4j.faces.LandmarkerFactory;
import io.github.facenet4j.faces.MultiScaleConfig;
import io.github.facenet4j.faces.MultiScaleDetector;
import io.github.facenet4j.faces.PipelineContext;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.models.ModelPack;
import io.github.facenet4j.models.NpmPackCache;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.plugins.ClassPathPlugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * facenet4j as a library: detect, embed and verify faces in image files with the default
 * model (or another model directory). The backend, detector and landmarker are plugins
 * chosen by name from a {@link PluginRegistry}: by default the plugins of the facenet4j jars
 * on the class path ({@link ClassPathPlugins}), so a backend is one more dependency; the
 * CLI hands in its OSGi or Guice runtime instead.
 *
 * <pre>{@code
 * try (FaceNet faceNet = FaceNet.builder().open()) {
 *     FaceNet.Verification v = faceNet.verify(Path.of("a.jpg"), Path.of("b.jpg"));
 *     System.out.println(v.distance() + (v.same() ? " same person" : " different people"));
 * }
 * }</pre>
 */
public final class FaceNet implements AutoCloseable {

    /** The backend the builder uses unless told otherwise. */
    public static final String DEFAULT_BACKEND = "onnx";
    /** The detector plugin the builder uses unless told otherwise. */
    public static final String DEFAULT_DETECTOR = "ssd";
    /** The landmarker plugin the builder uses unless told otherwise. */
    public static final String DEFAULT_LANDMARKER = "face-api-68";

    /**
     * A verification decision (FaceNet §4): same person when the squared L2 distance of
     * the two embeddings is at most the threshold.
     */
    public record Verification(double distance, double threshold, boolean same, Face first, Face second) {
    }

    /**
     * Which plugins a facade runs, for reports and {@code /health}.
     *
     * @param backend    the backend's name
     * @param detector   the detector's name
     * @param landmarker the landmarker's name
     */
    public record Plugins(String backend, String detector, String landmarker) {
    }

    private final PluginRegistry registry;
    private final List<Plugin> leased;
    private final FacePipeline pipeline;
    private final ImageLimits limits;
    private final PipelineContext context;
    private final FaceDetectorFactory detectorFactory;
    private final AlignmentTemplate template;
    private final Plugins plugins;
    private final List<AutoCloseable> alsoClose;
    /** Built on first use: only {@code --aligned} inputs need it. */
    private FaceDetectorFactory.Detector cropDetector;
    private AlignedCropCheck cropCheck;

    private FaceNet(PluginRegistry registry, List<Plugin> leased, FacePipeline pipeline, ImageLimits limits,
                    PipelineContext context, FaceDetectorFactory detectorFactory, AlignmentTemplate template,
                    Plugins plugins, List<AutoCloseable> alsoClose) {
        this.registry = registry;
        this.alsoClose = alsoClose;
        this.leased = leased;
        this.pipeline = pipeline;
        this.limits = limits;
        this.context = context;
        this.detectorFactory = detectorFactory;
        this.template = template;
        this.plugins = plugins;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link FaceNet}; every one has a default. */
    public static final class Builder {
        private PluginRegistry registry;
        private String backend = DEFAULT_BACKEND;
        private String detector = DEFAULT_DETECTOR;
        private String landmarker = DEFAULT_LANDMARKER;
        private OptionalInt detectorInputSize = OptionalInt.empty();
        private Path modelCache;
        private Path model;
        private ImageLimits limits = ImageLimits.defaults();
        private final List<AutoCloseable> alsoClose = new ArrayList<>();

        private Builder() {
        }

        /**
         * Where the plugins come from (default: those on the class path, unconfigured). The
         * caller keeps ownership: closing the facade hands its plugins back but does not close
         * the registry.
         */
        public Builder plugins(PluginRegistry plugins) {
            this.registry = Objects.requireNonNull(plugins, "plugins");
            return this;
        }

        /**
         * Something the facade closes last when it closes, or when {@link #open} fails: the
         * CLI ties the runtime it started for the facade to the facade's life this way.
         */
        public Builder alsoClose(AutoCloseable resource) {
            alsoClose.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /** The backend that runs the networks, by plugin name (default {@value FaceNet#DEFAULT_BACKEND}). */
        public Builder backend(String name) {
            this.backend = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The face detector, by plugin name (default {@value FaceNet#DEFAULT_DETECTOR}). */
        public Builder detector(String name) {
            this.detector = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The landmark finder, by plugin name (default {@value FaceNet#DEFAULT_LANDMARKER}). */
        public Builder landmarker(String name) {
            this.landmarker = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * A detector input size over the detector's configured one (the CLI's {@code --detector-size}). Without
         * it the detector also runs on tiles of large images ({@link MultiScaleDetector}); with it,
         * once on the whole image at that size.
         */
        public Builder detectorInputSize(int size) {
            this.detectorInputSize = OptionalInt.of(size);
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

        /** Looks the plugins up, fetches the model pack if needed, and compiles the networks. */
        public FaceNet open() {
            PluginRegistry plugins = registry != null ? registry : ClassPathPlugins.onClassPath();
            List<Plugin> leased = new ArrayList<>();
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                Backend engine = lease(leased, plugins.get(Backend.class, backend));
                FaceDetectorFactory detectors = lease(leased, plugins.get(FaceDetectorFactory.class, detector));
                LandmarkerFactory landmarkers = lease(leased, plugins.get(LandmarkerFactory.class, landmarker));
                Map<String, String> env = new HashMap<>(System.getenv());
                if (modelCache != null) {
                    env.put(NpmPackCache.ENV, modelCache.toString());
                }
                List<String> needed = new ArrayList<>(detectors.packFiles());
                needed.addAll(landmarkers.packFiles());
                if (model == null) {
                    needed.addAll(FaceApiPack.RECOGNITION_FILES);
                }
                Path pack = FaceApiPack.fetch(env, Path.of(System.getProperty("user.home")), needed);
                ModelPack embedding = model == null ? ModelPack.defaultPack(pack) : ModelPack.read(model);
                PipelineContext context = new PipelineContext(engine, pack, detectorInputSize);
                FaceDetectorFactory.Detector faceDetector = detectors.open(context);
                opened.add(faceDetector);
                LandmarkerFactory.Landmarker faceLandmarker = landmarkers.open(context);
                opened.add(faceLandmarker);
                Network embeddingNet = embedding.network(engine);
                opened.add(embeddingNet);
                ModelCard card = embedding.card();
                AlignmentTemplate template = AlignmentTemplate.forCard(card);
                // Without an input size chosen for it, the detector also runs on tiles of large
                // images, so that small faces need no --detector-size.
                FaceDetector finder = detectorInputSize.isPresent() ? faceDetector
                        : new MultiScaleDetector(faceDetector, MultiScaleConfig.defaults());
                FacePipeline pipeline = new FacePipeline(finder, faceLandmarker, new FaceAligner(template),
                        new FaceEmbedder(embeddingNet, card, FaceEmbedder.DEFAULT_BATCH),
                        List.of(faceDetector, faceLandmarker));
                return new FaceNet(plugins, leased, pipeline, limits, context, detectors, template,
                        new Plugins(backend, detector, landmarker), List.copyOf(alsoClose));
            } catch (RuntimeException e) {
                closeAll(opened, e);
                leased.forEach(plugins::release);
                closeAll(alsoClose, e);
                throw e;
            }
        }

        private static void closeAll(List<AutoCloseable> resources, RuntimeException failure) {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
        }

        private static <T extends Plugin> T lease(List<Plugin> leased, T plugin) {
            leased.add(plugin);
            return plugin;
        }
    }

    /** The backend, detector and landmarker this facade runs. */
    public Plugins plugins() {
        return plugins;
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
     * ({@link AlignedCropCheck}); the detector it was measured with ({@link AlignedCropCheck#DETECTOR},
     * whichever detector this facade finds faces with), at {@link AlignedCropCheck#DETECTOR_INPUT_SIZE}
     * with its other settings, is built on the first call.
     */
    public AlignedCropCheck.Result checkAlignedCrop(RgbImage crop) {
        return cropCheck().check(crop);
    }

    private synchronized AlignedCropCheck cropCheck() {
        if (cropCheck == null) {
            FaceDetectorFactory factory = detectorFactory;
            PipelineContext checkContext = context;
            if (!factory.name().equals(AlignedCropCheck.DETECTOR)) {
                factory = registry.get(FaceDetectorFactory.class, AlignedCropCheck.DETECTOR);
                leased.add(factory);
                Path pack = FaceApiPack.fetch(Map.of(NpmPackCache.ENV, context.modelPack().toString()),
                        Path.of(System.getProperty("user.home")), factory.packFiles());
                checkContext = new PipelineContext(context.backend(), pack, context.detectorInputSize());
            }
            cropDetector = factory.open(checkContext.withDetectorInputSize(AlignedCropCheck.DETECTOR_INPUT_SIZE));
            cropCheck = new AlignedCropCheck(cropDetector, template);
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

    /**
     * Closes the networks and hands the plugins back to the registry, which stays open unless
     * it was given to {@link Builder#alsoClose}.
     */
    @Override
    public void close() {
        try {
            try {
                pipeline.close();
            } finally {
                synchronized (this) {
                    if (cropDetector != null) {
                        cropDetector.close();
                    }
                }
            }
        } finally {
            leased.forEach(registry::release);
            RuntimeException failure = new IllegalStateException("closing the facade's resources");
            Builder.closeAll(alsoClose, failure);
            if (failure.getSuppressed().length > 0) {
                throw failure;
            }
        }
    }
}
