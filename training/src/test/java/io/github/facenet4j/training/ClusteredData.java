package io.github.facenet4j.training;

import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.training.data.LabelledImages;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Test data: identities as clusters in a few "signal" inputs, hidden under larger noise in
 * the remaining "nuisance" inputs. A random linear map mixes the nuisance into the
 * embedding, so nearest neighbours are often wrong; a map that learns to ignore the
 * nuisance inputs puts each identity in its own region, also for identities it never saw.
 * The values are Gaussian, not pixels: tests feed them to the network as they are
 * ({@link TrainerTest#AS_IS}).
 */
final class ClusteredData extends LabelledImages {

    private final float[][] images;

    ClusteredData(int identities, int perIdentity, int signal, int nuisance, double noise, long seed) {
        super(new TensorShape(1, 1, signal + nuisance),
                IntStream.range(0, identities * perIdentity).map(row -> row / perIdentity).toArray(),
                IntStream.range(0, identities).mapToObj(id -> "id" + id).toList(), "clustered test data");
        Random random = new Random(seed);
        images = new float[identities * perIdentity][signal + nuisance];
        for (int id = 0; id < identities; id++) {
            double[] centre = new double[signal];
            for (int k = 0; k < signal; k++) {
                centre[k] = random.nextGaussian();
            }
            for (int s = 0; s < perIdentity; s++) {
                int row = id * perIdentity + s;
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
    public void image(int index, float[] target, int offset) {
        System.arraycopy(images[index], 0, target, offset, images[index].length);
    }
}
