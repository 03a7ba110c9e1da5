package io.github.facenet4j.harmonic;

import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.MiningContext;
import io.github.facenet4j.api.TripletMiner;
import io.github.facenet4j.training.StepBatch;
import io.github.facenet4j.training.StepObjective;
import java.util.Objects;

/**
 * The {@code harmonic-triplet} objective (FaceNet §7.1) as the trainer's
 * {@link StepObjective}: each batch's v2 embeddings are joined by v1's embeddings of the
 * same images ({@link HarmonicBatch}), the configured miner (semi-hard by default) mines over
 * all 2n rows, the all-v1 triplets are dropped, the configured loss is computed over the rest,
 * and only v2's rows of its gradient go back to the trainer. Counts what it mined, for the
 * run's summary.
 */
public final class HarmonicTriplets implements StepObjective {

    /** The objective's name in logs and checkpoints. */
    public static final String NAME = "harmonic-triplet";

    private final ReferenceEmbeddings reference;
    private final TripletMiner miner;
    private final Loss loss;
    private final long seed;
    private final long[] mined = new long[8];
    private long dropped;
    private long steps;

    /**
     * @param reference v1's embeddings of the training set, by training-set index
     * @param miner     mines over v2's and v1's rows together
     * @param loss      computed over the kept triplets
     * @param seed      the run's seed, for the miner's {@link MiningContext}
     */
    public HarmonicTriplets(ReferenceEmbeddings reference, TripletMiner miner, Loss loss, long seed) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.miner = Objects.requireNonNull(miner, "miner");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.seed = seed;
    }

    @Override
    public LossResult compute(StepBatch step) {
        HarmonicBatch batch = HarmonicBatch.of(step.embeddings(), reference.rows(step.indices()));
        MiningContext context = new MiningContext(step.step(), seed);
        HarmonicBatch.Selection selection = batch.keepTrainable(miner.mine(batch.joint(), context).triplets());
        LossResult result = loss.compute(batch.joint(), selection.kept());
        synchronized (this) {
            for (int c = 0; c < 8; c++) {
                mined[c] += selection.byCombination()[c];
            }
            dropped += selection.dropped();
            steps++;
        }
        return new LossResult(result.value(), batch.trainableGradient(result.gradient()), result.activeTriplets(),
                result.totalTriplets());
    }

    /** E.g. "harmonic-triplet with v1@1.0": a checkpoint is resumed only with the same. */
    @Override
    public String name() {
        return NAME + " with " + reference.key().model();
    }

    /** What was mined over the steps so far. */
    public synchronized Tally tally() {
        return new Tally(steps, mined.clone(), dropped);
    }

    /**
     * Mining counts of a run.
     *
     * @param steps         steps taken
     * @param byCombination mined triplets per Fig. 9 cell, by {@link Combination#index()}
     * @param dropped       all-v1 triplets left out
     */
    public record Tally(long steps, long[] byCombination, long dropped) {

        /** Mined triplets in all cells. */
        public long mined() {
            long sum = 0;
            for (long c : byCombination) {
                sum += c;
            }
            return sum;
        }

        /** One line, e.g. "12,345 triplets mined over v2 and v1, 1,234 all-v1 ones dropped; a v2, p v1, n v2: 2,345; …". */
        public String describe() {
            StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%,d triplets mined over v2 and v1 in %,d steps, %,d all-v1 ones dropped", mined(), steps, dropped));
            for (Combination c : Combination.all()) {
                sb.append(String.format(java.util.Locale.ROOT, "; %s: %,d", c, byCombination[c.index()]));
            }
            return sb.toString();
        }
    }
}
