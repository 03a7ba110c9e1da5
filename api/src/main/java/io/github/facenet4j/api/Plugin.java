package io.github.facenet4j.api;

/**
 * Something a runtime registers and looks up by a short lower-case name such as
 * {@code semi-hard} or {@code triplet}. In OSGi the same name is the service property
 * {@value #NAME_PROPERTY}; on the plain JVM it is the Guice MapBinder key.
 */
public interface Plugin {

    /** Service property under which every plugin publishes its {@link #name()}. */
    String NAME_PROPERTY = "facenet.name";

    /** The plugin's name: lower-case letters, digits and hyphens. */
    String name();
}
