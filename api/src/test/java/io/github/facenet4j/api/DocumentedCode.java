package io.github.facenet4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The Java examples in the project's Markdown, so tests compile and run them as written: a
 * code block is the first {@code ```java} block after a marker comment such as
 * {@code <!-- readme-example: ... -->}, and it compiles against this module's test class
 * path.
 */
public final class DocumentedCode {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)", Pattern.MULTILINE);

    private DocumentedCode() {
    }

    /**
     * The code of the {@code ```java} block that follows {@code marker} in {@code markdown}, a
     * path from the project root (e.g. {@code docs/EVALUATORS.md}).
     */
    public static String javaBlock(String markdown, String marker) throws IOException {
        // Maven runs the tests in distribution/, one level below the root
        String text = Files.readString(Path.of("..", markdown), StandardCharsets.UTF_8);
        int at = text.indexOf(marker);
        assertThat(at).as(markdown + " holds the marker " + marker).isNotNegative();
        int fence = text.indexOf("```java\n", at);
        assertThat(fence).as("a ```java block after " + marker + " in " + markdown).isNotNegative();
        int start = fence + "```java\n".length();
        int end = text.indexOf("```", start);
        assertThat(end).as("the end of the ```java block after " + marker + " in " + markdown).isPositive();
        return text.substring(start, end);
    }

    /**
     * Compiles {@code source} (one public top-level type, in a package or not) into {@code dir}
     * and loads that type in a class loader whose parent is this module's.
     */
    public static Class<?> compile(String source, Path dir) throws IOException, ClassNotFoundException {
        Matcher type = PUBLIC_TYPE.matcher(source);
        assertThat(type.find()).as("a public top-level type in\n" + source).isTrue();
        Matcher pkg = PACKAGE.matcher(source);
        String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
        Path file = Files.writeString(Files.createDirectories(dir.resolve("src")).resolve(type.group(1) + ".java"),
                source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), file.toString());
        assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        // not closed: the type's nested classes load from it while the caller uses the type
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DocumentedCode.class.getClassLoader());
        return loader.loadClass(name);
    }
}
