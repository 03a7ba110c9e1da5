package io.github.facenet4j.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The project's Maven modules as the poms list them: the root pom.xml's {@code <module>}s and,
 * below aggregators, theirs. Tests that must cover every module read them here, so a module
 * added later is covered without touching the tests.
 */
public final class ProjectModules {

    /**
     * A Maven module.
     *
     * @param path       its directory below the root, as the poms list it ({@code backends/onnx})
     * @param artifactId its artifactId
     * @param version    its own version, or else its parent's
     * @param packaging  its packaging, {@code jar} when the pom names none
     */
    public record Module(String path, String artifactId, String version, String packaging) {

        /** Whether the module builds a jar (the project's libraries, bundles and the launcher). */
        public boolean isJar() {
            return packaging.equals("jar");
        }

        /** Whether the module is {@code dir} or below it. */
        public boolean isUnder(String dir) {
            return path.equals(dir) || path.startsWith(dir + "/");
        }
    }

    private ProjectModules() {
    }

    /** The source tree's root: Maven runs the tests in the module directory, distribution/. */
    public static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** The {@code <project>} element of {@code dir}'s pom.xml ({@code ""} for the root's). */
    public static Element pom(Path root, String dir) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve(dir).resolve("pom.xml").toFile()).getDocumentElement();
    }

    /** Every module below the root pom, aggregators and the modules they list, in pom order. */
    public static List<Module> all(Path root) throws Exception {
        List<Module> found = new ArrayList<>();
        collect(root, "", found);
        return found;
    }

    private static void collect(Path root, String dir, List<Module> found) throws Exception {
        for (Element module : children(child(pom(root, dir), "modules"), "module")) {
            String path = dir.isEmpty() ? text(module) : dir + "/" + text(module);
            Element project = pom(root, path);
            String version = text(child(project, "version").or(() -> child(project, "parent")
                    .flatMap(parent -> child(parent, "version"))).orElseThrow());
            found.add(new Module(path, text(child(project, "artifactId").orElseThrow()), version,
                    child(project, "packaging").map(ProjectModules::text).orElse("jar")));
            collect(root, path, found);
        }
    }

    /** The first child element of {@code parent} named {@code tag}. */
    public static Optional<Element> child(Element parent, String tag) {
        return children(Optional.of(parent), tag).stream().findFirst();
    }

    /** The child elements of {@code parent} named {@code tag}, none when there is no parent. */
    public static List<Element> children(Optional<Element> parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.map(Element::getFirstChild).orElse(null); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The trimmed text of {@code element}. */
    public static String text(Element element) {
        return element.getTextContent().trim();
    }
}
