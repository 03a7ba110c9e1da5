package io.github.facenet4j.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md: the api module depends on nothing but the JDK. */
class ApiHasNoDependenciesTest {

    @Test
    void apiUsesOnlyTheJdk() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j.api");
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("io.github.facenet4j.api..", "java..", "jdk.incubator.vector..")
                .check(classes);
    }
}
