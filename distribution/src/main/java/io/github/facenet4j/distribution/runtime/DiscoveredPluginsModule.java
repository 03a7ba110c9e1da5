package io.github.facenet4j.distribution.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.plugins.DeclaredPlugin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binds the plugins the jars declare (their DS component descriptors, read by
 * {@link io.github.facenet4j.plugins.PluginJars}) for the plain runtime: one MapBinder per
 * plugin interface, keyed by the names the OSGi components publish, each entry built on
 * first lookup from its {@code conf/} properties the way DS activates it. A
 * {@link PluginInfo} per entry answers {@code plugins} without building anything.
 */
final class DiscoveredPluginsModule extends AbstractModule {

    private final List<DeclaredPlugin> plugins;
    private final PluginConfigurations configurations;

    DiscoveredPluginsModule(List<DeclaredPlugin> plugins, PluginConfigurations configurations) {
        this.plugins = List.copyOf(plugins);
        this.configurations = Objects.requireNonNull(configurations, "configurations");
    }

    @Override
    protected void configure() {
        Multibinder<PluginInfo> infos = Multibinder.newSetBinder(binder(), PluginInfo.class);
        Map<Class<? extends Plugin>, MapBinder<String, Plugin>> binders = new HashMap<>();
        Map<String, DeclaredPlugin> byKindAndName = new HashMap<>();
        for (DeclaredPlugin plugin : plugins) {
            String key = plugin.kind().label() + " '" + plugin.name() + "'";
            DeclaredPlugin earlier = byKindAndName.putIfAbsent(key, plugin);
            if (earlier != null) {
                throw new ConfigurationException("Two plugins are the " + key + ": " + earlier.descriptor().implementation()
                        + " in " + earlier.bundle() + " and " + plugin.descriptor().implementation() + " in "
                        + plugin.bundle() + "; remove one of the jars");
            }
            MapBinder<String, Plugin> binder = binders.computeIfAbsent(plugin.kind().serviceType(), this::mapBinder);
            String pid = plugin.descriptor().configurationPid();
            binder.addBinding(plugin.name()).toProvider(() -> plugin.create(configurations.forPid(pid)))
                    .in(Singleton.class);
            infos.addBinding().toInstance(plugin.info());
        }
    }

    @SuppressWarnings("unchecked")
    private MapBinder<String, Plugin> mapBinder(Class<? extends Plugin> type) {
        return (MapBinder<String, Plugin>) (MapBinder<String, ?>) MapBinder.newMapBinder(binder(), String.class, type);
    }
}
