package io.github.facenet4j.distribution.cli;

import io.github.facenet4j.api.ConfigurationException;

/**
 * The one range check of numeric options: a value outside {@code [min, max]} is one line that
 * names the option, the range (and why it ends there, where that is not obvious) and the value
 * given, before anything is allocated or run.
 *
 * @param option the option's name, as the user typed it ({@code --batch})
 * @param min    the smallest value accepted
 * @param max    the largest value accepted; {@link Long#MAX_VALUE} for no upper bound
 * @param why    what the upper bound protects, shown in the message; empty for none
 */
public record OptionRange(String option, long min, long max, String why) {

    public OptionRange {
        if (!option.startsWith("--") || min > max) {
            throw new IllegalArgumentException("option range " + option + " [" + min + ", " + max + "]");
        }
    }

    /** At least {@code min}, no upper bound. */
    public static OptionRange atLeast(String option, long min) {
        return new OptionRange(option, min, Long.MAX_VALUE, "");
    }

    /** Between {@code min} and {@code max}, both included; {@code why} says what the bound protects. */
    public static OptionRange between(String option, long min, long max, String why) {
        return new OptionRange(option, min, max, why);
    }

    /** Returns {@code value}, or throws the one-line {@link ConfigurationException}. */
    public long check(long value) {
        if (value < min || value > max) {
            throw new ConfigurationException(option + " must be " + (max == Long.MAX_VALUE ? "≥ " + min
                    : "in [" + min + ", " + max + "]" + (why.isEmpty() ? "" : " (" + why + ")")) + ", got " + value);
        }
        return value;
    }

    /** {@link #check} for an option without a default: {@code null} (not given) passes. */
    void checkIfGiven(Integer value) {
        if (value != null) {
            check(value);
        }
    }
}
