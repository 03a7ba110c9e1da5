package io.github.facenet4j.training.data;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.math.Permutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Divides a data set into a training part and a held-out part, deterministically.
 * <ul>
 *   <li>By identity (zero-shot, as FaceNet's hold-out test set has identities disjoint from
 *       its training set): every image of a held-out identity goes to the test side. Give the held-out
 *       identities, e.g. Fashion-MNIST classes 5–9, or a fraction drawn from a seed.</li>
 *   <li>By sample: within each identity, a seeded fraction of its images is held out, so both
 *       sides see every identity.</li>
 * </ul>
 * Both sides keep the order of the data set.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * A training and a held-out part.
     *
     * @param train images to train on
     * @param test  held-out images
     */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * Holds out every image of the identities {@code testIdentities}.
     *
     * @throws ConfigurationException if an id is not an identity of the data set, or a side would be empty
     */
    public static Split byIdentity(Dataset dataset, Set<Integer> testIdentities) {
        int identities = dataset.identityNames().size();
        for (int id : testIdentities) {
            if (id < 0 || id >= identities) {
                throw new ConfigurationException("Held-out identity " + id + " is not one of the " + identities
                        + " identities of " + dataset.description());
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i++) {
            (testIdentities.contains(dataset.label(i)) ? test : train).add(i);
        }
        String held = new TreeSet<>(testIdentities).stream().map(String::valueOf).collect(Collectors.joining(","));
        return split(dataset, train, test, "identities " + held + " held out");
    }

    /**
     * Holds out a seeded random {@code fraction} of the identities that have images (at least one,
     * at most all but one).
     */
    public static Split byIdentity(Dataset dataset, double fraction, long seed) {
        requireFraction(fraction);
        int[] present = Arrays.stream(dataset.labels()).distinct().sorted().toArray();
        if (present.length < 2) {
            throw new ConfigurationException("Cannot hold out identities of " + dataset.description()
                    + ": it has fewer than two");
        }
        int count = (int) Math.max(1, Math.min(present.length - 1, Math.round(fraction * present.length)));
        Permutation.shuffle(present, new SplittableRandom(seed));
        Set<Integer> test = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            test.add(present[i]);
        }
        return byIdentity(dataset, test);
    }

    /**
     * Holds out {@code round(fraction × n)} images of each identity with n images (chosen from
     * a seeded random order), so that every identity is on both sides where it has two images or more.
     */
    public static Split bySample(Dataset dataset, double fraction, long seed) {
        requireFraction(fraction);
        int identities = dataset.identityNames().size();
        List<List<Integer>> members = new ArrayList<>();
        for (int id = 0; id < identities; id++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < dataset.size(); i++) {
            members.get(dataset.label(i)).add(i);
        }
        boolean[] held = new boolean[dataset.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (List<Integer> m : members) {
            int[] order = m.stream().mapToInt(Integer::intValue).toArray();
            Permutation.shuffle(order, random);
            int count = (int) Math.round(fraction * order.length);
            if (order.length >= 2) {
                count = Math.max(1, Math.min(order.length - 1, count));
            }
            for (int k = 0; k < count; k++) {
                held[order[k]] = true;
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            (held[i] ? test : train).add(i);
        }
        return split(dataset, train, test, "samples held out (fraction " + fraction + ", seed " + seed + ")");
    }

    private static Split split(Dataset dataset, List<Integer> train, List<Integer> test, String how) {
        if (train.isEmpty() || test.isEmpty()) {
            throw new ConfigurationException("Splitting " + dataset.description() + " (" + how + ") leaves the "
                    + (train.isEmpty() ? "training" : "held-out") + " side empty");
        }
        return new Split(
                dataset.subset(train.stream().mapToInt(Integer::intValue).toArray(),
                        dataset.description() + ", training part: " + how),
                dataset.subset(test.stream().mapToInt(Integer::intValue).toArray(),
                        dataset.description() + ", held-out part: " + how));
    }

    private static void requireFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new ConfigurationException("The held-out fraction must be in (0, 1), got " + fraction);
        }
    }
}
