package io.github.facenet4j.distribution.runtime;

import io.github.facenet4j.api.PluginRegistry;

/** A started runtime: a {@link PluginRegistry} that must be closed to stop its container. */
public interface PluginRuntime extends PluginRegistry, AutoCloseable {

    /** Which wiring this is. */
    RuntimeKind kind();

    @Override
    void close();
}
