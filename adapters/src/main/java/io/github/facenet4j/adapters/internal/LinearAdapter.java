package io.github.facenet4j.adapters.internal;

import io.github.facenet4j.api.AdapterTraining;
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
 * The {@code linear} adapter: the closed-form map ({@link ClosedForm}: orthogonal Procrustes
 * between spaces of one dimension, ridge least squares otherwise), then, if
 * {@code fine-tune-epochs} &gt; 0, that many epochs of Adam on the cosine (and, with labels,
 * triplet) objective with no hidden layer. Settings: PID {@code facenet.adapter.linear}.
 */
@Component(service = EmbeddingAdapter.class, configurationPid = "facenet.adapter." + LinearAdapter.NAME,
        property = Plugin.NAME_PROPERTY + "=" + LinearAdapter.NAME)
public final class LinearAdapter implements EmbeddingAdapter {

    public static final String NAME = "linear";

    private final ClosedForm closedForm;
    private final FitSettings fineTune;

    LinearAdapter(ClosedForm closedForm, FitSettings fineTune) {
        this.closedForm = Objects.requireNonNull(closedForm, "closedForm");
        this.fineTune = Objects.requireNonNull(fineTune, "fineTune");
    }

    /** DS activation and the plain runtime: typed settings from properties. */
    @Activate
    public LinearAdapter(Map<String, Object> properties) {
        Settings settings = Settings.forPlugin(PluginKind.of(EmbeddingAdapter.class), NAME, properties);
        this.closedForm = ClosedForm.from(NAME, settings);
        this.fineTune = FitSettings.from(NAME, settings, "fine-tune-epochs", 0);
        settings.refuseUnknownKeys();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SpaceMap fit(AdapterTraining training) {
        return FittedMap.fit(NAME, closedForm, 0, fineTune, training);
    }

    @Override
    public SpaceMap read(EmbeddingSpace source, EmbeddingSpace target, Path directory) {
        return FittedMap.read(NAME, source, target, directory);
    }
}
