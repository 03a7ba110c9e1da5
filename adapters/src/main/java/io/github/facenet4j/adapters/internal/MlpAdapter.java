package io.github.facenet4j.adapters.internal;

import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.EmbeddingAdapter;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.Settings;
import io.github.facenet4j.api.SpaceMap;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code mlp} adapter: one hidden layer of {@code hidden} ReLU units on top of the
 * closed-form linear map (see {@link ResidualMlp}), trained for {@code epochs} by plain-Java Adam
 * with hand-written backpropagation on the cosine regression objective, plus the triplet term
 * when the training pairs have labels ({@link FitSettings}). Settings: PID
 * {@code facenet.adapter.mlp}.
 */
@Component(service = EmbeddingAdapter.class, configurationPid = "facenet.adapter." + MlpAdapter.NAME,
        property = Plugin.NAME_PROPERTY + "=" + MlpAdapter.NAME)
public final class MlpAdapter implements EmbeddingAdapter {

    public static final String NAME = "mlp";

    static final int MAX_HIDDEN = 4096;

    private final ClosedForm closedForm;
    private final int hidden;
    private final FitSettings training;

    MlpAdapter(ClosedForm closedForm, int hidden, FitSettings training) {
        this.closedForm = Objects.requireNonNull(closedForm, "closedForm");
        this.training = Objects.requireNonNull(training, "training");
        if (hidden < 1 || hidden > MAX_HIDDEN) {
            throw new ConfigurationException("adapter " + NAME + ": hidden must be in [1, " + MAX_HIDDEN + "], got "
                    + hidden);
        }
        this.hidden = hidden;
    }

    /** DS activation and the plain runtime: typed settings from properties. */
    @Activate
    public MlpAdapter(Map<String, Object> properties) {
        this(settings(properties));
    }

    private MlpAdapter(Settings settings) {
        this(ClosedForm.from(NAME, settings), settings.getInt("hidden", 256),
                FitSettings.from(NAME, settings, "epochs", 10));
        settings.refuseUnknownKeys();
    }

    private static Settings settings(Map<String, Object> properties) {
        return Settings.forPlugin(PluginKind.of(EmbeddingAdapter.class), NAME, properties);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SpaceMap fit(AdapterTraining data) {
        return FittedMap.fit(NAME, closedForm, hidden, training, data);
    }

    @Override
    public SpaceMap read(EmbeddingSpace source, EmbeddingSpace target, Path directory) {
        return FittedMap.read(NAME, source, target, directory);
    }
}
