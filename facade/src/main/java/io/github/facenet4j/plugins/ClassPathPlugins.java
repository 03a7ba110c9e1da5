package io.github.facenet4j.plugins;

import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.PluginRegistry;
import io.github.facenet4j.api.UnknownPluginException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link PluginRegistry} without a container: the plugins {@link PluginJars} found, each
 * built on first lookup from its PID's configuration and kept. What a library user gets by
 * default, with the facenet4j jars of their choice on the class path.
 */
public final class ClassPathPlugins implements PluginRegistry {

    private final List<DeclaredPlugin> declared;
    private final Function<String, Map<String, Object>> configuration;
    private final Map<DeclaredPlugin, Plugin> built = new HashMap<>();

    /**
     * @param declared      the plugins to offer
     * @param configuration the properties of a PID (empty map when unconfigured)
     */
    public ClassPathPlugins(List<DeclaredPlugin> declared, Function<String, Map<String, Object>> configuration) {
        this.declared = List.copyOf(declared);
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** Every plugin on the class path that loaded this class, unconfigured (defaults). */
    public static ClassPathPlugins onClassPath() {
        return new ClassPathPlugins(PluginJars.onClassPath(ClassPathPlugins.class.getClassLoader()), pid -> Map.of());
    }

    @Override
    public synchronized <T extends Plugin> T get(Class<T> type, String name) {
        PluginKind kind = PluginKind.of(type);
        for (DeclaredPlugin plugin : declared) {
            if (plugin.kind().equals(kind) && plugin.name().equals(name)) {
                Plugin instance = built.get(plugin);
                if (instance == null) {
                    instance = plugin.create(configuration.apply(plugin.descriptor().configurationPid()));
                    built.put(plugin, instance);
                }
                return type.cast(instance);
            }
        }
        throw new UnknownPluginException(kind, name, names(kind));
    }

    @Override
    public List<PluginInfo> plugins() {
        return declared.stream().map(DeclaredPlugin::info).sorted(PluginInfo.ORDER).toList();
    }
}
