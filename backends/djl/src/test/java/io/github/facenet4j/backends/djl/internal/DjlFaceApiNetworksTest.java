package io.github.facenet4j.backends.djl.internal;

import io.github.facenet4j.api.Backend;
import io.github.facenet4j.models.FaceApiNetworksContract;

/**
 * face-api's real networks on DJL's PyTorch engine: against the reference executor and
 * face-api's own descriptors, across batches, runs and threads (the contract).
 */
class DjlFaceApiNetworksTest extends FaceApiNetworksContract {

    @Override
    protected Backend backend() {
        return TestGraphs.BACKEND;
    }
}
