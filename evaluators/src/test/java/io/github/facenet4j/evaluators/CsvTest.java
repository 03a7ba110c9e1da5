package io.github.facenet4j.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one CSV field encoder and decoder: RFC 4180 quoting, written and read back. */
class CsvTest {

    private static final Path FILE = Path.of("/data/x.csv");

    private static List<List<String>> read(String text) {
        return Csv.records(FILE, text).stream().map(r -> Arrays.asList(r.fields())).toList();
    }

    private static List<Integer> lines(String text) {
        return Csv.records(FILE, text).stream().map(Csv.Record::line).toList();
    }

    @Test
    void plainFieldsAreWrittenAsThey() {
        assertThat(Csv.field("Ann_0001")).isEqualTo("Ann_0001");
        assertThat(Csv.field("")).isEqualTo("");
        assertThat(Csv.field("Zoë Ångström")).isEqualTo("Zoë Ångström");
        assertThat(Csv.record(List.of("id", "label", "e0"))).isEqualTo("id,label,e0");
    }

    @Test
    void commasQuotesLineBreaksAndOuterBlanksAreQuoted() {
        // RFC 4180 §2.6, §2.7: enclose in double quotes, double a quote inside
        assertThat(Csv.field("Smith, John")).isEqualTo("\"Smith, John\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("cr\rlf")).isEqualTo("\"cr\rlf\"");
        assertThat(Csv.field(" padded")).isEqualTo("\" padded\"");
        assertThat(Csv.record(List.of("a,b", "c"))).isEqualTo("\"a,b\",c");
    }

    @Test
    void readsTheRfcExamples() {
        assertThat(read("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n")).containsExactly(List.of("aaa", "bbb", "ccc"),
                List.of("zzz", "yyy", "xxx"));
        assertThat(read("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx")).containsExactly(
                List.of("aaa", "b\r\nbb", "ccc"), List.of("zzz", "yyy", "xxx"));
        assertThat(read("\"aaa\",\"b\"\"bb\",\"ccc\"")).containsExactly(List.of("aaa", "b\"bb", "ccc"));
    }

    @Test
    void trimsUnquotedFieldsKeepsQuotedOnesAndSkipsBlankLines() {
        assertThat(read("  a , \" b \" ,c  \n\n   \nd,,\"\"\n")).containsExactly(List.of("a", " b ", "c"),
                List.of("d", "", ""));
        assertThat(read("\"\"\n")).containsExactly(List.of(""));
    }

    @Test
    void eachRecordKnowsTheLineItStartsOn() {
        // line 1 header, line 2 a record whose quoted field spans lines 2-4, lines 5 blank, line 6 the next
        assertThat(lines("h\n\"one\ntwo\r\nthree\",x\n\nlast\n")).containsExactly(0, 1, 5);
        assertThat(lines("a\rb\r\nc")).containsExactly(0, 1, 2);
    }

    @Test
    void whatIsWrittenIsReadBack() {
        List<String> tricky = List.of("Smith, John", "O'Brien \"Bob\"", "Zoë Ångström", "Ελένη", "照片,1.jpg",
                "two\nlines", "crlf\r\nend", " lead", "trail ", "", "\"", ",", "plain");
        List<String> backwards = new ArrayList<>(tricky);
        Collections.reverse(backwards);
        String text = Csv.record(tricky) + "\n" + Csv.record(backwards) + "\n";
        assertThat(read(text)).containsExactly(tricky, backwards);
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpensOn() {
        assertThatThrownBy(() -> Csv.records(FILE, "id,label\na,\"Ann\nb,Bob\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.csv line 2: a quoted field is never closed; end it with \" (a quote inside a field is"
                        + " written \"\").");
    }

    @Test
    void textAfterAClosingQuoteIsRefused() {
        assertThatThrownBy(() -> Csv.records(FILE, "id,label\na,\"Ann\"ie,1\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.csv line 2: 'i' after the closing quote of field 2; quote the whole field, writing a"
                        + " quote inside it as \"\".");
    }
}
