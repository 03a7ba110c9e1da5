package io.github.facenet4j.evaluators.internal;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.EvaluationInput;
import io.github.facenet4j.api.EvaluationResult;
import io.github.facenet4j.api.Evaluator;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.evaluators.IdentificationReport;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Identification of probes against a gallery, FaceNet's recognition task (§1) judged the
 * way face-identification benchmarks report it.
 *
 * <p>Each probe's distance to an identity is its distance to that identity's nearest
 * gallery embedding. Closed set: the CMC over probes whose identity is enrolled, with ties
 * counted against the probe. Open set: a non-mated probe raises a false alarm at threshold
 * t when its nearest gallery embedding is within t; a mated probe is detected and
 * identified when its own identity ranks first and lies within t. The threshold is the
 * largest such mated distance with at most ⌊FAR · non-mated⌋ false alarms, chosen exactly as
 * the verification threshold is.
 */
@Component(service = Evaluator.class, configurationPid = "facenet.evaluator." + IdentificationEvaluator.NAME,
        property = Plugin.NAME_PROPERTY + "=" + IdentificationEvaluator.NAME)
public final class IdentificationEvaluator implements Evaluator {

    public static final String NAME = "identification";

    private final IdentificationConfig config;

    public IdentificationEvaluator(IdentificationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Activate
    public IdentificationEvaluator(Map<String, Object> properties) {
        this(IdentificationConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EvaluationResult evaluate(EvaluationInput input) {
        IdentificationConfig c = config.with(input.options());
        EmbeddingBatch gallery = input.embeddings();
        EmbeddingBatch probes = input.probes().orElseThrow(() -> new BadInputException(
                "Identification needs probes to search in the gallery; none were given."));
        if (probes.dimension() != gallery.dimension()) {
            throw new BadInputException("Probes have dimension " + probes.dimension() + " but the gallery has "
                    + gallery.dimension() + ".");
        }
        int[] sortedLabels = Arrays.stream(gallery.labels()).distinct().sorted().toArray();
        int identities = sortedLabels.length;
        int[] galleryIdentity = new int[gallery.size()];
        for (int g = 0; g < gallery.size(); g++) {
            galleryIdentity[g] = Arrays.binarySearch(sortedLabels, gallery.labels()[g]);
        }
        Distances distances = new Distances(gallery.embeddings(), c.metric());
        float[][] queries = Distances.prepare(probes.embeddings(), c.metric());
        int[] rankCounts = new int[c.ranks() + 1];
        float[] matedHits = new float[probes.size()];
        float[] nonMated = new float[probes.size()];
        int mated = 0;
        int hits = 0;
        int impostors = 0;
        double[] nearest = new double[identities];
        for (int from = 0; from < probes.size(); from += Distances.BLOCK) {
            Distances.Block block = distances.block(queries, from);
            for (int p = from; p < block.to(); p++) {
                Arrays.fill(nearest, Double.POSITIVE_INFINITY);
                for (int g = 0; g < gallery.size(); g++) {
                    nearest[galleryIdentity[g]] = Math.min(nearest[galleryIdentity[g]], block.get(p, g));
                }
                int own = Arrays.binarySearch(sortedLabels, probes.labels()[p]);
                if (own < 0) {
                    nonMated[impostors++] = (float) Arrays.stream(nearest).min().orElseThrow();
                    continue;
                }
                mated++;
                int rank = 1;
                for (int k = 0; k < identities; k++) {
                    if (k != own && nearest[k] <= nearest[own]) {
                        rank++;
                    }
                }
                if (rank <= c.ranks()) {
                    rankCounts[rank]++;
                }
                if (rank == 1) {
                    matedHits[hits++] = (float) nearest[own];
                }
            }
        }
        if (mated == 0) {
            throw new BadInputException("No probe's identity is enrolled in the gallery: closed-set rank accuracy"
                    + " needs at least one mated probe (labels are matched by name).");
        }
        double[] cmc = new double[c.ranks()];
        int cumulative = 0;
        for (int r = 1; r <= c.ranks(); r++) {
            cumulative += rankCounts[r];
            cmc[r - 1] = (double) cumulative / mated;
        }
        double dir = Double.NaN;
        double threshold = Double.NaN;
        double far = Double.NaN;
        if (impostors > 0) {
            float[] alarms = Arrays.copyOf(nonMated, impostors);
            float[] detected = Arrays.copyOf(matedHits, hits);
            Arrays.sort(alarms);
            Arrays.sort(detected);
            long allowed = (long) Math.floor(c.farTarget() * impostors + 1e-9);
            // Thresholds below the (allowed+1)-th smallest alarm raise at most `allowed` alarms.
            float limit = allowed < impostors ? alarms[(int) allowed] : Float.POSITIVE_INFINITY;
            int within = PairCounts.lowerBound(detected, 0, hits, limit);
            threshold = within == 0 ? Double.NEGATIVE_INFINITY : detected[within - 1];
            dir = (double) within / mated;
            far = within == 0 ? 0 : (double) PairCounts.lowerBound(alarms, 0, impostors, Math.nextUp((float) threshold))
                    / impostors;
        }
        IdentificationReport report = new IdentificationReport(c.metric(), cmc, mated, impostors, c.farTarget(),
                dir, threshold, far, identities);
        return new EvaluationResult(NAME, report.metrics(), report);
    }
}
