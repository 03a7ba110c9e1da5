package io.github.facenet4j.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.facenet4j.api.json.Json;
import org.junit.jupiter.api.Test;

/** The api module depends on nothing but the JDK, so every plugin and backend can take it. */
class ApiHasNoDependenciesTest {

    @Test
    void apiUsesOnlyTheJdk() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j.api");
        // the import found the module's classes, down to its subpackages: the rule is not checking nothing
        assertThat(classes.contain(Plugin.class) && classes.contain(Json.class)).as("api classes imported").isTrue();
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("io.github.facenet4j.api..", "java..", "jdk.incubator.vector..")
                .allowEmptyShould(false)
                .check(classes);
    }
}
