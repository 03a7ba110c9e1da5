package io.github.facenet4j.distribution.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.EvaluationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationHtmlReportTest {

    @Test
    void figuresAreWrittenAsTheCommandLinePrintsThem() {
        assertThat(Figures.text(2.0 / 3)).isEqualTo("0.666667");
        assertThat(Figures.text(1234567.0)).isEqualTo("1.23457e+06");
        assertThat(Figures.text(Double.NaN)).isEqualTo("NaN");
        assertThat(Figures.text(42L)).isEqualTo("42");
        assertThat(Figures.text(List.of(0.5, 0.25))).isEqualTo("0.500000 0.250000");
        assertThat(Figures.text("cosine")).isEqualTo("cosine");
    }

    @Test
    void thePageHoldsEveryFigureInTheEvaluatorsOrderEscaped() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("zeta", 0.125);
        metrics.put("alpha", List.of(1.0, 2.0));
        metrics.put("note", "<b>&</b>");
        metrics.put("pairs", 6L);
        String page = EvaluationHtmlReport.page(new EvaluationResult("my-eval", metrics), "e.csv, p.txt");
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>facenet4j my-eval report</title>",
                "<h1>Evaluation: my-eval</h1>", "on e.csv, p.txt.", "<table class=\"num\">",
                "<tr><th>zeta</th><td>0.125000</td></tr>\n<tr><th>alpha</th><td>1.00000 2.00000</td></tr>\n"
                        + "<tr><th>note</th><td>&lt;b&gt;&amp;&lt;/b&gt;</td></tr>\n<tr><th>pairs</th><td>6</td></tr>");
    }
}
