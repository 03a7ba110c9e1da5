package io.github.facenet4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.reports.Series;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingReportTest {

    @Test
    void pageHasChartsTablesAndEscapedText() {
        List<StepRecord> steps = new ArrayList<>();
        for (int s = 1; s <= 5000; s++) {
            steps.add(new StepRecord(s, 0.05, 1.0 / s, 100, 50, 1.9, 3));
        }
        List<ValidationRecord> validations = List.of(new ValidationRecord(2500, 0.4, 1e-3, 0.5, 0.8, 1.9, 100),
                new ValidationRecord(5000, 0.6, 9e-4, 0.5, 0.9, 1.8, 100));
        List<TrainingEvent> events = List.of(new TrainingEvent(2500, TrainingEvent.Kind.CHECKPOINT, "saved here"),
                new TrainingEvent(3000, TrainingEvent.Kind.COLLAPSE, "a <b> warning"));
        TrainingResult result = new TrainingResult(TrainingResult.Outcome.COMPLETED, 5000,
                Optional.of(validations.get(1)), Optional.of(Path.of("/tmp/c.zip")), 5000, "Completed 5000 steps");
        String page = TrainingReport.page("run & test", new TrainingHistory(steps, validations, events), result,
                TrainerConfig.defaults(5000));
        assertThat(page).contains("<title>run &amp; test</title>", "a &lt;b&gt; warning", "class=\"warn\"",
                "VAL @ FAR 1e-03", "0.6000", "0.9000", "/tmp/c.zip (step 5000)",
                "1 checkpoint written, the last at step 2500.").doesNotContain("saved here");
        assertThat(page.split("<svg", -1)).hasSize(5);
        // each polyline is cut down to at most MAX_POINTS points
        for (String polyline : page.split("<polyline")) {
            if (polyline.contains("points=\"")) {
                String points = polyline.substring(polyline.indexOf("points=\"") + 8, polyline.indexOf("\"/>"));
                assertThat(points.trim().split(" ").length).isLessThanOrEqualTo(Series.MAX_POINTS);
            }
        }
    }

    @Test
    void movingAverageIsTheTrailingMeanOfTheFiniteValuesInItsWindow() {
        assertThat(TrainingReport.movingAverage(new double[] {1, 2, 3, 4}, 2)).containsExactly(1, 1.5, 2.5, 3.5);
        // NaN leaves the window's count: 1, (1), then 3 alone once 1 has left the window of two
        assertThat(TrainingReport.movingAverage(new double[] {1, Double.NaN, 3}, 2)).containsExactly(1, 1, 3);
        assertThat(TrainingReport.movingAverage(new double[] {Double.NaN}, 3)[0]).isNaN();
    }

    @Test
    void emptyHistoryStillRenders() {
        TrainingResult result = new TrainingResult(TrainingResult.Outcome.NON_FINITE, 0, Optional.empty(),
                Optional.empty(), -1, "stopped");
        String page = TrainingReport.page("t", new TrainingHistory(List.of(), List.of(), List.of()), result,
                TrainerConfig.defaults(10));
        assertThat(page).contains("no data", "non finite", "none");
    }
}
