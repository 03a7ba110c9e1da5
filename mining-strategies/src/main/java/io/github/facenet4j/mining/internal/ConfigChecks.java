package io.github.facenet4j.mining.internal;

import io.github.facenet4j.api.ConfigurationException;

/** Checks the miner config records share; messages name the key and quote the value. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    /** A margin or band width: &gt; 0 and finite. */
    static void requirePositiveFinite(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new ConfigurationException(key + " must be > 0 and finite, got " + value);
        }
    }

    /** A step count: ≥ 0. */
    static void requireNonNegative(String key, long value) {
        if (value < 0) {
            throw new ConfigurationException(key + " must be ≥ 0, got " + value);
        }
    }

    /** A triplet cap: ≥ 1, or 0 for n² of a batch of n. */
    static void requireCap(String key, long value) {
        if (value < 0) {
            throw new ConfigurationException(key + " must be ≥ 1, or 0 for n² in a batch of n, got " + value);
        }
    }

    /** A choice (enum constant) given to the record directly must not be null. */
    static void requireChoice(String key, Object value) {
        if (value == null) {
            throw new ConfigurationException(key + " must be set, got null");
        }
    }
}
