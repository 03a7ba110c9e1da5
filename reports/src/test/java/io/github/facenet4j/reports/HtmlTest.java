package io.github.facenet4j.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapeTurnsTheFiveSpecialCharactersIntoEntities() {
        assertThat(Html.escape("a & b < c > d \" e ' f")).isEqualTo("a &amp; b &lt; c &gt; d &quot; e &#39; f");
        assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Html.escape("±∞ é")).isEqualTo("±∞ é");
        assertThat(Html.escape("")).isEmpty();
    }

    @Test
    void pageHasTheSkeletonTheCommonStyleAndTheFooter() {
        String page = Html.page("run & <test>", "body{max-width:none}", "<h1>x</h1>\n");
        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>run &amp; &lt;test&gt;</title><style>" + Html.CSS + "body{max-width:none}</style>")
                .contains("<body>\n<h1>x</h1>\n<p class=\"note\">Written by facenet4j.</p>\n")
                .endsWith("</body></html>\n");
        assertThat(Html.page("t", "<p>b</p>")).isEqualTo(Html.page("t", "", "<p>b</p>"));
    }

    @Test
    void keyValueTableShadesTheKeysAndEscapesEveryCell() {
        String html = Table.keyValue().row("VAL @ FAR 1e-03", "0.6000").row("message", "a <b> & c").html();
        assertThat(html).isEqualTo("<table>\n<tr><th>VAL @ FAR 1e-03</th><td>0.6000</td></tr>\n"
                + "<tr><th>message</th><td>a &lt;b&gt; &amp; c</td></tr>\n</table>\n");
    }

    @Test
    void headedTableHasAHeaderRowAndMarksWarningsAndFigures() {
        String html = Table.of("step", "kind", "message").numeric().row("1", "start", "ok")
                .warning("3000", "collapse", "<spread>").html();
        assertThat(html).isEqualTo("<table class=\"num\">\n<tr><th>step</th><th>kind</th><th>message</th></tr>\n"
                + "<tr><td>1</td><td>start</td><td>ok</td></tr>\n"
                + "<tr class=\"warn\"><td>3000</td><td>collapse</td><td>&lt;spread&gt;</td></tr>\n</table>\n");
        assertThat(Table.of("a").toString()).isEqualTo("<table>\n<tr><th>a</th></tr>\n</table>\n");
    }

    @Test
    void rowsOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> Table.of("a", "b").row("1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("A row of this table has 2 cells, got 1");
        assertThatThrownBy(() -> Table.keyValue().row("k", "v", "extra"))
                .hasMessage("A row of this table has 2 cells, got 3");
        assertThatThrownBy(Table::of).hasMessage("A headed table needs at least one column");
    }
}
