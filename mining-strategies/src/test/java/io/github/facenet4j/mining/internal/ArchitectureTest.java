package io.github.facenet4j.mining.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Miners see embeddings as float[] only: never a backend or a native engine (DESIGN.md). */
@AnalyzeClasses(packages = "io.github.facenet4j.mining", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noBackendDependencies = noClasses()
            .that().resideInAPackage("io.github.facenet4j.mining..")
            .should().dependOnClassesThat().resideInAnyPackage("io.github.facenet4j.backends..", "ai.djl..",
                    "ai.onnxruntime..", "org.nd4j..", "org.deeplearning4j..");

    @ArchTest
    static final ArchRule onlyApiJdkAndAnnotations = classes()
            .that().resideInAPackage("io.github.facenet4j.mining..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.github.facenet4j.api..",
                    "io.github.facenet4j.mining..", "java..", "org.osgi.service.component.annotations..");
}
