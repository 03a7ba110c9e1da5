package io.github.facenet4j.backends.dl4j.internal;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.models.FaceApiNetworksContract;

/**
 * face-api's real networks on SameDiff: against the reference executor and face-api's own
 * descriptors, across batches, runs and threads (the contract).
 */
class Dl4jFaceApiNetworksTest extends FaceApiNetworksContract {

    @Override
    protected Backend backend() {
        return TestBackend.BACKEND;
    }
}
