package io.github.facenet4j.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: miners, losses and evaluators are plain Java on float[]; only backends import
 * an engine. Checked over the jars the distribution ships.
 */
class NoBackendImportsTest {

    @Test
    void minersLossesAndEvaluatorsImportNoBackend() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j.mining", "io.github.facenet4j.training",
                        "io.github.facenet4j.evaluators");
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.github.facenet4j.backends..", "ai.djl..", "ai.onnxruntime..", "org.nd4j..",
                "org.deeplearning4j..", "io.github.facenet4j.distribution..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
