package io.github.facenet4j.distribution.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Types;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import io.github.facenet4j.api.UnknownPluginException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plain-JVM runtime: Guice over the same implementation classes the OSGi bundles hold,
 * keyed by the same names. Plugins are built on first lookup (an unused backend never loads
 * its natives) and kept for the runtime's life.
 */
public final class GuiceRuntime implements PluginRuntime {

    private final Injector injector;

    private GuiceRuntime(Injector injector) {
        this.injector = injector;
    }

    /** The project's built-in plugins configured by {@code configurations}, plus any extra modules. */
    public static GuiceRuntime start(PluginConfigurations configurations, Module... extraModules) {
        Module[] modules = new Module[extraModules.length + 1];
        modules[0] = new BuiltInPluginsModule(configurations);
        System.arraycopy(extraModules, 0, modules, 1, extraModules.length);
        return new GuiceRuntime(Guice.createInjector(modules));
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.PLAIN;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Plugin> T get(Class<T> type, String name) {
        PluginKind kind = PluginKind.forType(type);
        Key<Map<String, com.google.inject.Provider<T>>> key = (Key<Map<String, com.google.inject.Provider<T>>>)
                Key.get(Types.mapOf(String.class, Types.providerOf(type)));
        Map<String, com.google.inject.Provider<T>> providers = injector.getInstance(key);
        com.google.inject.Provider<T> provider = providers.get(name);
        if (provider == null) {
            throw new UnknownPluginException(kind, name, List.copyOf(new TreeSet<>(providers.keySet())));
        }
        try {
            return provider.get();
        } catch (ProvisionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FaceNetException facenet) {
                throw facenet;
            }
            throw e;
        }
    }

    @Override
    public List<PluginInfo> plugins() {
        Set<PluginInfo> infos = injector.getInstance(Key.get(new TypeLiteral<Set<PluginInfo>>() { }));
        return infos.stream().sorted(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::name)).toList();
    }

    @Override
    public void close() {
        // Guice holds no resources; plugins that do are closed by their users.
    }
}
