package io.github.facenet4j.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.facenet4j.api.json.Json;
import io.github.facenet4j.distribution.cli.FaceNetCli;
import org.junit.jupiter.api.Test;

/**
 * facenet4j reads and writes JSON with the api's {@link Json} only. Gson stays on the class
 * path as DJL's own dependency, which is why nothing stops an import but this test.
 */
class OneJsonCodecTest {

    @Test
    void everyModuleUsesTheApisJsonAndNoJsonLibrary() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.facenet4j");
        assertThat(classes.contain(Json.class) && classes.contain(FaceNetCli.class))
                .as("the api's and the CLI's classes imported").isTrue();
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.google.gson..", "com.fasterxml.jackson..",
                        "org.json..", "javax.json..", "jakarta.json..")
                .because("one JSON codec serves model cards, checkpoints, logs and the CLI: io.github.facenet4j.api.json.Json")
                .allowEmptyShould(false)
                .check(classes);
    }
}
