package io.github.facenet4j.adapters.internal;

import io.github.facenet4j.api.AdapterTraining;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Settings;

/**
 * The closed-form start both built-in adapters share, and its settings.
 *
 * @param method how: {@code procrustes} (a rotation; spaces of one dimension), {@code ridge}
 *               (affine least squares, any dimensions) or {@code auto} (procrustes when the
 *               dimensions agree)
 * @param ridge  ridge's penalty relative to the inputs' mean squared component, ≥ 0
 */
record ClosedForm(Method method, double ridge) {

    enum Method { AUTO, PROCRUSTES, RIDGE }

    ClosedForm {
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new ConfigurationException("ridge must be a finite number ≥ 0, got " + ridge);
        }
    }

    /** The keys {@code method} and {@code ridge}. */
    static ClosedForm from(String plugin, Settings settings) {
        try {
            return new ClosedForm(settings.getChoice("method", Method.class, Method.AUTO),
                    settings.getDouble("ridge", 1e-4));
        } catch (ConfigurationException e) {
            throw named(plugin, e);
        }
    }

    /** {@code e} with its message naming the plugin, as the settings' own messages do. */
    static ConfigurationException named(String plugin, ConfigurationException e) {
        String prefix = "adapter " + plugin + ": ";
        return e.getMessage().startsWith(prefix) ? e : new ConfigurationException(prefix + e.getMessage());
    }

    /**
     * The fitted affine map [L | c] (row-major, out × (in + 1)) for {@code training}.
     *
     * @throws ConfigurationException when procrustes is asked for between spaces of two dimensions
     */
    double[][] fit(String plugin, AdapterTraining training) {
        int in = training.source().dimension();
        int out = training.target().dimension();
        Method chosen = method == Method.AUTO ? (in == out ? Method.PROCRUSTES : Method.RIDGE) : method;
        if (chosen == Method.RIDGE) {
            return RidgeRegression.fit(training.inputs(), training.outputs(), ridge);
        }
        if (in != out) {
            throw new ConfigurationException("adapter " + plugin + ": method procrustes maps a space onto one of the"
                    + " same dimension, got " + in + " and " + out + "; use method = ridge (or auto)");
        }
        return Procrustes.fit(training.inputs(), training.outputs());
    }
}
