package io.github.facenet4j.distribution.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Triplets;
import io.github.facenet4j.api.UnknownPluginException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiceRuntimeTest {

    @TempDir
    Path conf;

    @Test
    void listsTheTripletLossWithItsBundle() {
        try (GuiceRuntime runtime = GuiceRuntime.start(PluginConfigurations.none())) {
            assertThat(runtime.plugins()).extracting(PluginInfo::kind, PluginInfo::name, PluginInfo::bundle)
                    .contains(org.assertj.core.groups.Tuple.tuple(PluginKind.LOSS, "triplet", "facenet4j-training"));
        }
    }

    @Test
    void unknownNameListsWhatExists() {
        try (GuiceRuntime runtime = GuiceRuntime.start(PluginConfigurations.none())) {
            assertThatThrownBy(() -> runtime.get(Loss.class, "contrastive"))
                    .isInstanceOf(UnknownPluginException.class)
                    .hasMessage("No loss 'contrastive'. Available: triplet.");
            assertThatThrownBy(() -> runtime.get(Backend.class, "tensorflow"))
                    .hasMessage("No backend 'tensorflow'. Available: djl, dl4j, onnx.");
        }
    }

    @Test
    void configurationFromConfReachesThePlugin() throws Exception {
        // Margin 1.0 instead of 0.2: a = 0, p = 0.3, n = 0.5 gives 0.09 − 0.25 + 1.0 = 0.84.
        Files.writeString(conf.resolve("facenet.loss.triplet.cfg"), "margin = 1.0\nreduction = sum\n");
        try (GuiceRuntime runtime = GuiceRuntime.start(PluginConfigurations.readDirectory(conf))) {
            double value = runtime.get(Loss.class, "triplet").compute(
                    new EmbeddingBatch(new float[][] {{0f}, {0.3f}, {0.5f}}, new int[] {1, 1, 2}),
                    new Triplets(new int[] {0}, new int[] {1}, new int[] {2})).value();
            assertThat(value).isCloseTo(0.84, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void badConfigurationValueSurfacesAsOneLine() throws Exception {
        Files.writeString(conf.resolve("facenet.loss.triplet.cfg"), "margin = wide\n");
        try (GuiceRuntime runtime = GuiceRuntime.start(PluginConfigurations.readDirectory(conf))) {
            assertThatThrownBy(() -> runtime.get(Loss.class, "triplet"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("loss triplet: margin must be a number, got 'wide'");
        }
    }
}
