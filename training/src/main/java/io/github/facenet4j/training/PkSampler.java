package io.github.facenet4j.training;

import io.github.facenet4j.api.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * P identities × K images per batch (Hermans, Beyer, Leibe 2017, "In Defense of the
 * Triplet Loss for Person Re-Identification"). FaceNet's batches likewise hold about 40
 * faces of each identity they include, so that every anchor has positives to mine
 * against (§3.2).
 *
 * <p>Each batch is drawn afresh from a random source seeded by (seed, step) alone: P
 * distinct identities uniformly from the eligible ones, then K distinct images of each
 * uniformly from its images. Batches are therefore independent draws (not epochs), and
 * any step's batch can be recomputed: resuming needs no more state than
 * {@link #state()}. Rows come identity by identity, K rows each.
 *
 * <p>Identities with fewer than two images never appear (they cannot give a positive
 * pair). Identities with 2 … K − 1 images follow {@link SmallIdentities}: {@code SKIP}
 * (default) leaves them out, so that every batch has P × K distinct images;
 * {@code REPLACE} includes them, each of their images once and the rows left over drawn
 * again from their images (with replacement).
 */
public final class PkSampler implements BatchSampler {

    /** What happens to identities with fewer than K (but at least 2) images. */
    public enum SmallIdentities {
        /** Never drawn. */
        SKIP,
        /** Drawn; their images are repeated to fill K rows. */
        REPLACE
    }

    /** Salt that keeps the sampler's random stream apart from a miner's for the same (seed, step). */
    private static final long SALT = 0x5A4D504C45524B31L;

    private final int identities;
    private final int imagesPerIdentity;
    private final long seed;
    private final SmallIdentities small;
    private final int[][] members;
    private final int[] eligible;
    private final String fingerprint;

    /**
     * @param labels            identity label of every training image
     * @param identities        P, ≥ 2 (triplets need a negative identity)
     * @param imagesPerIdentity K, ≥ 2 (triplets need a positive)
     * @param seed              the run seed
     * @param small             identities with fewer than K images
     * @throws ConfigurationException if P or K is out of range or fewer than P identities qualify
     */
    public PkSampler(int[] labels, int identities, int imagesPerIdentity, long seed, SmallIdentities small) {
        Objects.requireNonNull(labels, "labels");
        this.small = Objects.requireNonNull(small, "small");
        if (identities < 2) {
            throw new ConfigurationException("P (identities per batch) must be ≥ 2, got " + identities);
        }
        if (imagesPerIdentity < 2) {
            throw new ConfigurationException("K (images per identity) must be ≥ 2, got " + imagesPerIdentity);
        }
        this.identities = identities;
        this.imagesPerIdentity = imagesPerIdentity;
        this.seed = seed;
        int maxLabel = -1;
        for (int label : labels) {
            if (label < 0) {
                throw new ConfigurationException("Labels must be ≥ 0, got " + label);
            }
            maxLabel = Math.max(maxLabel, label);
        }
        int[] counts = new int[maxLabel + 1];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byLabel = new int[maxLabel + 1][];
        for (int id = 0; id <= maxLabel; id++) {
            byLabel[id] = new int[counts[id]];
        }
        int[] fill = new int[maxLabel + 1];
        for (int i = 0; i < labels.length; i++) {
            byLabel[labels[i]][fill[labels[i]]++] = i;
        }
        List<Integer> ok = new ArrayList<>();
        int minimum = small == SmallIdentities.SKIP ? imagesPerIdentity : 2;
        for (int id = 0; id <= maxLabel; id++) {
            if (counts[id] >= minimum) {
                ok.add(id);
            }
        }
        if (ok.size() < identities) {
            throw new ConfigurationException("P × K sampling needs " + identities + " identities with at least "
                    + minimum + " images each, but the training data has " + ok.size()
                    + (small == SmallIdentities.SKIP ? "; lower P or K, or sample small identities with replacement"
                            : "; lower P"));
        }
        this.members = byLabel;
        this.eligible = ok.stream().mapToInt(Integer::intValue).toArray();
        this.fingerprint = fingerprint(labels);
    }

    /** P identities × K images, skipping identities with fewer than K images. */
    public PkSampler(int[] labels, int identities, int imagesPerIdentity, long seed) {
        this(labels, identities, imagesPerIdentity, seed, SmallIdentities.SKIP);
    }

    /** Rows per batch, P × K. */
    public int batchSize() {
        return identities * imagesPerIdentity;
    }

    /** Number of identities that can be drawn. */
    public int eligibleIdentities() {
        return eligible.length;
    }

    @Override
    public int[] batch(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be ≥ 0, got " + step);
        }
        SplittableRandom random = new SplittableRandom(mix(seed ^ mix(step ^ SALT)));
        int[] pool = eligible.clone();
        int[] out = new int[batchSize()];
        for (int p = 0; p < identities; p++) {
            int pick = p + random.nextInt(pool.length - p);
            int id = pool[pick];
            pool[pick] = pool[p];
            pool[p] = id;
            int[] images = members[id];
            int from = p * imagesPerIdentity;
            if (images.length >= imagesPerIdentity) {
                int[] order = images.clone();
                for (int k = 0; k < imagesPerIdentity; k++) {
                    int j = k + random.nextInt(order.length - k);
                    int t = order[j];
                    order[j] = order[k];
                    order[k] = t;
                    out[from + k] = t;
                }
            } else {
                System.arraycopy(images, 0, out, from, images.length);
                for (int k = images.length; k < imagesPerIdentity; k++) {
                    out[from + k] = images[random.nextInt(images.length)];
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("sampler", "pk");
        state.put("p", identities);
        state.put("k", imagesPerIdentity);
        state.put("seed", seed);
        state.put("small_identities", small.name().toLowerCase(Locale.ROOT));
        state.put("labels", fingerprint);
        return state;
    }

    /** A 64-bit FNV-1a hash of the label sequence with its length: a resume on other data is refused. */
    private static String fingerprint(int[] labels) {
        long hash = 0xcbf29ce484222325L;
        for (int label : labels) {
            for (int shift = 0; shift < 32; shift += 8) {
                hash ^= (label >>> shift) & 0xff;
                hash *= 0x100000001b3L;
            }
        }
        return labels.length + ":" + Long.toHexString(hash);
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "PkSampler[P=" + identities + ", K=" + imagesPerIdentity + ", " + eligible.length
                + " eligible identities, small identities " + small + ", seed " + seed + "]";
    }
}
