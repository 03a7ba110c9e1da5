package io.github.facenet4j.plugins;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.FaceNetException;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.PluginInfo;
import io.github.facenet4j.api.PluginKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin some jar declares: one service of one component descriptor, with the class
 * loader that holds it. {@link #create} builds it the way SCR activates a component: the
 * descriptor's properties, {@code component.name} and the PID's configuration go to a
 * public constructor taking a {@code Map} (DS constructor injection), or else to a public
 * no-argument constructor followed by the descriptor's activate method.
 *
 * @param kind       the plugin kind of the service
 * @param descriptor the component
 * @param loader     loads its classes
 * @param bundle     Bundle-SymbolicName of the jar (without directives), or {@code unknown}
 * @param version    Bundle-Version of the jar, or {@code unknown}
 */
public record DeclaredPlugin(PluginKind kind, ComponentDescriptor descriptor, ClassLoader loader, String bundle,
                             String version) {

    public DeclaredPlugin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(descriptor.pluginName(), "descriptor " + descriptor.componentName() + " has no name");
    }

    public String name() {
        return descriptor.pluginName();
    }

    public PluginInfo info() {
        return new PluginInfo(kind, name(), descriptor.implementation(), bundle, version);
    }

    /**
     * Builds the plugin with {@code configuration} (the PID's properties, empty when unconfigured).
     *
     * @throws FaceNetException the plugin's own one-line refusal of its configuration
     * @throws ConfigurationException when the class cannot be built at all
     */
    public Plugin create(Map<String, Object> configuration) {
        Map<String, Object> properties = new HashMap<>(descriptor.properties());
        properties.put("component.name", descriptor.componentName());
        properties.putAll(configuration);
        try {
            Class<?> type = Class.forName(descriptor.implementation(), true, loader);
            Object instance;
            Constructor<?> withProperties = constructor(type, Map.class);
            if (withProperties != null) {
                instance = withProperties.newInstance(properties);
            } else {
                Constructor<?> plain = constructor(type);
                if (plain == null) {
                    throw failure("has neither a public constructor taking a Map nor a public no-argument one", null);
                }
                instance = plain.newInstance();
                activate(type, instance, properties);
            }
            return kind.serviceType().cast(instance);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof FaceNetException facenet) {
                throw facenet;
            }
            throw failure("failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw failure("cannot be built: " + e, e);
        }
    }

    private static void activate(Class<?> type, Object instance, Map<String, Object> properties)
            throws ReflectiveOperationException {
        for (Method method : type.getMethods()) {
            if (!method.getName().equals("activate")) {
                continue;
            }
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == Map.class) {
                method.invoke(instance, properties);
                return;
            }
            if (parameters.length == 0) {
                method.invoke(instance);
                return;
            }
        }
    }

    private static Constructor<?> constructor(Class<?> type, Class<?>... parameters) {
        try {
            return type.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private ConfigurationException failure(String what, Throwable cause) {
        ConfigurationException e = new ConfigurationException("The " + kind.label() + " '" + name() + "' ("
                + descriptor.implementation() + " in " + bundle + ") " + what);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
