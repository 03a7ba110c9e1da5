package io.github.facenet4j.evaluators.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EvaluationInput.Metric;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Plugin names, configuration from properties, and the module's dependency rule. */
class PluginsTest {

    @Test
    void evaluatorsAreNamedAndConfiguredFromProperties() {
        assertThat(new VerificationEvaluator(Map.<String, Object>of()).name()).isEqualTo("verification");
        assertThat(new IdentificationEvaluator(Map.<String, Object>of()).name()).isEqualTo("identification");
        assertThat(new ClusteringQualityEvaluator(Map.<String, Object>of()).name()).isEqualTo("clustering-quality");
        assertThat(VerificationConfig.from(Map.of("far", "1e-4", "folds", "5", "metric", "cosine")))
                .isEqualTo(new VerificationConfig(1e-4, 5, Metric.COSINE));
        assertThat(IdentificationConfig.from(Map.of("ranks", 20)).ranks()).isEqualTo(20);
        assertThat(ClusteringQualityConfig.from(Map.of("beta", "0.5")).beta()).isEqualTo(0.5);
    }

    static Stream<Arguments> configReaders() {
        return Stream.of(
                Arguments.of("verification", (Function<Map<String, ?>, ?>) VerificationConfig::from, "far, folds, metric"),
                Arguments.of("identification", (Function<Map<String, ?>, ?>) IdentificationConfig::from,
                        "far, metric, ranks"),
                Arguments.of("clustering-quality", (Function<Map<String, ?>, ?>) ClusteringQualityConfig::from, "beta"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configReaders")
    void rejectsAnUnknownKeyNamingItAndTheKnownOnes(String evaluator, Function<Map<String, ?>, ?> from, String known) {
        assertThatThrownBy(() -> from.apply(Map.of("typo", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("evaluator " + evaluator + ": unknown key 'typo' (known: " + known
                        + "); check conf/facenet.evaluator." + evaluator + ".cfg");
    }

    @Test
    void rejectsBadConfigurationQuotingTheValue() {
        assertThatThrownBy(() -> VerificationConfig.from(Map.of("far", "2")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("evaluator verification: far must be in (0, 1), got 2.0");
        assertThatThrownBy(() -> VerificationConfig.from(Map.of("metric", "l1")))
                .hasMessage("evaluator verification: metric must be one of l2sq, cosine, got 'l1'");
        assertThatThrownBy(() -> new IdentificationConfig(0.1, 0, Metric.L2SQ))
                .hasMessage("evaluator identification: ranks must be in 1 … 1000, got 0");
        assertThatThrownBy(() -> new ClusteringQualityConfig(-1))
                .hasMessage("evaluator clustering-quality: beta must be in (0, 100], got -1.0");
    }

    @Test
    void evaluatorsDependOnTheApiAlone() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j.evaluators");
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("io.github.facenet4j.api..", "io.github.facenet4j.evaluators..", "java..",
                        "org.osgi.annotation..", "org.osgi.service.component.annotations..")
                .because("evaluators stay a small bundle on the api alone (no plotting or file-format libraries)")
                .check(classes);
    }
}
