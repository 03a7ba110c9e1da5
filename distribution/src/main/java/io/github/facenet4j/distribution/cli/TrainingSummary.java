package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.models.ModelCard;
import io.github.facenet4j.training.Trainer;
import io.github.facenet4j.training.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code facenet train} prints when a run ends: outcome, speed by part of the step, the
 * last validation, collapse reports and the files written; as text, or as one JSON object with
 * {@code --json}. A failed run's message also goes to stderr as a {@code facenet:} line.
 */
final class TrainingSummary {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final int batch;
    private final Path directory;

    /**
     * @param batch     images per step (P × K)
     * @param directory the run's output directory
     */
    TrainingSummary(PrintWriter out, PrintWriter err, boolean json, int batch, Path directory) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.batch = batch;
        this.directory = directory;
    }

    /** @param model the trained model's ONNX file, or {@code null} when none was written */
    void print(TrainingResult result, TrainingProgress progress, StepTimings t, double seconds, Path model) {
        long runSteps = progress.steps();
        double perStep = runSteps == 0 ? 0 : 1.0 / runSteps / 1e6;
        double trainSeconds = t.stepNanos() / 1e9;
        double imagesPerSecond = trainSeconds == 0 ? 0 : runSteps * (double) batch / trainSeconds;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        s.put("message", result.message());
        s.put("steps", result.steps());
        s.put("steps_this_run", runSteps);
        s.put("seconds", round(seconds, 1));
        s.put("images_per_second", round(imagesPerSecond, 0));
        s.put("ms_per_step", round(runSteps == 0 ? 0 : trainSeconds * 1000 / runSteps, 2));
        Map<String, Object> ms = new LinkedHashMap<>();
        ms.put("forward", round(t.forward * perStep, 2));
        ms.put("mining", round(t.mining * perStep, 2));
        ms.put("loss", round(t.loss * perStep, 2));
        ms.put("backward_and_step", round(t.backward * perStep, 2));
        s.put("ms_per_step_by_part", ms);
        s.put("validation_seconds", round(t.validation / 1e9, 1));
        result.lastValidation().ifPresent(v -> {
            s.put("validation_step", v.step());
            s.put("val", v.val());
            s.put("far", v.far());
            s.put("precision_at_1", v.precisionAt1());
            s.put("spread", v.spread());
            s.put("validation_images", v.images());
        });
        s.put("collapse_events", progress.warnings());
        s.put("checkpoint", result.checkpoint().map(Path::toString).orElse(null));
        s.put("model", model == null ? null : model.toString());
        if (json) {
            out.println(Json.writePretty(s));
        } else {
            out.println(result.message());
            out.printf(Locale.ROOT, "steps %d (%d this run) in %.1f s: %.1f ms per step, %.0f images/s"
                            + " (forward %.2f + mining %.2f + loss %.2f + backward/step %.2f ms; validation %.1f s)%n",
                    result.steps(), runSteps, seconds, (double) s.get("ms_per_step"), imagesPerSecond,
                    t.forward * perStep, t.mining * perStep, t.loss * perStep, t.backward * perStep,
                    t.validation / 1e9);
            result.lastValidation().ifPresent(v -> out.printf(Locale.ROOT,
                    "validation at step %d on %d images: VAL %.4f at FAR %.5f, precision@1 %.4f, spread %.3f%n",
                    v.step(), v.images(), v.val(), v.far(), v.precisionAt1(), v.spread()));
            if (!progress.warnings().isEmpty()) {
                out.println("collapse/stall reported " + progress.warnings().size() + " time(s): "
                        + progress.warnings().get(0));
            }
            out.println("wrote " + directory.resolve(Trainer.LOG_FILE) + ", " + directory.resolve(Trainer.REPORT_FILE)
                    + (model == null ? "" : ", " + directory.resolve(ModelCard.FILE_NAME) + " + " + model.getFileName()));
        }
        out.flush();
        if (result.outcome().failed()) {
            err.println("facenet: " + result.message());
            err.flush();
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
