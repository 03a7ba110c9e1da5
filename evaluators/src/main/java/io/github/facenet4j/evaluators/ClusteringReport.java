package io.github.facenet4j.evaluators;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well a predicted clustering matches true identities (FaceNet §5.8 clusters a
 * personal photo collection by embedding distance).
 *
 * <p>Pairwise figures count pairs of items: precision = pairs put together that share an
 * identity / pairs put together; recall = the same / pairs that share an identity. BCubed
 * figures average per item (Bagga and Baldwin 1998; Amigó et al. 2009). NMI is mutual
 * information over the arithmetic mean of the two entropies. A ratio whose denominator
 * is 0 (no pair put together, or every item alone in its identity) is reported as 1: no
 * mistake of that kind was possible.
 *
 * @param pairwisePrecision pairwise precision
 * @param pairwiseRecall    pairwise recall
 * @param pairwiseF1        their F-score (F1 unless configured with another β)
 * @param bcubedPrecision   BCubed precision
 * @param bcubedRecall      BCubed recall
 * @param bcubedF1          their F-score (F1 unless configured with another β)
 * @param nmi               normalised mutual information in [0, 1]
 * @param clusters          number of predicted clusters
 * @param identities        number of true identities
 * @param items             number of clustered items
 */
public record ClusteringReport(double pairwisePrecision, double pairwiseRecall, double pairwiseF1,
                               double bcubedPrecision, double bcubedRecall, double bcubedF1, double nmi,
                               int clusters, int identities, int items) {

    /** Figures under their JSON keys. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairwise_precision", pairwisePrecision);
        m.put("pairwise_recall", pairwiseRecall);
        m.put("pairwise_f1", pairwiseF1);
        m.put("bcubed_precision", bcubedPrecision);
        m.put("bcubed_recall", bcubedRecall);
        m.put("bcubed_f1", bcubedF1);
        m.put("nmi", nmi);
        m.put("clusters", clusters);
        m.put("identities", identities);
        m.put("items", items);
        return m;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "pairwise P/R/F1 %.4f/%.4f/%.4f, BCubed P/R/F1 %.4f/%.4f/%.4f,"
                        + " NMI %.4f, %d clusters for %d identities (%d items)", pairwisePrecision, pairwiseRecall,
                pairwiseF1, bcubedPrecision, bcubedRecall, bcubedF1, nmi, clusters, identities, items);
    }
}
