package io.github.facenet4j.training;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The trainer meets miners, losses, evaluators and networks only through the api interfaces;
 * only the data sets use the faces module, to decode and resize images as inference does.
 */
class TrainerDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.github.facenet4j.training");

    @Test
    void trainingDependsOnTheApiNotOnPluginModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.github.facenet4j.mining..",
                "io.github.facenet4j.evaluators..", "io.github.facenet4j.models..", "io.github.facenet4j.distribution..")
                .check(CLASSES);
    }

    @Test
    void onlyTheDataSetsUseTheFacesModule() {
        noClasses().that().resideOutsideOfPackage("io.github.facenet4j.training.data..").should()
                .dependOnClassesThat().resideInAPackage("io.github.facenet4j.faces..").check(CLASSES);
        noClasses().should().dependOnClassesThat().resideInAPackage("io.github.facenet4j.faces.internal..")
                .check(CLASSES);
    }
}
