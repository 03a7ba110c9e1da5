package io.github.facenet4j.backends.djl.internal;

/** The backend the DJL tests share (graphs and comparisons: {@code models.GraphCases}). */
final class TestGraphs {

    /** One backend per test JVM is enough: the engine is process-wide anyway. */
    static final DjlBackend BACKEND = new DjlBackend(DjlBackendConfig.defaults());

    private TestGraphs() {
    }
}
