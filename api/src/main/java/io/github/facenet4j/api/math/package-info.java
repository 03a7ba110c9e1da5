/**
 * Small numeric kernels on {@code float[]} shared by miners, losses and evaluators:
 * pairwise squared L2 distances (the quantity FaceNet thresholds, §4) and vector helpers.
 */
package io.github.facenet4j.api.math;
