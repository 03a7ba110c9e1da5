package io.github.facenet4j.distribution.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EvaluationInput.Metric;
import io.github.facenet4j.evaluators.VerificationReport;
import io.github.facenet4j.evaluators.VerificationReport.Histogram;
import io.github.facenet4j.evaluators.VerificationReport.OperatingPoint;
import io.github.facenet4j.evaluators.VerificationReport.Roc;
import io.github.facenet4j.reports.Chart;
import io.github.facenet4j.reports.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made report: 4 same and 10 different pairs; ROC corners at distances 0.2, 0.5, 0.9
 * with FAR 0, 0.1, 0.5 and VAL 0.5, 0.75, 1; four distance bins of width 0.5.
 */
class VerificationHtmlReportTest {

    @TempDir
    Path dir;

    private static VerificationReport report(double threshold, Roc roc, Histogram histogram) {
        return new VerificationReport(Metric.L2SQ, 0.1, threshold, 0.75, 0.1, 0.9375, 0.125, 0.875, 0.0125,
                new double[] {0.5, 0.9}, new double[] {0.85, 0.9}, 4, 10,
                List.of(new OperatingPoint(1e-2, 0.2, 0.5, 0), new OperatingPoint(0.1, 0.5, 0.75, 0.1)), roc,
                histogram);
    }

    private static VerificationReport report() {
        return report(0.5, new Roc(new double[] {0.2, 0.5, 0.9}, new double[] {0, 0.1, 0.5},
                new double[] {0.5, 0.75, 1}), new Histogram(2.0, new long[] {2, 1, 1, 0}, new long[] {0, 1, 4, 5}));
    }

    @Test
    void pageHasTheTablesAndTwoChartsAndEscapesTheSource() {
        String page = VerificationHtmlReport.page(report(), "a <b> & c");
        assertThat(page).contains("<title>facenet4j verification report</title>",
                "<h1>Verification: a &lt;b&gt; &amp; c</h1>",
                "<p>4 same-identity pairs, 10 different-identity pairs, distance l2sq.",
                "<tr><th>VAL @ FAR 1.0e-01</th><td>0.7500</td></tr>", "<tr><th>threshold</th><td>0.5000</td></tr>",
                "<tr><th>FAR at threshold</th><td>1.0e-01</td></tr>", "<tr><th>AUC</th><td>0.937500</td></tr>",
                "<tr><th>EER</th><td>0.1250</td></tr>", "<tr><th>2-fold accuracy</th><td>0.8750 ± 0.013</td></tr>",
                "<tr><th>target FAR</th><th>threshold</th><th>VAL</th><th>FAR reached</th></tr>",
                "<tr><td>1.0e-02</td><td>0.2000</td><td>0.5000</td><td>0</td></tr>",
                "<tr><td>1.0e-01</td><td>0.5000</td><td>0.7500</td><td>1.0e-01</td></tr>",
                "<tr><td>1</td><td>0.5000</td><td>0.8500</td></tr>",
                "<tr><td>2</td><td>0.9000</td><td>0.9000</td></tr>",
                "<h2>ROC</h2>", "<h2>Distances</h2>", "the curve starts at FAR 1/|P_diff| = 1.0e-01",
                ">ROC, AUC 0.9375</text>", ">VAL 0.7500 @ FAR 1.0e-01</text>", ">target FAR 1.0e-01</text>",
                ">same identity</text>", ">different identities</text>", ">threshold @ FAR 1.0e-01</text>",
                ">l2sq distance</text>", ">fraction of pairs per bin</text>", "Written by facenet4j.")
                .doesNotContain("data:image", "a <b>");
        assertThat(page.split("<svg ", -1)).hasSize(3);
    }

    @Test
    void rocIsDrawnOnALogFarAxisFromTheSmallestFar() {
        String svg = VerificationHtmlReport.rocChart(report()).svg();
        // FAR 0 cannot be drawn: its VAL 0.5 stands at FAR 1/10. log10 FAR over [−1, 0] is 800 px wide from x 80;
        // VAL over [0, 1] is 320 px high up from y 370 (a 420 px chart). 0.5 lies at 80 + 800 · log10(5) = 639.2.
        assertThat(svg).contains("points=\"80.0,210.0 80.0,130.0 639.2,50.0\"",
                // the operating point's diamond at (FAR 0.1, VAL 0.75)
                "d=\"M80.0,125.0 L85.0,130.0 L80.0,135.0 L75.0,130.0 Z\"");
    }

    @Test
    void histogramsAreFractionsOfTheirOwnTotalWithTheThresholdMarked() {
        String svg = VerificationHtmlReport.histogramChart(report()).svg();
        // bins [0, 0.5) … [1.5, 2): x 80 + 400 · d; same 2/4, 1/4, 1/4, 0 on [0, 0.5]: y 290 − 480 · f.
        assertThat(svg).contains("d=\"M80.0,290.0 L80.0,50.0 L280.0,50.0 L280.0,170.0 L480.0,170.0 L480.0,170.0"
                        + " L680.0,170.0 L680.0,290.0 L880.0,290.0 L880.0,290.0 Z\"",
                "<line x1=\"280.0\" x2=\"280.0\" y1=\"50\" y2=\"290\" stroke=\"#000000\"");
        Series diff = VerificationHtmlReport.histogramChart(report()).series().get(1);
        assertThat(diff.y()).containsExactly(0, 0.1, 0.4, 0.5);
    }

    @Test
    void histogramLeavesOutEmptyBinsAtEitherEnd() {
        Chart chart = VerificationHtmlReport.histogramChart(report(0.5, report().roc(),
                new Histogram(2.0, new long[] {0, 3, 1, 0}, new long[] {0, 2, 8, 0})));
        assertThat(chart.series().get(0).x()).containsExactly(0.5, 1.0, 1.5);
        assertThat(chart.series().get(0).y()).containsExactly(0.75, 0.25);
        assertThat(chart.series().get(1).y()).containsExactly(0.2, 0.8);
    }

    @Test
    void perfectSeparationIsOnePointAtValOneAndNoThresholdAcceptsNothing() {
        VerificationReport perfect = report(Double.NEGATIVE_INFINITY, new Roc(new double[] {0.1, 0.3},
                new double[] {0, 0}, new double[] {0.5, 1}), report().histogram());
        Chart roc = VerificationHtmlReport.rocChart(perfect);
        assertThat(roc.series().get(0).x()).containsExactly(0.1);
        assertThat(roc.series().get(0).y()).containsExactly(1);
        String page = VerificationHtmlReport.page(perfect, "s");
        assertThat(page).contains("<tr><th>threshold</th><td>−∞ (accept none)</td></tr>")
                .doesNotContain("threshold @ FAR");
    }

    @Test
    void writeCreatesTheDirectoryAndWritesThePage() throws IOException {
        Path file = dir.resolve("out/sub/report.html");
        VerificationHtmlReport.write(report(), "s", file);
        assertThat(Files.readString(file)).isEqualTo(VerificationHtmlReport.page(report(), "s"));
    }
}
