package io.github.facenet4j.distribution.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine packages come from the bundles that ask for them, at the engine jar's version. */
class BundleManifestsTest {

    @TempDir
    Path dir;

    private Path bundle(String name, String enginePackages) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (enginePackages != null) {
            manifest.getMainAttributes().putValue(BundleManifests.ENGINE_PACKAGES, enginePackages);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.flush();
        }
        return jar;
    }

    @Test
    void exportsWhatTheBundlesDeclareAtTheVersionOfTheJarHoldingTheProbe() throws IOException {
        // picocli's jar is on this class path and carries an Implementation-Version
        String version = BundleManifests.osgiVersion(BundleManifests.of(picocli.CommandLine.class).orElseThrow()
                .getValue("Implementation-Version"));
        List<Path> jars = List.of(bundle("a.jar", "picocli;probe=picocli.CommandLine"),
                bundle("b.jar", "picocli.shell ; probe=picocli.CommandLine, picocli;probe=picocli.CommandLine"),
                bundle("c.jar", null));
        assertThat(BundleManifests.engineExportsDeclaredBy(jars)).isEqualTo("picocli;version=\"" + version + "\","
                + "picocli.shell;version=\"" + version + "\"");
    }

    @Test
    void anEngineWhoseJarsAreGoneIsLeftOutSoOnlyItsBundleFailsToResolve() throws IOException {
        List<Path> jars = List.of(bundle("gone.jar", "org.example.engine;probe=org.example.engine.Missing"));
        assertThat(BundleManifests.engineExportsDeclaredBy(jars)).isEmpty();
    }

    @Test
    void aClauseWithoutItsProbeIsOneLineNamingTheBundle() throws IOException {
        List<Path> jars = List.of(bundle("bad.jar", "org.example.engine"));
        assertThatThrownBy(() -> BundleManifests.engineExportsDeclaredBy(jars))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Bundle bad.jar: FaceNet-Engine-Packages clause 'org.example.engine' needs PACKAGE;probe=CLASS");
    }
}
