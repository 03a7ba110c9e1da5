package io.github.facenet4j.harmonic;

/** Which network a row of a {@link HarmonicBatch} was embedded by. */
public enum Origin {
    /** The network being trained (the paper's v2). */
    TRAINABLE("v2"),
    /** The frozen reference network (the paper's v1). */
    REFERENCE("v1");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    /** The paper's name for it: v2 or v1. */
    public String label() {
        return label;
    }
}
