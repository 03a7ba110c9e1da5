package io.github.facenet4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.distribution.ProjectModules.Module;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * bom/pom.xml manages every artifact the project publishes, at the project's version, and
 * nothing else: the jar modules of the root pom.xml (read by {@link ProjectModules}, so a
 * module added later must be added to the BOM too), the examples left out.
 */
class BomTest {

    private static final String GROUP = "io.github.facenet4j";

    @Test
    void theBomManagesEveryJarModuleAtTheProjectVersionAndNoThirdPartyLibrary() throws Exception {
        Path root = ProjectModules.root();
        List<String> published = ProjectModules.all(root).stream().filter(Module::isJar)
                .filter(module -> !module.isUnder("examples")).map(Module::artifactId).toList();
        assertThat(published).contains("facenet4j-api", "facenet4j-backend-onnx", "facenet4j-distribution")
                .doesNotContain("facenet4j-bom", "facenet4j-example-custom-evaluator");

        Element bom = ProjectModules.pom(root, "bom");
        List<Element> managed = ProjectModules.children(ProjectModules.child(bom, "dependencyManagement")
                .flatMap(m -> ProjectModules.child(m, "dependencies")), "dependency");
        assertThat(managed).extracting(d -> field(d, "groupId")).containsOnly(GROUP);
        assertThat(managed).extracting(d -> field(d, "version")).containsOnly("${project.version}");
        assertThat(managed).extracting(d -> field(d, "artifactId")).as("artifacts managed by bom/pom.xml")
                .containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void theBomHasNoParentAndEveryModuleHasTheRootVersion() throws Exception {
        Path root = ProjectModules.root();
        Element parent = ProjectModules.pom(root, "");
        String version = field(parent, "version");
        Element bom = ProjectModules.pom(root, "bom");
        assertThat(ProjectModules.child(bom, "parent")).as("a parent's dependencyManagement would leak into importers")
                .isEmpty();
        assertThat(field(bom, "groupId")).isEqualTo(GROUP);
        assertThat(field(bom, "packaging")).isEqualTo("pom");
        List<Module> modules = ProjectModules.all(root);
        assertThat(modules).extracting(Module::path).contains("bom", "backends/djl");
        assertThat(modules).allSatisfy(module -> assertThat(module.version()).as(module.path()).isEqualTo(version));
    }

    private static String field(Element element, String tag) {
        return ProjectModules.text(ProjectModules.child(element, tag).orElseThrow(() ->
                new AssertionError("no <" + tag + "> in " + element.getTextContent().strip().lines().findFirst()
                        .orElse(""))));
    }
}
