package io.github.facenet4j.training;

import io.github.facenet4j.api.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learning rate as a function of the zero-based step alone, so that a resumed run
 * uses the rates an uninterrupted one would. FaceNet trained at a constant AdaGrad rate of
 * 0.05 (§3.3); step decay and cosine annealing (Loshchilov &amp; Hutter 2017, without
 * restarts) are the usual alternatives.
 */
public sealed interface LearningRateSchedule {

    /** The rate for step {@code step} ≥ 0. */
    double rateAt(long step);

    /** The schedule as JSON-ready values, e.g. {@code {"schedule":"cosine", …}}. */
    Map<String, Object> describe();

    /** The schedule as users write it, which {@link #parse} reads back to an equal schedule. */
    String spec();

    /** The same rate at every step. */
    record Constant(double rate) implements LearningRateSchedule {
        public Constant {
            requireRate("rate", rate);
        }

        @Override
        public double rateAt(long step) {
            return rate;
        }

        @Override
        public Map<String, Object> describe() {
            return map("constant", "rate", rate);
        }

        @Override
        public String spec() {
            return "constant:" + rate;
        }
    }

    /**
     * {@code initial × factor^⌊step / every⌋}.
     *
     * @param initial the first rate, &gt; 0
     * @param factor  the multiplier at each decay, in (0, 1]
     * @param every   steps between decays, ≥ 1
     */
    record StepDecay(double initial, double factor, long every) implements LearningRateSchedule {
        public StepDecay {
            requireRate("initial rate", initial);
            if (!(factor > 0 && factor <= 1)) {
                throw new ConfigurationException("Step decay factor must be in (0, 1], got " + factor);
            }
            if (every < 1) {
                throw new ConfigurationException("Step decay interval must be ≥ 1 step, got " + every);
            }
        }

        @Override
        public double rateAt(long step) {
            return initial * Math.pow(factor, (double) (step / every));
        }

        @Override
        public Map<String, Object> describe() {
            return map("step", "initial", initial, "factor", factor, "every", every);
        }

        @Override
        public String spec() {
            return "step:" + initial + ":" + factor + ":" + every;
        }
    }

    /**
     * Cosine annealing from {@code initial} at step 0 to {@code minimum} at step {@code steps}:
     * {@code minimum + (initial − minimum)(1 + cos(π t / steps)) / 2}, t = min(step, steps).
     *
     * @param initial the first rate, &gt; 0
     * @param minimum the last rate, in [0, initial]
     * @param steps   length of the annealing, ≥ 1 (usually the run's steps)
     */
    record Cosine(double initial, double minimum, long steps) implements LearningRateSchedule {
        public Cosine {
            requireRate("initial rate", initial);
            if (!(minimum >= 0 && minimum <= initial)) {
                throw new ConfigurationException("Cosine minimum rate must be in [0, " + initial + "], got " + minimum);
            }
            if (steps < 1) {
                throw new ConfigurationException("Cosine schedule needs ≥ 1 step, got " + steps);
            }
        }

        @Override
        public double rateAt(long step) {
            double t = Math.min(step, steps);
            return minimum + (initial - minimum) * (1 + Math.cos(Math.PI * t / steps)) / 2;
        }

        @Override
        public Map<String, Object> describe() {
            return map("cosine", "initial", initial, "minimum", minimum, "steps", steps);
        }

        @Override
        public String spec() {
            return "cosine:" + initial + ":" + minimum + ":" + steps;
        }
    }

    /**
     * Parses what users write: {@code constant:RATE}, {@code step:RATE:FACTOR:EVERY} or
     * {@code cosine:RATE:MINIMUM:STEPS}.
     *
     * @throws ConfigurationException quoting the text and the accepted forms
     */
    static LearningRateSchedule parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":");
        try {
            if (parts.length == 2 && parts[0].equals("constant")) {
                return new Constant(Double.parseDouble(parts[1]));
            }
            if (parts.length == 4 && parts[0].equals("step")) {
                return new StepDecay(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]),
                        Long.parseLong(parts[3]));
            }
            if (parts.length == 4 && parts[0].equals("cosine")) {
                return new Cosine(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Long.parseLong(parts[3]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new ConfigurationException("Unknown learning-rate schedule '" + text
                + "'. Use constant:RATE, step:RATE:FACTOR:EVERY or cosine:RATE:MINIMUM:STEPS");
    }

    /** The schedule {@link #describe()} gave. */
    static LearningRateSchedule fromDescription(Map<String, Object> d) {
        Object kind = d.get("schedule");
        try {
            if ("constant".equals(kind)) {
                return new Constant(number(d, "rate"));
            }
            if ("step".equals(kind)) {
                return new StepDecay(number(d, "initial"), number(d, "factor"), (long) number(d, "every"));
            }
            if ("cosine".equals(kind)) {
                return new Cosine(number(d, "initial"), number(d, "minimum"), (long) number(d, "steps"));
            }
        } catch (ClassCastException | NullPointerException e) {
            // fall through
        }
        throw new ConfigurationException("Not a learning-rate schedule: " + d);
    }

    private static double number(Map<String, Object> d, String key) {
        return ((Number) d.get(key)).doubleValue();
    }

    /** {@code {"schedule": kind, key₁: value₁, …}} in that order. */
    private static Map<String, Object> map(String kind, Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedule", kind);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static void requireRate(String what, double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new ConfigurationException("Learning " + what + " must be a finite number > 0, got " + rate);
        }
    }
}
