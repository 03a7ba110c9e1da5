package io.github.facenet4j.training;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The trainer meets miners, losses, evaluators and networks only through the api interfaces. */
class TrainerDependenciesTest {

    @Test
    void trainingDependsOnTheApiNotOnPluginModules() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j.training");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.facenet4j.mining..",
                "io.github.facenet4j.evaluators..", "io.github.facenet4j.models..", "io.github.facenet4j.distribution..")
                .check(classes);
    }
}
