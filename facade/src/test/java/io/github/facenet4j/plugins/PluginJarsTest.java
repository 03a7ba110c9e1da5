package io.github.facenet4j.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.UnknownPluginException;
import io.github.facenet4j.mining.internal.SemiHardMiner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarsTest {

    @TempDir
    Path dir;

    /**
     * A jar as bnd would build it for a third party: a manifest naming one descriptor that
     * declares {@code implementation} under {@code name} (the class itself comes from the parent loader).
     */
    private Path pluginJar(String file, String bundle, String name, String service, String implementation)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-SymbolicName", bundle + ";singleton:=true");
        main.putValue("Bundle-Version", "2.1.0");
        main.putValue("Service-Component", "OSGI-INF/plugin.xml");
        Path jar = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.putNextEntry(new JarEntry("OSGI-INF/plugin.xml"));
            zip.write(("""
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="%s" init="1"
                        configuration-pid="facenet.miner.%s">
                      <property name="facenet.name" type="String" value="%s"/>
                      <service><provide interface="%s"/></service>
                      <implementation class="%s"/>
                    </scr:component>""".formatted(bundle + "." + name, name, name, service, implementation))
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    @Test
    void findsTheMinersTheMiningBundleDeclaresOnTheClassPath() {
        List<DeclaredPlugin> plugins = PluginJars.onClassPath(getClass().getClassLoader());
        assertThat(plugins).filteredOn(p -> p.kind().equals(PluginKind.MINER)).extracting(DeclaredPlugin::name)
                .containsExactlyInAnyOrder("batch-all", "curriculum", "hardest", "random", "semi-hard");
        assertThat(plugins).filteredOn(p -> p.name().equals("semi-hard")).singleElement()
                .satisfies(p -> assertThat(p.bundle()).isEqualTo("facenet4j-mining-strategies"));
    }

    @Test
    void aDroppedInJarAddsItsPluginWithItsBundleAndItsConfiguration() throws IOException {
        Path jar = pluginJar("third-party.jar", "com.example.miners", "banded", TripletMiner.class.getName(),
                SemiHardMiner.class.getName());
        try (URLClassLoader loader = PluginJars.loaderFor(List.of(jar), getClass().getClassLoader())) {
            List<DeclaredPlugin> plugins = PluginJars.inJars(PluginJars.jarsIn(dir), loader);
            assertThat(plugins).extracting(DeclaredPlugin::info).containsExactly(new PluginInfo(PluginKind.MINER,
                    "banded", SemiHardMiner.class.getName(), "com.example.miners", "2.1.0"));
            ClassPathPlugins registry = new ClassPathPlugins(plugins,
                    pid -> pid.equals("facenet.miner.banded") ? Map.of("margin", "0.5") : Map.of());
            TripletMiner miner = registry.get(TripletMiner.class, "banded");
            assertThat(((SemiHardMiner) miner).config().margin()).isEqualTo(0.5);
            assertThat(registry.get(TripletMiner.class, "banded")).as("built once, then kept").isSameAs(miner);
            assertThatThrownBy(() -> registry.get(TripletMiner.class, "semi-hard"))
                    .isInstanceOf(UnknownPluginException.class).hasMessage("No miner 'semi-hard'. Available: banded.");
        }
    }

    @Test
    void aServiceThatIsNotAPluginKindIsNoPluginAndAJarWithoutComponentsHasNone() throws IOException {
        pluginJar("runnable.jar", "com.example.other", "task", Runnable.class.getName(), Thread.class.getName());
        Manifest plain = new Manifest();
        plain.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(dir.resolve("library.jar"));
             JarOutputStream zip = new JarOutputStream(out, plain)) {
            zip.putNextEntry(new JarEntry("readme.txt"));
            zip.closeEntry();
        }
        List<Path> jars = PluginJars.jarsIn(dir);
        try (URLClassLoader loader = PluginJars.loaderFor(jars, getClass().getClassLoader())) {
            assertThat(PluginJars.inJars(jars, loader)).isEmpty();
        }
    }

    @Test
    void aPluginRefusingItsConfigurationSaysSoInItsOwnWords() throws IOException {
        Path jar = pluginJar("p.jar", "com.example.miners", "banded", TripletMiner.class.getName(),
                SemiHardMiner.class.getName());
        try (URLClassLoader loader = PluginJars.loaderFor(List.of(jar), getClass().getClassLoader())) {
            ClassPathPlugins registry = new ClassPathPlugins(PluginJars.inJars(List.of(jar), loader),
                    pid -> Map.of("margin", "wide"));
            assertThatThrownBy(() -> registry.get(TripletMiner.class, "banded"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("margin must be a number, got 'wide'");
        }
    }

    @Test
    void aClassThatCannotBeBuiltIsOneLineNamingItsBundle() throws IOException {
        Path jar = pluginJar("p.jar", "com.example.broken", "ghost", TripletMiner.class.getName(), "com.example.Missing");
        try (URLClassLoader loader = PluginJars.loaderFor(List.of(jar), getClass().getClassLoader())) {
            ClassPathPlugins registry = new ClassPathPlugins(PluginJars.inJars(List.of(jar), loader), pid -> Map.of());
            assertThatThrownBy(() -> registry.get(TripletMiner.class, "ghost"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("The miner 'ghost' (com.example.Missing in com.example.broken) cannot be built");
        }
    }
}
