package io.github.facenet4j.api.math;

/**
 * Dot product and squared distance of two equally long float vectors, accumulated in float:
 * the inner loop of nearest-neighbour search and of k-NN graph building, where it runs
 * millions of times per second.
 */
interface FloatKernel {
    float dot(float[] a, float[] b);

    float squaredDistance(float[] a, float[] b);
}
