package io.github.facenet4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build hands the tests the example bundle by its path, not on the class path. */
class ExampleBundleTest {

    @Test
    void theBuiltExampleIsADeclarativeServicesEvaluatorNamedDecidability() {
        Path location = ExampleBundle.location();
        assertThat(location.toString()).contains("examples", "custom-evaluator");
        String descriptor = ExampleBundle.read(location, ExampleBundle.DESCRIPTOR);
        assertThat(descriptor).contains("configuration-pid=\"facenet.evaluator.decidability\"",
                "<property name=\"facenet.name\" type=\"String\" value=\"decidability\"/>",
                "<provide interface=\"io.github.facenet4j.api.Evaluator\"/>");
        assertThat(ExampleBundle.read(location, "META-INF/MANIFEST.MF"))
                .contains("Service-Component: OSGI-INF/", "Import-Package: io.github.facenet4j.api;");
    }

    @Test
    void theExampleIsNotOnTheTestClassPath() {
        assertThat(System.getProperty("java.class.path").split(File.pathSeparator))
                .noneMatch(entry -> entry.contains("custom-evaluator"));
        assertThatThrownBy(() -> Class.forName(ExampleBundle.CLASS)).isInstanceOf(ClassNotFoundException.class);
    }
}
