package io.github.facenet4j.api;

import java.util.List;

/**
 * Looks plugins up by kind and name. The OSGi runtime answers from the service registry
 * (filter {@code (facenet.name=NAME)}); the plain runtime from Guice MapBinders. Both
 * answer the same questions the same way, so callers never know which one they have.
 */
public interface PluginRegistry {

    /**
     * The plugin of {@code type} registered as {@code name}.
     *
     * @throws UnknownPluginException listing the available names when there is none
     */
    <T extends Plugin> T get(Class<T> type, String name);

    /** Every registered plugin, in {@link PluginInfo#ORDER}. */
    List<PluginInfo> plugins();

    /** The sorted names registered for one kind. */
    default List<String> names(PluginKind kind) {
        return plugins().stream().filter(p -> p.kind().equals(kind)).map(PluginInfo::name).sorted().distinct()
                .toList();
    }

    /**
     * Hands back a plugin got from {@link #get} once the caller no longer uses it (a container
     * counts its users); plugins still held are handed back when the registry closes.
     */
    default void release(Plugin plugin) {
    }
}
