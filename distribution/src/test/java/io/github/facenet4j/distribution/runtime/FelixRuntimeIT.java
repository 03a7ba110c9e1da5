package io.github.facenet4j.distribution.runtime;

import java.util.List;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Backend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.api.UnknownPluginException;
import io.github.facenet4j.distribution.FaceNetHome;
import io.github.facenet4j.gallery.Clusterer;
import io.github.facenet4j.gallery.Clusters;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The real container: Felix + SCR + ConfigAdmin over the assembled bundles/ directory. */
class FelixRuntimeIT {

    @TempDir
    Path conf;

    private static FaceNetHome home() {
        return FaceNetHome.fromSystemProperty();
    }

    @Test
    void everyBundleResolvesAndStarts() {
        try (FelixRuntime runtime = FelixRuntime.start(home(), PluginConfigurations.none())) {
            assertThat(runtime.bundles()).hasSizeGreaterThan(3)
                    .allSatisfy(bundle -> assertThat(bundle.getState())
                            .as(bundle.getSymbolicName()).isEqualTo(Bundle.ACTIVE));
        }
    }

    @Test
    void osgiAndPlainRuntimesRegisterTheSamePlugins() {
        try (FelixRuntime osgi = FelixRuntime.start(home(), PluginConfigurations.none());
             GuiceRuntime plain = GuiceRuntime.start(PluginConfigurations.none())) {
            assertThat(osgi.plugins()).isNotEmpty().isEqualTo(plain.plugins());
        }
    }

    @Test
    void theClusterersRunInTheContainerAndTheHnswGraphWiresToTheLauncherLucene() throws Exception {
        // exact-limit 0: even three faces go through the HNSW graph, from the system bundle's Lucene.
        Files.writeString(conf.resolve("facenet.clusterer.dbscan.cfg"), "exact-limit = 0\nmin-points = 2\n");
        try (FelixRuntime runtime = FelixRuntime.start(home(), PluginConfigurations.readDirectory(conf))) {
            assertThat(runtime.names(PluginKind.of(Clusterer.class)))
                    .containsExactly("agglomerative", "chinese-whispers", "dbscan");
            Clusters clusters = runtime.get(Clusterer.class, "dbscan")
                    .cluster(new float[][] {{0f}, {0.1f}, {5f}}, Clusterer.Threshold.modelDefault(0.5));
            assertThat(clusters.approximate()).isTrue();
            assertThat(clusters.ids()).containsExactly(0, 0, 1);
            assertThat(clusters.noise()).isEqualTo(1);
        }
    }

    @Test
    void configurationIsPushedThroughConfigAdminBeforeActivation() throws Exception {
        // Margin 1.0 instead of 0.2: a = 0, p = 0.3, n = 0.5 gives 0.09 − 0.25 + 1.0 = 0.84.
        Files.writeString(conf.resolve("facenet.loss.triplet.cfg"), "margin = 1.0\nreduction = sum\n");
        try (FelixRuntime runtime = FelixRuntime.start(home(), PluginConfigurations.readDirectory(conf))) {
            double value = runtime.get(Loss.class, "triplet").compute(
                    new EmbeddingBatch(new float[][] {{0f}, {0.3f}, {0.5f}}, new int[] {1, 1, 2}),
                    new Triplets(new int[] {0}, new int[] {1}, new int[] {2})).value();
            assertThat(value).isCloseTo(0.84, within(1e-6));
        }
    }

    @Test
    void badConfigurationValueSurfacesThePluginsOwnMessage() throws Exception {
        Files.writeString(conf.resolve("facenet.loss.triplet.cfg"), "margin = wide\n");
        try (FelixRuntime runtime = FelixRuntime.start(home(), PluginConfigurations.readDirectory(conf))) {
            assertThatThrownBy(() -> runtime.get(Loss.class, "triplet"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("loss triplet: margin must be a number, got 'wide'");
        }
    }

    /**
     * SCR hands the component its configuration mixed with {@code service.pid},
     * {@code component.name} and the like (accepted: the test above), so only the misspelt key
     * is refused, and the message is the config record's own line.
     */
    @Test
    void aMisspeltKeySurfacesThePluginsOwnLine() throws Exception {
        Files.writeString(conf.resolve("facenet.loss.triplet.cfg"), "margn = 1.0\n");
        try (FelixRuntime runtime = FelixRuntime.start(home(), PluginConfigurations.readDirectory(conf))) {
            assertThatThrownBy(() -> runtime.get(Loss.class, "triplet"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("loss triplet: unknown key 'margn' (known: margin, reduction); check"
                            + " conf/facenet.loss.triplet.cfg");
        }
    }

    @Test
    void unknownNameListsWhatExists() {
        try (FelixRuntime runtime = FelixRuntime.start(home(), PluginConfigurations.none())) {
            assertThatThrownBy(() -> runtime.get(Loss.class, "contrastive"))
                    .isInstanceOf(UnknownPluginException.class)
                    .hasMessage("No loss 'contrastive'. Available: triplet.");
        }
    }

    @Test
    void removingABackendsBundleRemovesExactlyThatBackendInBothRuntimes(@org.junit.jupiter.api.io.TempDir Path copy)
            throws Exception {
        Path bundles = Files.createDirectories(copy.resolve("bundles"));
        try (var jars = Files.list(home().bundles())) {
            for (Path jar : jars.filter(j -> !j.getFileName().toString().startsWith("facenet4j-backend-dl4j")).toList()) {
                Files.copy(jar, bundles.resolve(jar.getFileName()));
            }
        }
        FaceNetHome withoutDl4j = new FaceNetHome(copy);
        try (FelixRuntime osgi = FelixRuntime.start(withoutDl4j, PluginConfigurations.none());
             GuiceRuntime plain = GuiceRuntime.start(bundles, PluginConfigurations.none())) {
            for (PluginRuntime runtime : List.<PluginRuntime>of(osgi, plain)) {
                assertThat(runtime.names(PluginKind.BACKEND)).as(runtime.kind().name()).containsExactly("djl", "onnx");
                assertThatThrownBy(() -> runtime.get(Backend.class, "dl4j"))
                        .isInstanceOf(UnknownPluginException.class).hasMessage("No backend 'dl4j'. Available: djl, onnx.");
                assertThat(runtime.plugins()).as("everything else is still there")
                        .hasSize(osgi.plugins().size());
            }
            assertThat(osgi.bundles()).allSatisfy(bundle -> assertThat(bundle.getState())
                    .as(bundle.getSymbolicName()).isEqualTo(Bundle.ACTIVE));
        }
    }
}
