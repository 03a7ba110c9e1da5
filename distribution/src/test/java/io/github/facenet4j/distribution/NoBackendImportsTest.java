package io.github.facenet4j.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.facenet4j.distribution.ProjectModules.Module;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Only backends import an engine: miners, losses, evaluators, the trainer, models, faces and
 * gallery are plain Java that meet networks through the api's {@code Backend} and
 * {@code Network}. The jar modules are read from the root pom.xml ({@link ProjectModules}), so
 * a module added later is covered without touching this test; each one's classes are imported
 * from this test's class path (the distribution depends on every module), and a module whose
 * classes are not there fails rather than passing unchecked.
 */
class NoBackendImportsTest {

    /** Module paths (as the poms list them) the rule does not cover, nor anything below them, with the reason. */
    private static final Map<String, String> EXEMPT = Map.of(
            "backends", "the backends are where the engines belong",
            "distribution", "the launcher: it binds the backends into the plain runtime and compiles trained graphs"
                    + " to ONNX for export",
            "examples", "third-party code as users write it, kept off the distribution's class path");

    private static final String[] ENGINES = {"io.github.facenet4j.backends..", "ai.onnxruntime..", "ai.djl..",
            "org.nd4j..", "org.deeplearning4j..", "org.bytedeco.."};

    /** The module's main classes on this test's class path: its target/classes or its jar. */
    private static Optional<Path> onClassPath(Path root, Module module) {
        Path classes = root.resolve(module.path()).resolve("target/classes");
        String jar = module.artifactId() + "-" + module.version() + ".jar";
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().normalize())
                .filter(entry -> entry.equals(classes) || entry.getFileName().toString().equals(jar))
                .findFirst();
    }

    private static JavaClasses importMain(Path location) throws IOException {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        if (Files.isDirectory(location)) {
            return importer.importPath(location);
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return importer.importJar(jar);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyModuleButTheBackendsAndTheLauncherImportsNoEngine() throws Exception {
        Path root = ProjectModules.root();
        List<Module> covered = ProjectModules.all(root).stream().filter(Module::isJar)
                .filter(module -> EXEMPT.keySet().stream().noneMatch(module::isUnder)).toList();
        assertThat(covered).as("jar modules read from " + root.resolve("pom.xml")).extracting(Module::path)
                .isNotEmpty().contains("api", "evaluators").doesNotContainAnyElementsOf(EXEMPT.keySet());
        return covered.stream().map(module -> DynamicTest.dynamicTest(module.path(), () -> {
            Path location = onClassPath(root, module).orElseThrow(() -> new AssertionError("Module '" + module.path()
                    + "' is not on the distribution's test class path, so its imports go unchecked: add "
                    + module.artifactId() + " as a (test) dependency in distribution/pom.xml, or exempt it in"
                    + " NoBackendImportsTest.EXEMPT with the reason if it is a backend"));
            JavaClasses classes = importMain(location);
            assertThat(classes).as("classes of " + module.path() + " imported from " + location).isNotEmpty();
            noClasses().should().dependOnClassesThat().resideInAnyPackage(ENGINES)
                    .because(module.path() + " is not a backend: networks come through the api's Backend")
                    .allowEmptyShould(false).check(classes);
            noClasses().should().dependOnClassesThat().resideInAPackage("io.github.facenet4j.distribution..")
                    .because("the launcher depends on the modules, not the other way round")
                    .allowEmptyShould(false).check(classes);
        }));
    }
}
