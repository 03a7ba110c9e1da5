package io.github.facenet4j.training;

import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.training.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test data: identities as clusters in a few "signal" inputs, hidden under larger noise in
 * the remaining "nuisance" inputs. A random linear map mixes the nuisance into the
 * embedding, so nearest neighbours are often wrong; a map that learns to ignore the
 * nuisance inputs puts each identity in its own region, also for identities it never saw.
 */
final class ClusteredData implements Dataset {

    private final float[][] images;
    private final int[] labels;
    private final List<String> names = new ArrayList<>();

    ClusteredData(int identities, int perIdentity, int signal, int nuisance, double noise, long seed) {
        Random random = new Random(seed);
        images = new float[identities * perIdentity][signal + nuisance];
        labels = new int[images.length];
        for (int id = 0; id < identities; id++) {
            names.add("id" + id);
            double[] centre = new double[signal];
            for (int k = 0; k < signal; k++) {
                centre[k] = random.nextGaussian();
            }
            for (int s = 0; s < perIdentity; s++) {
                int row = id * perIdentity + s;
                labels[row] = id;
                for (int k = 0; k < signal; k++) {
                    images[row][k] = (float) (centre[k] + 0.1 * random.nextGaussian());
                }
                for (int k = 0; k < nuisance; k++) {
                    images[row][signal + k] = (float) (noise * random.nextGaussian());
                }
            }
        }
    }

    @Override
    public TensorShape shape() {
        return new TensorShape(1, 1, images[0].length);
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> identityNames() {
        return names;
    }

    @Override
    public void image(int index, float[] target, int offset) {
        System.arraycopy(images[index], 0, target, offset, images[index].length);
    }

    @Override
    public String description() {
        return "clustered test data";
    }
}
