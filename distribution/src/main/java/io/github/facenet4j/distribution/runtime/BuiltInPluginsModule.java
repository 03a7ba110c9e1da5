package io.github.facenet4j.distribution.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.github.facenet4j.api.Backend;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.backends.djl.internal.DjlBackend;
import io.github.facenet4j.backends.onnx.internal.OrtBackend;
import io.github.facenet4j.evaluators.internal.ClusteringQualityEvaluator;
import io.github.facenet4j.evaluators.internal.IdentificationEvaluator;
import io.github.facenet4j.evaluators.internal.VerificationEvaluator;
import io.github.facenet4j.mining.internal.BatchAllMiner;
import io.github.facenet4j.mining.internal.CurriculumMiner;
import io.github.facenet4j.mining.internal.HardestMiner;
import io.github.facenet4j.mining.internal.RandomMiner;
import io.github.facenet4j.mining.internal.SemiHardMiner;
import io.github.facenet4j.training.internal.TripletLoss;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Binds the project's own plugins for the plain runtime: one MapBinder per plugin kind,
 * keyed by the same names the OSGi components publish, each entry built on demand from
 * its {@code conf/} properties through the same constructor DS activates. A
 * {@link PluginInfo} per entry answers {@code plugins} without building anything.
 */
final class BuiltInPluginsModule extends AbstractModule {

    private final PluginConfigurations configurations;
    private Multibinder<PluginInfo> infos;

    BuiltInPluginsModule(PluginConfigurations configurations) {
        this.configurations = Objects.requireNonNull(configurations, "configurations");
    }

    @Override
    protected void configure() {
        infos = Multibinder.newSetBinder(binder(), PluginInfo.class);
        MapBinder<String, TripletMiner> miners = MapBinder.newMapBinder(binder(), String.class, TripletMiner.class);
        MapBinder<String, Loss> losses = MapBinder.newMapBinder(binder(), String.class, Loss.class);
        MapBinder<String, Evaluator> evaluators = MapBinder.newMapBinder(binder(), String.class, Evaluator.class);
        MapBinder<String, Backend> backends = MapBinder.newMapBinder(binder(), String.class, Backend.class);

        plugin(miners, PluginKind.MINER, SemiHardMiner.NAME, SemiHardMiner.class, SemiHardMiner::new);
        plugin(miners, PluginKind.MINER, HardestMiner.NAME, HardestMiner.class, HardestMiner::new);
        plugin(miners, PluginKind.MINER, BatchAllMiner.NAME, BatchAllMiner.class, BatchAllMiner::new);
        plugin(miners, PluginKind.MINER, RandomMiner.NAME, RandomMiner.class, RandomMiner::new);
        plugin(miners, PluginKind.MINER, CurriculumMiner.NAME, CurriculumMiner.class, CurriculumMiner::new);
        plugin(losses, PluginKind.LOSS, TripletLoss.NAME, TripletLoss.class, TripletLoss::new);
        plugin(evaluators, PluginKind.EVALUATOR, VerificationEvaluator.NAME, VerificationEvaluator.class,
                VerificationEvaluator::new);
        plugin(evaluators, PluginKind.EVALUATOR, IdentificationEvaluator.NAME, IdentificationEvaluator.class,
                IdentificationEvaluator::new);
        plugin(evaluators, PluginKind.EVALUATOR, ClusteringQualityEvaluator.NAME, ClusteringQualityEvaluator.class,
                ClusteringQualityEvaluator::new);
        plugin(backends, PluginKind.BACKEND, OrtBackend.NAME, OrtBackend.class, OrtBackend::new);
        plugin(backends, PluginKind.BACKEND, DjlBackend.NAME, DjlBackend.class, DjlBackend::new);
    }

    private <T extends Plugin> void plugin(MapBinder<String, T> binder, PluginKind kind, String name,
                                           Class<? extends T> type, Function<Map<String, Object>, T> factory) {
        Map<String, Object> properties = configurations.forPid(PluginConfigurations.pid(kind.label(), name));
        binder.addBinding(name).toProvider(() -> factory.apply(properties)).in(Singleton.class);
        infos.addBinding().toInstance(BundleManifests.describe(kind, name, type));
    }
}
