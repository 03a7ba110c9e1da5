package io.github.facenet4j.backends.dl4j.internal;

/** The backend the DL4J tests share. */
final class TestBackend {

    /** One backend per test JVM: ND4J starts once per process anyway. */
    static final Dl4jBackend BACKEND = new Dl4jBackend(Dl4jBackendConfig.defaults());

    private TestBackend() {
    }
}
