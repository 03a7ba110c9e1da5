package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.FaceNet;
import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.distribution.runtime.PluginRuntime;
import io.github.facenet4j.distribution.serve.PipelineChoice;
import io.github.facenet4j.faces.AlignedCropCheck;
import io.github.facenet4j.faces.FaceBox;
import io.github.facenet4j.faces.FacePipeline.Face;
import io.github.facenet4j.faces.RgbImage;
import io.github.facenet4j.faces.TinyFaceDetectorConfig;
import io.github.facenet4j.models.ModelCard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that runs the face pipeline: runtime, backend and model options, and a facade to open. */
abstract class FaceCommand extends PluginCommand {

    /**
     * The largest detector input: the network's first layer (conv0) holds 16 float channels of
     * the input square, 256 MiB at 2048 (4 GiB at 8192, which also took 29 s on 2 cores; 32000
     * overflows an array's int index). 2048 is four times the default side, sixteen times its
     * pixels: room for the small faces of large photos; verify of two photos took 4.4 s at 2048
     * here against 1.9 s at 512.
     */
    static final int MAX_DETECTOR_SIZE = 2048;

    private static final OptionRange DETECTOR_SIZE = OptionRange.between("--detector-size", 32, MAX_DETECTOR_SIZE,
            "the detector's memory and time grow with its square");

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = FaceNet.DEFAULT_DETECTOR,
            description = "Face detector plugin (default: ${DEFAULT-VALUE}); `facenet plugins` lists those installed.")
    String detector = FaceNet.DEFAULT_DETECTOR;

    @Option(names = "--landmarker", paramLabel = "NAME", defaultValue = FaceNet.DEFAULT_LANDMARKER,
            description = "Landmark plugin (default: ${DEFAULT-VALUE}).")
    String landmarker = FaceNet.DEFAULT_LANDMARKER;

    @Option(names = "--detector-size", paramLabel = "N",
            description = "Face detector input size, a multiple of 32 up to " + MAX_DETECTOR_SIZE
                    + ", for one pass over the whole photo: larger finds smaller faces, slower (default: the"
                    + " detector's input-size setting, " + TinyFaceDetectorConfig.DEFAULT_INPUT_SIZE
                    + " for tiny, on the whole photo and on tiles of it for small faces).")
    Integer detectorSize;

    /** Opens the facade on a runtime started for it, with the chosen plugins, model and model cache. */
    FaceNet openFaceNet() {
        PipelineChoice choice = pipelineChoice();
        PluginRuntime runtime = startRuntime();
        return faceNetBuilder(runtime, choice).alsoClose(runtime).open();
    }

    /** The plugin runtime with the configuration files and the chosen backend's {@code --device}. */
    PluginRuntime startRuntime() {
        return runtimeOptions.start(modelOptions.configure(runtimeOptions.configurations()));
    }

    /**
     * Opens the facade on {@code runtime}, which the caller closes after the facade: for a
     * command that also looks plugins of its own up there (a clusterer).
     */
    FaceNet openFaceNet(PluginRuntime runtime) {
        return faceNetBuilder(runtime, pipelineChoice()).open();
    }

    /** The backend, detector, landmarker and model the options choose, checked. */
    PipelineChoice pipelineChoice() {
        if (detectorSize != null) {
            DETECTOR_SIZE.check(detectorSize);
            if (detectorSize % 32 != 0) {
                throw new ConfigurationException("--detector-size must be a multiple of 32 ("
                        + TinyFaceDetectorConfig.DEFAULT_INPUT_SIZE + " by default, 800 or more for small faces), got "
                        + detectorSize);
            }
        }
        return new PipelineChoice(modelOptions.backend, detector, landmarker, modelOptions.model);
    }

    /**
     * A facade builder over {@code plugins} (which the caller keeps) for {@code choice}, with
     * this command's model cache and detector size.
     */
    FaceNet.Builder faceNetBuilder(PluginRegistry plugins, PipelineChoice choice) {
        FaceNet.Builder builder = FaceNet.builder().plugins(plugins).backend(choice.backend())
                .detector(choice.detector()).landmarker(choice.landmarker()).modelCache(modelOptions.modelCache);
        if (detectorSize != null) {
            builder.detectorInputSize(detectorSize);
        }
        if (!choice.model().equals(ModelCard.defaultCard().id())) {
            builder.model(Path.of(choice.model()));
        }
        return builder;
    }

    /**
     * The embedding of a photo given with {@code --aligned}; one warning line on stderr when it
     * does not look like an aligned crop, which is embedded all the same: when it is not the
     * model's input size, since it is then squashed to that size whole rather than searched for
     * faces (a full photo given with {@code --aligned} by mistake), and when it is that size but
     * the detector finds no face in it or finds one far from where the model's alignment
     * template puts it ({@link AlignedCropCheck}: a thumbnail of a whole photo, a face in a
     * corner, a crop not cut like the template's).
     */
    Face alignedCrop(FaceNet faceNet, Path photo) {
        RgbImage crop = faceNet.read(photo);
        ModelCard.Input input = faceNet.card().input();
        if (crop.width() != input.width() || crop.height() != input.height()) {
            warn("warning: " + photo + " is " + crop.width() + "×" + crop.height() + ", not the model's "
                    + input.width() + "×" + input.height() + " input: --aligned resizes it whole; without --aligned"
                    + " its faces are detected and aligned");
        } else {
            AlignedCropCheck.Result check = faceNet.checkAlignedCrop(crop);
            if (!check.aligned()) {
                warn("warning: " + photo + " does not look like an aligned crop ("
                        + (check.found() == null ? "no face found in it" : "its face is at " + box(check.found()))
                        + ", the model's template puts it at " + box(check.expected())
                        + "): without --aligned its faces are detected and aligned");
            }
        }
        return faceNet.alignedCrop(crop);
    }

    private void warn(String line) {
        err().println(line);
        err().flush();
    }

    /**
     * Refuses a {@code --threshold} outside [0, 4], the range of squared L2 distances between
     * unit vectors; {@code null} (not given: the model card's) passes.
     */
    static void requireThreshold(Double threshold) {
        if (threshold != null && !(threshold >= 0 && threshold <= 4)) {
            throw new ConfigurationException("--threshold must be in [0, 4] (squared L2 of"
                    + " unit vectors), got " + threshold);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static String box(FaceBox box) {
        return String.format(Locale.ROOT, "%.0f,%.0f %.0f×%.0f", box.x(), box.y(), box.width(), box.height());
    }

    static double[] boxArray(FaceBox box) {
        return box == null ? null : new double[] {round(box.x()), round(box.y()), round(box.width()), round(box.height())};
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
