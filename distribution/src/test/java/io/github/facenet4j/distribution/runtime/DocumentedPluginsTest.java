package io.github.facenet4j.distribution.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.MiningResult;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.api.DocumentedCode;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin examples of README.md ("Writing a plugin") and docs/EVALUATORS.md ("Writing your
 * own evaluator") compiled as written, bound on the plain runtime as the docs say (a Guice
 * MapBinder under the plugin's name, configured from its conf/ file), looked up by name and
 * run on batches whose answers are worked out by hand.
 */
class DocumentedPluginsTest {

    @TempDir
    Path dir;

    /**
     * The plain runtime with the example after {@code marker} in {@code markdown} compiled and
     * bound as a {@code service} under its NAME, built through its {@code (Map)} constructor
     * from {@code configuration}, the text of its conf/PID.cfg file.
     */
    private <T extends Plugin> GuiceRuntime runtimeWith(Class<T> service, PluginKind kind, String markdown,
                                                        String marker, String configuration) throws Exception {
        Class<?> type = DocumentedCode.compile(DocumentedCode.javaBlock(markdown, marker), dir.resolve("example"));
        String name = (String) type.getField("NAME").get(null);
        String pid = kind.configurationPid(name);
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve(pid + ".cfg"), configuration);
        PluginConfigurations configurations = PluginConfigurations.readDirectory(conf);
        Map<String, Object> properties = configurations.forPid(pid);
        var constructor = type.getConstructor(Map.class);
        Module binding = new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, service).addBinding(name).toProvider(() -> {
                    try {
                        return service.cast(constructor.newInstance(properties));
                    } catch (InvocationTargetException e) {
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        };
        return GuiceRuntime.start(configurations, binding);
    }

    @Test
    void readmeMinerIsFoundByNameOnThePlainRuntimeAndMinesEachAnchorsNearestNegative() throws Exception {
        try (GuiceRuntime runtime = runtimeWith(TripletMiner.class, PluginKind.MINER, "README.md", "<!-- readme-plugin",
                "maxTriplets = 3\n")) {
            TripletMiner miner = runtime.get(TripletMiner.class, "my-miner");
            assertThat(miner.name()).isEqualTo("my-miner");
            // 1-D: identity 0 at 0 and 1, identity 1 at 3 and 10. Nearest negatives: of 0 → 3 (index 2,
            // d 9 against 100), of 1 → 3 (d 4), of 3 → 1 (d 4), of 10 → 1 (d 81). Four ordered pairs,
            // each with a negative; maxTriplets 3 keeps the first three.
            EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0}, {1}, {3}, {10}}, new int[] {0, 0, 1, 1});
            MiningResult result = miner.mine(batch, MiningContext.initial());
            assertThat(result.triplets().anchors()).containsExactly(0, 1, 2);
            assertThat(result.triplets().positives()).containsExactly(1, 0, 3);
            assertThat(result.triplets().negatives()).containsExactly(2, 2, 1);
            result.triplets().requireValidFor(batch);
            assertThat(result.anchorPositivePairs()).isEqualTo(4);
            assertThat(result.candidateTriplets()).isEqualTo(4);
            assertThat(result.fallbackPairs()).isZero();
            assertThat(result.skippedPairs()).isEqualTo(1);
        }
    }

    @Test
    void readmeMinerRefusesABadConfigurationInOneLine() throws Exception {
        try (GuiceRuntime runtime = runtimeWith(TripletMiner.class, PluginKind.MINER, "README.md", "<!-- readme-plugin",
                "maxTriplets = 0\n")) {
            assertThatThrownBy(() -> runtime.get(TripletMiner.class, "my-miner"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("miner my-miner: maxTriplets must be ≥ 1, got 0");
        }
    }

    @Test
    void evaluatorsDocTightnessIsFoundByNameAndGivesTheMeanDistanceToTheCentroids() throws Exception {
        try (GuiceRuntime runtime = runtimeWith(Evaluator.class, PluginKind.EVALUATOR, "docs/EVALUATORS.md",
                "<!-- evaluators-example", "")) {
            Evaluator tightness = runtime.get(Evaluator.class, "tightness");
            // identity 0 at 0 and 2 (centroid 1: distances 1, 1), identity 1 at 10 and 14 (centroid 12:
            // 4, 4), identity 2 once at 100: below the default minPerIdentity 2. Mean (1+1+4+4)/4.
            EmbeddingBatch batch = new EmbeddingBatch(new float[][] {{0}, {2}, {10}, {14}, {100}},
                    new int[] {0, 0, 1, 1, 2});
            EvaluationResult result = tightness.evaluate(EvaluationInput.of(batch));
            assertThat(result.evaluator()).isEqualTo("tightness");
            assertThat(result.metrics()).containsOnlyKeys("mean_centroid_distance", "embeddings");
            assertThat((double) result.metrics().get("mean_centroid_distance")).isCloseTo(2.5, within(1e-12));
            assertThat(result.metrics().get("embeddings")).isEqualTo(4);
        }
    }

    @Test
    void evaluatorsDocTightnessTakesItsConfigurationAndSaysWhenNoIdentityQualifies() throws Exception {
        try (GuiceRuntime runtime = runtimeWith(Evaluator.class, PluginKind.EVALUATOR, "docs/EVALUATORS.md",
                "<!-- evaluators-example", "minPerIdentity = 3\n")) {
            EmbeddingBatch pairsOnly = new EmbeddingBatch(new float[][] {{0}, {2}, {10}, {14}}, new int[] {0, 0, 1, 1});
            assertThatThrownBy(() -> runtime.get(Evaluator.class, "tightness").evaluate(EvaluationInput.of(pairsOnly)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("No identity has 3 embeddings.");
        }
    }
}
