/**
 * A backend-neutral description of a feed-forward network: a list of named nodes
 * (convolution, dense, activations, pooling, residual add, concat, zero padding, global
 * average pooling, L2 normalisation, per-channel scale) over NCHW float tensors, with the
 * weights they read stored by name. Each backend compiles a {@link
 * io.github.facenet4j.api.nn.Graph} its own way; the graph itself only checks shapes and
 * counts parameters and multiply-adds per layer, as the model tables of the FaceNet paper
 * (Schroff et al. 2015, Tables 1 and 2) do.
 */
package io.github.facenet4j.api.nn;
