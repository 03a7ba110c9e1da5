package io.github.facenet4j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.adapters.internal.LinearAdapter;
import io.github.facenet4j.adapters.internal.MlpAdapter;
import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingAdapter;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.api.SpaceMap;
import io.github.facenet4j.api.UnknownPluginException;
import io.github.facenet4j.api.math.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An adapter directory holds what it takes to map again exactly: a card naming plugin and spaces, and weights. */
class AdapterDirectoryTest {

    static final EmbeddingSpace V1 = new EmbeddingSpace("small-cnn-fm", "1", 6);
    static final EmbeddingSpace V2 = new EmbeddingSpace("small-cnn-fm", "2", 4);

    @TempDir
    Path dir;

    /** The two built-in adapters as a runtime would hand them out. */
    static final PluginRegistry PLUGINS = new PluginRegistry() {
        private final Map<String, EmbeddingAdapter> adapters = Map.of(
                LinearAdapter.NAME, new LinearAdapter(Map.of()),
                MlpAdapter.NAME, new MlpAdapter(Map.of("epochs", 2, "hidden", 8)));

        @Override
        public <T extends Plugin> T get(Class<T> type, String name) {
            EmbeddingAdapter adapter = adapters.get(name);
            if (adapter == null || type != EmbeddingAdapter.class) {
                throw new UnknownPluginException(PluginKind.of(EmbeddingAdapter.class), name, List.of("linear", "mlp"));
            }
            return type.cast(adapter);
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.of();
        }
    };

    static AdapterTraining training(EmbeddingSpace source, EmbeddingSpace target, int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][];
        float[][] y = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = gaussianUnit(random, source.dimension());
            y[i] = gaussianUnit(random, target.dimension());
            labels[i] = i % 3;
        }
        return new AdapterTraining(source, target, x, y, Optional.of(labels), seed);
    }

    static float[] gaussianUnit(Random random, int d) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "mlp"})
    void aWrittenAdapterReadsBackAndMapsExactlyAsFitted(String name) throws IOException {
        AdapterTraining data = training(V1, V2, 40, 3);
        SpaceMap fitted = PLUGINS.get(EmbeddingAdapter.class, name).fit(data);
        Path out = dir.resolve("adapter");
        AdapterDirectory.write(fitted, out);

        AdapterDirectory card = AdapterDirectory.readCard(out);
        assertThat(card.adapter()).isEqualTo(name);
        assertThat(card.source()).isEqualTo(V1);
        assertThat(card.target()).isEqualTo(V2);
        assertThat(card.summary()).isEqualTo(fitted.summary()).contains("40 pairs");
        assertThat(Files.readString(out.resolve(AdapterDirectory.CARD_FILE))).contains("\"small-cnn-fm\"");

        SpaceMap read = AdapterDirectory.read(out, PLUGINS);
        assertThat(read.adapter()).isEqualTo(name);
        for (float[] x : data.inputs()) {
            float[] mapped = read.map(x);
            assertThat(mapped).containsExactly(fitted.map(x));
            assertThat(Math.sqrt(Vectors.dot(mapped, mapped))).isCloseTo(1, org.assertj.core.api.Assertions.offset(1e-6));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing card", "not a directory", "truncated weights", "missing weights", "unknown plugin",
            "card and weights disagree"})
    void aDamagedAdapterDirectoryIsOneLineNamingTheFile(String damage) throws IOException {
        Path out = dir.resolve("adapter");
        AdapterDirectory.write(PLUGINS.get(EmbeddingAdapter.class, "linear").fit(training(V1, V2, 20, 1)), out);
        Path card = out.resolve(AdapterDirectory.CARD_FILE);
        Path weights = out.resolve("weights.bin");
        String expected = switch (damage) {
            case "missing card" -> {
                Files.delete(card);
                yield "No adapter card at " + card;
            }
            case "not a directory" -> {
                out = weights;
                yield "--adapter " + weights + " is not a directory";
            }
            case "truncated weights" -> {
                byte[] bytes = Files.readAllBytes(weights);
                Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 3));
                yield weights + " ends early";
            }
            case "missing weights" -> {
                Files.delete(weights);
                yield "No adapter weights at " + weights;
            }
            case "unknown plugin" -> {
                Files.writeString(card, Files.readString(card).replace("\"linear\"", "\"nope\""));
                yield "No adapter 'nope'";
            }
            default -> {
                Files.writeString(card, Files.readString(card).replace("\"dimension\": 4", "\"dimension\": 5"));
                yield weights + " holds a 6 → 4 map, but its card says small-cnn-fm 1 (6-d) → small-cnn-fm 2 (5-d)";
            }
        };
        Path where = out;
        assertThatThrownBy(() -> AdapterDirectory.read(where, PLUGINS)).isInstanceOf(
                io.github.facenet4j.api.FaceNetException.class).hasMessageStartingWith(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "mlp"})
    void anEmbeddingOfAnotherDimensionIsRefusedInOneLine(String name) {
        SpaceMap map = PLUGINS.get(EmbeddingAdapter.class, name).fit(training(V1, V2, 20, 2));
        assertThatThrownBy(() -> map.map(new float[] {1, 0})).isInstanceOf(BadInputException.class)
                .hasMessage("adapter " + name + " maps small-cnn-fm 1 (6-d) embeddings, got one of 2 components");
    }
}
