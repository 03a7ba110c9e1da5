package io.github.facenet4j.training.internal;

import io.github.facenet4j.api.EmbeddingBatch;
import io.github.facenet4j.api.Loss;
import io.github.facenet4j.api.LossResult;
import io.github.facenet4j.api.Plugin;
import io.github.facenet4j.api.Triplets;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The FaceNet triplet loss (Schroff et al. 2015, §3.1, eq. 2):
 * L = Σ [ ‖f(a) − f(p)‖² − ‖f(a) − f(n)‖² + α ]₊ over the given triplets, reduced as
 * configured, with its analytic gradient. For an active triplet (positive hinge) the
 * gradients of the summand are
 * <pre>
 *   ∂/∂f(a) = 2 (f(n) − f(p)),   ∂/∂f(p) = 2 (f(p) − f(a)),   ∂/∂f(n) = 2 (f(a) − f(n)),
 * </pre>
 * and zero for inactive ones (at the kink, hinge = 0 exactly, the triplet counts as inactive).
 * Distances and the value are accumulated in double.
 */
@Component(service = Loss.class, configurationPid = "facenet.loss." + TripletLoss.NAME,
        property = Plugin.NAME_PROPERTY + "=" + TripletLoss.NAME)
public final class TripletLoss implements Loss {

    public static final String NAME = "triplet";

    private final TripletLossConfig config;

    public TripletLoss(TripletLossConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** DS activation and the plain runtime: typed config from properties. */
    @Activate
    public TripletLoss(Map<String, Object> properties) {
        this(TripletLossConfig.from(properties));
    }

    @Override
    public String name() {
        return NAME;
    }

    public TripletLossConfig config() {
        return config;
    }

    @Override
    public LossResult compute(EmbeddingBatch batch, Triplets triplets) {
        triplets.requireValidFor(batch);
        float[][] e = batch.embeddings();
        int n = batch.size();
        int d = batch.dimension();
        double margin = config.margin();
        int count = triplets.size();
        int[] anchors = triplets.anchors();
        int[] positives = triplets.positives();
        int[] negatives = triplets.negatives();

        double[] hinges = new double[count];
        double sum = 0;
        long active = 0;
        for (int t = 0; t < count; t++) {
            float[] a = e[anchors[t]];
            float[] p = e[positives[t]];
            float[] q = e[negatives[t]];
            double hinge = margin;
            for (int k = 0; k < d; k++) {
                double ap = (double) a[k] - p[k];
                double aq = (double) a[k] - q[k];
                hinge += ap * ap - aq * aq;
            }
            if (hinge > 0) {
                hinges[t] = hinge;
                sum += hinge;
                active++;
            }
        }

        double scale = switch (config.reduction()) {
            case SUM -> 1.0;
            case MEAN_ALL -> count == 0 ? 0.0 : 1.0 / count;
            case MEAN_ACTIVE -> active == 0 ? 0.0 : 1.0 / active;
        };
        double[][] gradient = new double[n][d];
        double twice = 2.0 * scale;
        for (int t = 0; t < count; t++) {
            if (hinges[t] <= 0) {
                continue;
            }
            float[] a = e[anchors[t]];
            float[] p = e[positives[t]];
            float[] q = e[negatives[t]];
            double[] ga = gradient[anchors[t]];
            double[] gp = gradient[positives[t]];
            double[] gq = gradient[negatives[t]];
            for (int k = 0; k < d; k++) {
                ga[k] += twice * ((double) q[k] - p[k]);
                gp[k] += twice * ((double) p[k] - a[k]);
                gq[k] += twice * ((double) a[k] - q[k]);
            }
        }
        return new LossResult(sum * scale, toFloat(gradient), active, count);
    }

    private static float[][] toFloat(double[][] values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            double[] row = values[i];
            float[] copy = new float[row.length];
            for (int k = 0; k < row.length; k++) {
                copy[k] = (float) row[k];
            }
            out[i] = copy;
        }
        return out;
    }
}
