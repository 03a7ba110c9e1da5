package io.github.facenet4j.training;

/**
 * A NaN or infinite embedding, loss or gradient: the run ends before the optimiser step, so the
 * checkpoint on disk stays the last good one. The message is the one line users see.
 */
final class NonFiniteValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NonFiniteValue(long step, String what) {
        super("Training stopped at step " + step + ": " + what + "; lower the learning rate", null, false, false);
    }

    /**
     * Throws when a value of {@code rows} is not finite, naming where it is.
     *
     * @param what what the rows are, as in "the loss gradient is"
     */
    static void requireFinite(float[][] rows, long step, String what) {
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < rows[i].length; k++) {
                if (!Float.isFinite(rows[i][k])) {
                    throw new NonFiniteValue(step, what + " not finite (" + rows[i][k] + " in row " + i
                            + ", component " + k + ")");
                }
            }
        }
    }
}
