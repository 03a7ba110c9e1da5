package io.github.facenet4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of plugin: a service interface that extends {@link Plugin} and carries a
 * {@link Label}. Kinds are open: a module (or a third party) adds one by writing such an
 * interface, e.g.
 *
 * <pre>{@code
 * @PluginKind.Label("detector")
 * public interface FaceDetectorFactory extends Plugin { … }
 * }</pre>
 *
 * and both runtimes find its plugins by that interface with no list to edit here. The
 * constants below are the kinds this module defines itself.
 *
 * @param label       the word users see: {@code miner}, {@code detector}, …
 * @param serviceType the interface a plugin of this kind implements and is registered under
 */
public record PluginKind(String label, Class<? extends Plugin> serviceType) {

    /** Marks a plugin service interface with the word users see for its kind. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Label {
        /** Lower-case letters, digits and hyphens, e.g. {@code gallery-store}. */
        String value();
    }

    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9-]*");

    public static final PluginKind MINER = of(TripletMiner.class);
    public static final PluginKind LOSS = of(Loss.class);
    public static final PluginKind EVALUATOR = of(Evaluator.class);
    public static final PluginKind BACKEND = of(Backend.class);

    public PluginKind {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(serviceType, "serviceType");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("A plugin kind label is lower-case letters, digits and hyphens: '"
                    + label + "' (on " + serviceType.getName() + ")");
        }
        if (!serviceType.isInterface() || !Plugin.class.isAssignableFrom(serviceType)) {
            throw new IllegalArgumentException(serviceType.getName() + " is not an interface extending Plugin");
        }
    }

    /**
     * The kind whose service interface is {@code serviceType}.
     *
     * @throws IllegalArgumentException if it is not a {@link Label}led interface extending {@link Plugin}
     */
    public static PluginKind of(Class<? extends Plugin> serviceType) {
        Label label = serviceType.getAnnotation(Label.class);
        if (label == null) {
            throw new IllegalArgumentException("Not a plugin service interface (no @PluginKind.Label): "
                    + serviceType.getName());
        }
        return new PluginKind(label.value(), serviceType);
    }

    /**
     * The kind of a class a registry found under a service name, or {@code null} when it is
     * not a labelled plugin interface (a component may provide other services too).
     */
    public static PluginKind ofOrNull(Class<?> type) {
        if (!type.isInterface() || !Plugin.class.isAssignableFrom(type) || type.getAnnotation(Label.class) == null) {
            return null;
        }
        return of(type.asSubclass(Plugin.class));
    }

    /**
     * The ConfigAdmin PID under which the plugin {@code name} of this kind is configured, and so
     * the name of its file {@code conf/PID.cfg}: {@code facenet.miner.semi-hard}.
     */
    public String configurationPid(String name) {
        return "facenet." + label + "." + Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return label;
    }
}
