package io.github.facenet4j.api;

import java.util.Comparator;
import java.util.Objects;

/**
 * What a runtime knows about one registered plugin.
 *
 * @param kind           its kind
 * @param name           its {@link Plugin#name()}
 * @param implementation the implementing class's name
 * @param bundle         the OSGi bundle symbolic name of the jar that holds it
 * @param version        that bundle's version
 */
public record PluginInfo(PluginKind kind, String name, String implementation, String bundle, String version) {

    /** The order registries list plugins in: by kind label, then name. */
    public static final Comparator<PluginInfo> ORDER = Comparator.comparing((PluginInfo p) -> p.kind().label())
            .thenComparing(PluginInfo::name);
    public PluginInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(version, "version");
    }
}
