package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.models.TrainableBackendContract;

/**
 * The training contract on SameDiff (finite-difference gradients, the three update rules, exact
 * resume, a triplet loss that falls, bad input).
 */
class Dl4jTrainableEmbedderTest extends TrainableBackendContract {

    @Override
    protected Backend backend() {
        return TestBackend.BACKEND;
    }
}
