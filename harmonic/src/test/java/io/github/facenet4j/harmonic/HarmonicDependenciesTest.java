package io.github.facenet4j.harmonic;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Harmonic training is plain Java on float[]: the api, the trainer's hook and data sets, the JDK
 * and the OSGi package annotations; never a backend, a miner or a loss implementation (it meets
 * them through the api), nor the distribution.
 */
class HarmonicDependenciesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.github.facenet4j.harmonic");

    @Test
    void dependsOnlyOnTheApiTheTrainingHookAndDataSetsAndTheJdk() {
        classes().that().resideInAPackage("io.github.facenet4j.harmonic..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.github.facenet4j.api..", "io.github.facenet4j.harmonic..",
                        "io.github.facenet4j.training", "io.github.facenet4j.training.data", "java..",
                        "org.osgi.annotation..")
                .check(CLASSES);
    }
}
