package io.github.facenet4j.distribution.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/BAD-INPUT.md names only tests that exist: a renamed or deleted test breaks the build, not the table. */
class BadInputDocTest {

    private static final Pattern TEST = Pattern.compile("`(\\w+Test)#(\\w+)`");

    @Test
    void everyTestTheTableNamesExists() throws IOException {
        Path root = Path.of("..");
        String doc = Files.readString(root.resolve("docs/BAD-INPUT.md"), StandardCharsets.UTF_8);
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root)) {
            sources = walk.filter(p -> p.toString().contains("src/test/java") && p.toString().endsWith("Test.java"))
                    .toList();
        }
        Matcher m = TEST.matcher(doc);
        int named = 0;
        while (m.find()) {
            String file = m.group(1) + ".java";
            String method = m.group(2);
            List<Path> found = sources.stream().filter(p -> p.getFileName().toString().equals(file)).toList();
            assertThat(found).as(m.group()).hasSize(1);
            assertThat(Files.readString(found.get(0), StandardCharsets.UTF_8)).as(m.group())
                    .containsPattern("void " + method + "\\(");
            named++;
        }
        assertThat(named).as("tests named in the table").isGreaterThan(50);
    }
}
