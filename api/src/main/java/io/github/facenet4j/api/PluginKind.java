package io.github.facenet4j.api;

import java.util.Locale;

/** The kinds of plugin a runtime knows, each tied to its service interface. */
public enum PluginKind {
    MINER(TripletMiner.class, "miner"),
    LOSS(Loss.class, "loss"),
    EVALUATOR(Evaluator.class, "evaluator"),
    BACKEND(Backend.class, "backend");

    private final Class<? extends Plugin> serviceType;
    private final String label;

    PluginKind(Class<? extends Plugin> serviceType, String label) {
        this.serviceType = serviceType;
        this.label = label;
    }

    /** The interface a plugin of this kind implements. */
    public Class<? extends Plugin> serviceType() {
        return serviceType;
    }

    /** The word users see: {@code miner}, {@code loss}, … */
    public String label() {
        return label;
    }

    /** The kind whose service interface is exactly {@code type}. */
    public static PluginKind forType(Class<?> type) {
        for (PluginKind kind : values()) {
            if (kind.serviceType.equals(type)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Not a plugin service interface: " + type.getName());
    }

    /** The kind whose {@link #label()} is {@code label}. */
    public static PluginKind fromLabel(String label) {
        for (PluginKind kind : values()) {
            if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new ConfigurationException("Unknown plugin kind '" + label + "'. Known: miner, loss, evaluator, backend.");
    }
}
