package io.github.facenet4j.mining.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Miners see embeddings as float[] only: they depend on the api, the JDK and the DS
 * annotations, nothing else (so no backend either, which distribution's NoBackendImportsTest
 * checks for every module).
 */
@AnalyzeClasses(packages = "io.github.facenet4j.mining", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyApiJdkAndAnnotations = classes()
            .that().resideInAPackage("io.github.facenet4j.mining..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.github.facenet4j.api..",
                    "io.github.facenet4j.mining..", "java..", "org.osgi.service.component.annotations..");
}
