/**
 * The facenet4j service API: the plugin interfaces every runtime wires by name and the
 * immutable values they exchange.
 *
 * <p>The data flow follows FaceNet (Schroff, Kalenichenko, Philbin, CVPR 2015): an
 * {@link io.github.facenet4j.api.Embedder} maps a face to an L2-normalised point
 * f(x) on the unit hypersphere (§3.1); a {@link io.github.facenet4j.api.TripletMiner}
 * chooses triplets online inside a mini-batch (§3.2); a {@link io.github.facenet4j.api.Loss}
 * turns embeddings and triplets into a value and its gradient dL/dE (§3.1, eq. 2);
 * a {@link io.github.facenet4j.api.TrainableEmbedder} back-propagates that gradient; an
 * {@link io.github.facenet4j.api.Evaluator} reports VAL/FAR and related figures (§4).
 *
 * <p>This package depends on nothing but the JDK.
 */
package io.github.facenet4j.api;
