package io.github.facenet4j.distribution.runtime;

/** How plugins are wired: an embedded OSGi container (default) or Guice on a flat class path. */
public enum RuntimeKind {
    /** Apache Felix with SCR and ConfigAdmin; plugins are Declarative Services components. */
    OSGI,
    /** Guice MapBinders over the same implementation classes. */
    PLAIN
}
