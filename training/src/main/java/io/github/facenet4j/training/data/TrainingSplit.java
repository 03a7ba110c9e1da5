package io.github.facenet4j.training.data;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * How a training run divides its data set into images to train on and held-out images to
 * validate on, as {@code facenet train} does:
 * <ul>
 *   <li>Fashion-MNIST: its official train and test parts; zero-shot, the first half of the
 *       classes (0–4) from the train part and the other half (5–9) from the test part;</li>
 *   <li>other data sets: {@value #HELD_OUT_FRACTION} of each identity's images held out
 *       ({@link Splits#bySample}, seeded); zero-shot, the second half of the identities held out
 *       ({@link Splits#byIdentity});</li>
 *   <li>then, when asked, a seeded random subset of each side.</li>
 * </ul>
 *
 * @param zeroShot       hold out identities never trained on (FaceNet's hold-out protocol)
 *                       instead of images of the trained identities
 * @param trainSize      train on this many images, drawn with {@code seed} (empty = all)
 * @param validationSize validate on this many, drawn with {@code seed + 1} (empty = all)
 * @param seed           seed of the sample split and the subsets
 */
public record TrainingSplit(boolean zeroShot, OptionalInt trainSize, OptionalInt validationSize, long seed) {

    /** The fraction of each identity's images held out of a data set without a test part. */
    public static final double HELD_OUT_FRACTION = 0.2;

    public TrainingSplit {
        Objects.requireNonNull(trainSize, "trainSize");
        Objects.requireNonNull(validationSize, "validationSize");
        if (trainSize.isPresent() && trainSize.getAsInt() < 1) {
            throw new ConfigurationException("The training subset must hold ≥ 1 image, got " + trainSize.getAsInt());
        }
        if (validationSize.isPresent() && validationSize.getAsInt() < 1) {
            throw new ConfigurationException("The validation subset must hold ≥ 1 image, got "
                    + validationSize.getAsInt());
        }
    }

    /**
     * Opens {@code spec} for a network named {@code network} that takes {@code input}, and splits it.
     *
     * @throws io.github.facenet4j.api.BadInputException if the files are missing or corrupt
     * @throws ConfigurationException                    if the images do not have {@code input}'s shape
     */
    public Splits.Split open(DatasetSpec spec, TensorShape input, String network) {
        Dataset train;
        Dataset test;
        if (spec.kind() == DatasetSpec.Kind.FASHION_MNIST) {
            train = FashionMnist.loadTrain(spec.directory());
            test = FashionMnist.loadTest(spec.directory());
            if (!train.shape().equals(input)) {
                throw new ConfigurationException(train.description() + " has images of " + train.shape() + " but "
                        + network + " takes " + input);
            }
            if (zeroShot) {
                int half = train.identityNames().size() / 2;
                train = where(train, label -> label < half, " classes 0–" + (half - 1));
                test = where(test, label -> label >= half, " classes " + half + "–"
                        + (test.identityNames().size() - 1));
            }
        } else {
            Dataset all = spec.open(input);
            Splits.Split split;
            if (zeroShot) {
                int n = all.identityNames().size();
                Set<Integer> held = new HashSet<>();
                IntStream.range(n / 2, n).forEach(held::add);
                split = Splits.byIdentity(all, held);
            } else {
                split = Splits.bySample(all, HELD_OUT_FRACTION, seed);
            }
            train = split.train();
            test = split.test();
        }
        return new Splits.Split(sample(train, trainSize, seed), sample(test, validationSize, seed + 1));
    }

    private static Dataset where(Dataset d, IntPredicate keep, String what) {
        int[] indices = IntStream.range(0, d.size()).filter(i -> keep.test(d.label(i))).toArray();
        return d.subset(indices, d.description() + what);
    }

    /** {@code d}, or a seeded random {@code size} of its images (all when it has no more). */
    private static Dataset sample(Dataset d, OptionalInt size, long seed) {
        if (size.isEmpty() || size.getAsInt() >= d.size()) {
            return d;
        }
        List<Integer> all = new ArrayList<>(IntStream.range(0, d.size()).boxed().toList());
        Collections.shuffle(all, new Random(seed));
        int[] chosen = all.subList(0, size.getAsInt()).stream().mapToInt(Integer::intValue).sorted().toArray();
        return d.subset(chosen, d.description() + ", " + size.getAsInt() + " sampled");
    }
}
