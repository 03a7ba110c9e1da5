package io.github.facenet4j.training;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Losses and the trainer are plain Java on float[] and never see a backend. */
class NoBackendImportsTest {

    @Test
    void lossesImportNoBackend() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j.training");
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.github.facenet4j.backends..", "ai.djl..", "ai.onnxruntime..", "org.nd4j..",
                "org.deeplearning4j..").check(classes);
    }
}
