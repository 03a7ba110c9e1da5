package io.github.facenet4j.training;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.reports.Axis;
import io.github.facenet4j.reports.Chart;
import io.github.facenet4j.reports.Html;
import io.github.facenet4j.reports.Series;
import io.github.facenet4j.reports.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A training run as one self-contained HTML page: the outcome, the loss and active-triplet
 * curves, VAL@FAR (FaceNet §4) and precision@1 at each validation, the embeddings' spread,
 * the events and the configuration. Like the verification report it is drawn with the
 * reports module (inline SVG charts, the common page skeleton), so it needs no other file
 * and the training bundle no AWT or chart library.
 */
public final class TrainingReport {

    private TrainingReport() {
    }

    /** Writes the page. */
    public static void write(Path file, String title, TrainingHistory history, TrainingResult result,
                             TrainerConfig config) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, page(title, history, result, config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("Cannot write the training report " + file + ": " + e.getMessage(), e);
        }
    }

    static String page(String title, TrainingHistory h, TrainingResult result, TrainerConfig config) {
        StringBuilder s = new StringBuilder();
        s.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        Table outcome = Table.keyValue()
                .row("outcome", result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .row("message", result.message())
                .row("steps", Long.toString(result.steps()));
        result.lastValidation().ifPresent(v -> outcome.row("VAL @ FAR " + sci(config.farTarget()), fixed(v.val()))
                .row("precision@1", fixed(v.precisionAt1()))
                .row("spread", fixed(v.spread())));
        outcome.row("checkpoint", result.checkpoint().map(p -> p + " (step " + result.checkpointStep() + ")")
                .orElse("none"));
        s.append(outcome.html());

        List<StepRecord> steps = h.steps();
        double[] x = steps.stream().mapToDouble(StepRecord::step).toArray();
        double[] loss = steps.stream().mapToDouble(StepRecord::loss).toArray();
        Axis step = Axis.linear("step");
        s.append("<h2>Loss</h2>\n").append(Chart.of("triplet loss per step", step, Axis.linear("loss").from(0))
                .with(Series.line("loss", "#9ecae1", x, loss),
                        Series.line("moving average", "#1f77b4", x, movingAverage(loss, Math.max(1, loss.length / 50))))
                .svg());
        s.append("<h2>Active triplets</h2>\n").append(Chart.of("fraction of mined triplets with a positive hinge",
                step, Axis.linear("active fraction").range(0, 1))
                .with(Series.line("active fraction", "#ff7f0e", x,
                        steps.stream().mapToDouble(StepRecord::activeFraction).toArray()))
                .svg());
        List<ValidationRecord> vs = h.validations();
        double[] vx = vs.stream().mapToDouble(ValidationRecord::step).toArray();
        Chart quality = Chart.of("held-out set", step, Axis.linear("fraction").range(0, 1));
        if (vs.stream().anyMatch(v -> Double.isFinite(v.val()))) {
            quality = quality.with(Series.line("VAL @ FAR " + sci(config.farTarget()), "#d62728", vx,
                    vs.stream().mapToDouble(ValidationRecord::val).toArray()));
        }
        quality = quality.with(Series.line("precision@1", "#2ca02c", vx,
                vs.stream().mapToDouble(ValidationRecord::precisionAt1).toArray()));
        s.append("<h2>Validation</h2>\n").append(quality.svg());
        s.append("<h2>Spread</h2>\n").append(Chart.of("mean squared distance between embeddings (2 = spread out, 0 ="
                + " collapsed)", step, Axis.linear("spread").from(0))
                .with(Series.line("training batch", "#9467bd", x,
                                steps.stream().mapToDouble(StepRecord::spread).toArray()),
                        Series.line("held-out set", "#8c564b", vx,
                                vs.stream().mapToDouble(ValidationRecord::spread).toArray()))
                .svg());
        s.append("<h2>Events</h2>\n");
        List<TrainingEvent> checkpoints = h.events().stream()
                .filter(e -> e.kind() == TrainingEvent.Kind.CHECKPOINT).toList();
        if (!checkpoints.isEmpty()) {
            s.append("<p>").append(checkpoints.size()).append(" checkpoint").append(checkpoints.size() == 1 ? "" : "s")
                    .append(" written, the last at step ").append(checkpoints.get(checkpoints.size() - 1).step())
                    .append(".</p>\n");
        }
        Table events = Table.of("step", "kind", "message");
        for (TrainingEvent e : h.events()) {
            if (e.kind() == TrainingEvent.Kind.CHECKPOINT) {
                continue;
            }
            String[] cells = {Long.toString(e.step()), e.kind().name().toLowerCase(Locale.ROOT), e.message()};
            if (e.kind().warning()) {
                events.warning(cells);
            } else {
                events.row(cells);
            }
        }
        s.append(events.html()).append("<h2>Configuration</h2>\n<pre>").append(Html.escape(Json.writePretty(
                config.describe()))).append("</pre>\n");
        return Html.page(title, s.toString());
    }

    /** Trailing mean over {@code window} values. */
    static double[] movingAverage(double[] v, int window) {
        double[] out = new double[v.length];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                sum += v[i];
                count++;
            }
            if (i >= window && Double.isFinite(v[i - window])) {
                sum -= v[i - window];
                count--;
            }
            out[i] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.0e", v);
    }
}
