package io.github.facenet4j.distribution.runtime;

import com.google.inject.CreationException;
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
import io.github.facenet4j.plugins.PluginJars;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plain-JVM runtime: Guice over the plugins the jars declare in their DS component
 * descriptors, keyed by the names the OSGi components publish, so both runtimes see the
 * same set. In an installation those are the jars in {@code bundles/} (the project's and
 * any a third party dropped in, loaded by one class loader over the launcher's); without one,
 * the jars on the class path. Plugins are built on first lookup (an unused backend never
 * loads its natives) and kept for the runtime's life.
 */
public final class GuiceRuntime implements PluginRuntime {

    private final Injector injector;
    private final URLClassLoader pluginLoader;

    private GuiceRuntime(Injector injector, URLClassLoader pluginLoader) {
        this.injector = injector;
        this.pluginLoader = pluginLoader;
    }

    /** The plugins of the jars in {@code bundles}, configured by {@code configurations}. */
    public static GuiceRuntime start(Path bundles, PluginConfigurations configurations) {
        List<Path> jars = PluginJars.jarsIn(bundles);
        URLClassLoader loader = PluginJars.loaderFor(jars, GuiceRuntime.class.getClassLoader());
        try {
            return new GuiceRuntime(Guice.createInjector(
                    new DiscoveredPluginsModule(PluginJars.inJars(jars, loader), configurations)), loader);
        } catch (RuntimeException e) {
            closeQuietly(loader);
            throw unwrap(e);
        }
    }

    /** The plugins on the class path configured by {@code configurations}, plus any extra modules. */
    public static GuiceRuntime start(PluginConfigurations configurations, Module... extraModules) {
        Module[] modules = new Module[extraModules.length + 1];
        modules[0] = new DiscoveredPluginsModule(PluginJars.onClassPath(GuiceRuntime.class.getClassLoader()),
                configurations);
        System.arraycopy(extraModules, 0, modules, 1, extraModules.length);
        try {
            return new GuiceRuntime(Guice.createInjector(modules), null);
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    /** Guice wraps a module's refusal (two plugins of one name) in a CreationException. */
    private static RuntimeException unwrap(RuntimeException e) {
        if (e instanceof CreationException creation) {
            for (var message : creation.getErrorMessages()) {
                if (message.getCause() instanceof FaceNetException facenet) {
                    return facenet;
                }
            }
        }
        return e;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was loaded from it that needs closing
        }
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.PLAIN;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Plugin> T get(Class<T> type, String name) {
        PluginKind kind = PluginKind.of(type);
        Key<Map<String, com.google.inject.Provider<T>>> key = (Key<Map<String, com.google.inject.Provider<T>>>)
                Key.get(Types.mapOf(String.class, Types.providerOf(type)));
        if (injector.getExistingBinding(key) == null) {
            throw new UnknownPluginException(kind, name, List.of());
        }
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
        return infos.stream().sorted(PluginInfo.ORDER).toList();
    }

    @Override
    public void close() {
        // Guice holds no resources; plugins that do are closed by their users. The plugin
        // class loader's jars are closed, so a later start sees the bundles directory anew.
        if (pluginLoader != null) {
            closeQuietly(pluginLoader);
        }
    }
}
