package io.github.facenet4j.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Known answers worked out by hand from the fixed layout: a 900 × 300 chart with one legend
 * row has its plot from x = 80 to 880 (800 px) and y = 50 to 250 (200 px).
 */
class ChartTest {

    private static final String BLUE = "#1f77b4";

    private static List<String> polylines(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(svg);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Labels under the x axis (16 px below the plot's bottom at 250) as label@x. */
    private static List<String> xTicks(String svg) {
        return texts(svg, "y=\"266\" text-anchor=\"middle\"", 1);
    }

    /** Labels left of the y axis as label@y. */
    private static List<String> yTicks(String svg) {
        return texts(svg, "y=\"([-0-9.]+)\" text-anchor=\"end\"", 2);
    }

    private static List<String> texts(String svg, String attributes, int coordinate) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<text x=\"([-0-9.]+)\" " + attributes + ">([^<]*)</text>").matcher(svg);
        while (m.find()) {
            out.add(m.group(m.groupCount()) + "@" + m.group(coordinate));
        }
        return out;
    }

    @Test
    void linePointsLandAtTheirWorkedOutPixels() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("s", BLUE, new double[] {0, 5, 10}, new double[] {0, 0.5, 1})).svg();
        // x 0..10: step 2, so the axis is [0, 10] and x = 80 + 80 · value; y = 250 − 200 · value.
        assertThat(polylines(svg)).containsExactly("80.0,250.0 480.0,150.0 880.0,50.0");
        assertThat(xTicks(svg)).containsExactly("0@80.0", "2@240.0", "4@400.0", "6@560.0",
                "8@720.0", "10@880.0");
        // y tick labels sit 4 px below their line for centring: 0.0 at 254, 1.0 at 54.
        assertThat(yTicks(svg)).containsExactly("0.0@254.0", "0.2@214.0", "0.4@174.0", "0.6@134.0",
                "0.8@94.0", "1.0@54.0");
    }

    @Test
    void boundsFromTheDataAreRoundedOutToTheNextTick() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y"))
                .with(Series.line("s", BLUE, new double[] {0, 10}, new double[] {0.3, 2.1})).svg();
        // y 0.3..2.1 spans 1.8; a fifth of it, 0.36, rounds to a step of 0.5, so the axis is [0, 2.5]:
        // 0.3 at 250 − 200 · 0.3 / 2.5 = 226, 2.1 at 250 − 168 = 82.
        assertThat(polylines(svg)).containsExactly("80.0,226.0 880.0,82.0");
        assertThat(yTicks(svg)).containsExactly("0.0@254.0", "0.5@214.0", "1.0@174.0", "1.5@134.0",
                "2.0@94.0", "2.5@54.0");
    }

    @Test
    void constantDataGetsAUnitWideAxisAroundIt() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y"))
                .with(Series.line("s", BLUE, new double[] {0, 10}, new double[] {1.9, 1.9})).svg();
        // [1.4, 2.4], step 0.2: 1.9 is in the middle, y = 150.
        assertThat(polylines(svg)).containsExactly("80.0,150.0 880.0,150.0");
        assertThat(yTicks(svg)).first().isEqualTo("1.4@254.0");
        assertThat(yTicks(svg)).last().isEqualTo("2.4@54.0");
    }

    @Test
    void logAxisTicksAtEachPowerOfTenAndLeavesOutWhatItCannotDraw() {
        String svg = Chart.of("ROC", Axis.log10("FAR"), Axis.linear("VAL").range(0, 1))
                .with(Series.line("roc", BLUE, new double[] {0, 1e-4, 1e-2, 1}, new double[] {0.05, 0.1, 0.5, 0.9}))
                .svg();
        // log10 FAR from −4 to 0: 200 px a decade. FAR 0 cannot be drawn and is left out.
        assertThat(polylines(svg)).containsExactly("80.0,230.0 480.0,150.0 880.0,70.0");
        assertThat(xTicks(svg)).containsExactly("1e-4@80.0", "0.001@280.0", "0.01@480.0", "0.1@680.0",
                "1@880.0");
        // minor lines at 2 … 9 times each power: 8 a decade, the first at 80 + 200 · log10(2) = 140.2
        Matcher minor = Pattern.compile("x1=\"([0-9.]+)\"[^>]*stroke=\"#f2f2f2\"").matcher(svg);
        List<String> xs = new ArrayList<>();
        while (minor.find()) {
            xs.add(minor.group(1));
        }
        assertThat(xs).hasSize(32).startsWith("140.2");
    }

    @Test
    void logBoundsFromTheDataAreWholeDecades() {
        String svg = Chart.of("t", Axis.log10("FAR"), Axis.linear("VAL").range(0, 1))
                .with(Series.line("s", BLUE, new double[] {3e-5, 0.2}, new double[] {0, 1})).svg();
        // [1e-5, 1]: 160 px a decade; 3e-5 at 80 + 160 · log10(3) = 156.3, 0.2 at 880 − 160 · log10(5) = 768.2.
        assertThat(polylines(svg)).containsExactly("156.3,250.0 768.2,50.0");
        assertThat(xTicks(svg)).startsWith("1e-5@80.0").endsWith("1@880.0");
    }

    @Test
    void histogramIsAFilledStepOutlineFromZero() {
        String svg = Chart.of("h", Axis.linear("d"), Axis.linear("n").from(0))
                .with(Series.histogram("same", BLUE, new double[] {0, 1, 2}, new double[] {0.5, 1.0})).svg();
        // x [0, 2] (step 0.5): 400 px a unit; y [0, 1]: 200 px a unit.
        assertThat(svg).contains("d=\"M80.0,250.0 L80.0,150.0 L480.0,150.0 L480.0,50.0 L880.0,50.0 L880.0,250.0 Z\"")
                .contains("fill-opacity=\"0.25\"");
    }

    @Test
    void markersAreDashedLinesAcrossThePlot() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("s", BLUE, new double[] {0, 10}, new double[] {0, 1}))
                .with(Marker.vertical("threshold", "#000000", 2.5), Marker.horizontal("", "#d62728", 0.25)).svg();
        assertThat(svg).contains("<line x1=\"280.0\" x2=\"280.0\" y1=\"50\" y2=\"250\" stroke=\"#000000\""
                        + " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                "<line x1=\"80\" x2=\"880\" y1=\"200.0\" y2=\"200.0\" stroke=\"#d62728\" stroke-width=\"1.5\""
                        + " stroke-dasharray=\"6 4\"/>", ">threshold</text>");
    }

    @Test
    void aMarkerBeyondTheDataWidensTheAxisToShowIt() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("s", BLUE, new double[] {0, 10}, new double[] {0, 1}))
                .with(Marker.vertical("", "#000000", 12)).svg();
        // x 0..12, step 2: the marker at the right edge, x = 10 at 80 + 800 · 10 / 12 = 746.7.
        assertThat(svg).contains("<line x1=\"880.0\" x2=\"880.0\"");
        assertThat(polylines(svg)).containsExactly("80.0,250.0 746.7,50.0");
    }

    @Test
    void pointsAreDiamonds() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("s", BLUE, new double[] {0, 10}, new double[] {0, 1}))
                .with(Series.points("p", "#d62728", new double[] {5}, new double[] {0.5})).svg();
        assertThat(svg).contains(
                "<path fill=\"#d62728\" d=\"M480.0,145.0 L485.0,150.0 L480.0,155.0 L475.0,150.0 Z\"/>");
    }

    @Test
    void valuesBeyondAGivenRangeAreDrawnAtItsEdge() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("s", BLUE, new double[] {0, 10}, new double[] {-0.5, 1.5})).svg();
        assertThat(polylines(svg)).containsExactly("80.0,250.0 880.0,50.0");
    }

    @Test
    void nanValuesAreLeftOutAndTheirNeighboursJoined() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 10))
                .with(Series.line("s", BLUE, new double[] {0, 1, 2, 4}, new double[] {0, Double.NaN, 5, 10})).svg();
        // x [0, 4] (step 1): 200 px a unit; y 20 px a unit.
        assertThat(polylines(svg)).containsExactly("80.0,250.0 480.0,150.0 880.0,50.0");
    }

    @Test
    void nothingDrawableShowsNoData() {
        String empty = Chart.of("empty", Axis.linear("step"), Axis.linear("loss")).svg();
        String allNaN = Chart.of("nan", Axis.linear("step"), Axis.linear("loss"))
                .with(Series.line("loss curve", BLUE, new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}))
                .with(Marker.horizontal("", "#000000", 1)).svg();
        String nonPositiveOnLog = Chart.of("log", Axis.log10("FAR"), Axis.linear("VAL"))
                .with(Series.line("roc", BLUE, new double[] {0, -1}, new double[] {0.5, 1})).svg();
        for (String svg : List.of(empty, allNaN, nonPositiveOnLog)) {
            assertThat(svg).contains(">no data</text>")
                    .doesNotContain("<polyline", "stroke-dasharray", ">loss curve</text>");
            assertThat(svg).startsWith("<svg ").endsWith("</svg>\n");
        }
    }

    @Test
    void aSinglePointIsADot() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("s", BLUE, new double[] {3}, new double[] {0.5})).svg();
        // one value: a unit around it, [2.5, 3.5], rounded out to the step 0.2: [2.4, 3.6], 3 in its middle.
        assertThat(svg).contains("<circle cx=\"480.0\" cy=\"150.0\" r=\"2.5\" fill=\"#1f77b4\"/>")
                .doesNotContain("<polyline");
    }

    @Test
    void longLinesAreCutToMaxPointsBucketMeans() {
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("s", BLUE, x, y)).svg();
        String[] points = polylines(svg).get(0).split(" ");
        assertThat(points).hasSize(Series.MAX_POINTS);
        // 5000 / 800 = 6.25 points a bucket: the first holds x 0..5, mean 2.5 (x = 80 + 800 · 2.5 / 5000 = 80.4),
        // y alternating 0, 1: mean 0.5 (y = 150).
        assertThat(points[0]).isEqualTo("80.4,150.0");
    }

    @Test
    void bucketMeansAverageRunsOfConsecutivePoints() {
        double[][] few = Chart.bucketMeans(new double[] {1, 3, 4}, new double[] {1, 3, 5}, 800);
        assertThat(few[0]).containsExactly(1, 3, 4);
        assertThat(few[1]).containsExactly(1, 3, 5);
        double[][] halved = Chart.bucketMeans(new double[] {0, 1, 2, 3, 4}, new double[] {0, 10, 20, 30, 40}, 2);
        // runs of 5 / 2 points: indices 0..1 and 2..4
        assertThat(halved[0]).containsExactly(0.5, 3);
        assertThat(halved[1]).containsExactly(5, 30);
    }

    @Test
    void legendNamesEachSeriesAndMarkerAndWrapsOntoMoreRows() {
        Chart one = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1))
                .with(Series.line("loss", BLUE, new double[] {0, 1}, new double[] {0, 1}),
                        Series.line("", "#ff7f0e", new double[] {0, 1}, new double[] {1, 0}))
                .with(Marker.vertical("threshold", "#000000", 0.5));
        assertThat(one.svg()).contains(">loss</text>", ">threshold</text>", "<rect x=\"80\" y=\"50\" width=\"800\""
                + " height=\"200\"");
        Chart wide = one;
        for (int i = 0; i < 8; i++) {
            wide = wide.with(Series.line("a rather long series name " + i, BLUE, new double[] {0, 1},
                    new double[] {0, 1}));
        }
        // more than one row: the plot starts 16 px lower for each further row
        Matcher frame = Pattern.compile("<rect x=\"80\" y=\"(\\d+)\" width=\"800\" height=\"(\\d+)\"")
                .matcher(wide.svg());
        assertThat(frame.find()).isTrue();
        int top = Integer.parseInt(frame.group(1));
        assertThat(top).isGreaterThan(50).matches(t -> (t - 50) % 16 == 0, "a whole number of rows");
        assertThat(Integer.parseInt(frame.group(2))).isEqualTo(300 - 50 - top);
    }

    @Test
    void textIsEscaped() {
        String svg = Chart.of("a<b & \"c\"", Axis.linear("x <m>"), Axis.linear("y & z"))
                .with(Series.line("</text>", BLUE, new double[] {0, 1}, new double[] {0, 1})).svg();
        assertThat(svg).contains(">a&lt;b &amp; &quot;c&quot;</text>", "aria-label=\"a&lt;b &amp; &quot;c&quot;\"",
                ">x &lt;m&gt;</text>", ">y &amp; z</text>", ">&lt;/text&gt;</text>").doesNotContain("a<b", "<m>");
    }

    @Test
    void heightIsTheOnlySizeThatChanges() {
        String svg = Chart.of("t", Axis.linear("x"), Axis.linear("y").range(0, 1)).height(400)
                .with(Series.line("s", BLUE, new double[] {0, 10}, new double[] {0, 1})).svg();
        // plot from y 50 to 350
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"400\"");
        assertThat(polylines(svg)).containsExactly("80.0,350.0 880.0,50.0");
    }

    @Test
    void badConfigurationIsRefusedWithOneLine() {
        double[] two = {0, 1};
        assertThatThrownBy(() -> Series.line("s", BLUE, two, new double[] {1}))
                .hasMessage("Series 's' has 2 x values but 1 y values");
        assertThatThrownBy(() -> Series.histogram("h", BLUE, two, two))
                .hasMessage("Histogram 'h' needs one bin edge more than bins, got 2 edges for 2 bins");
        assertThatThrownBy(() -> Series.histogram("h", BLUE, new double[] {0, 1, 1}, two))
                .hasMessage("Histogram 'h' needs finite, increasing bin edges; edge 2 is 1.0");
        assertThatThrownBy(() -> Series.line("s", "blue", two, two))
                .hasMessage("'s' needs a colour written #rrggbb, got blue");
        assertThatThrownBy(() -> Marker.vertical("m", BLUE, Double.NaN))
                .hasMessage("Marker 'm' needs a finite value, got NaN");
        assertThatThrownBy(() -> Axis.linear("x").range(1, 1))
                .hasMessage("Axis 'x': the lower bound must be below the upper, got 1.0 and 1.0");
        assertThatThrownBy(() -> Axis.log10("FAR").from(0))
                .hasMessage("Axis 'FAR': a log10 axis needs bounds > 0, got 0.0 and NaN");
        assertThatThrownBy(() -> Axis.linear("x").from(Double.NEGATIVE_INFINITY))
                .hasMessage("Axis 'x': bounds must be finite or NaN (from the data), got -Infinity and NaN");
        assertThatThrownBy(() -> Chart.of("c", Axis.linear("x"), Axis.linear("y")).height(100))
                .hasMessage("Chart 'c' must be at least 150 pixels high, got 100");
    }

    @Test
    void seriesKeepTheirOwnCopyOfTheValues() {
        double[] y = {0, 1};
        Series s = Series.line("s", BLUE, new double[] {0, 10}, y);
        y[1] = 0;
        assertThat(s.y()).containsExactly(0, 1);
    }
}
