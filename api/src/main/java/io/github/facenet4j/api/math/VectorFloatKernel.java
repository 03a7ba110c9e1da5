package io.github.facenet4j.api.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float kernel on the JDK vector API at the machine's widest vector (16 floats on
 * AVX-512): two accumulators of fused multiply-adds, the remainder in plain Java. Loaded
 * only when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorFloatKernel implements FloatKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    @Override
    public float dot(float[] a, float[] b) {
        int n = a.length;
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = n - 2 * LANES; i <= end; i += 2 * LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, i + LANES)
                    .fma(FloatVector.fromArray(SPECIES, b, i + LANES), acc1);
        }
        for (int end = n - LANES; i <= end; i += LANES) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public float squaredDistance(float[] a, float[] b) {
        int n = a.length;
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (int end = n - 2 * LANES; i <= end; i += 2 * LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
            FloatVector d1 = FloatVector.fromArray(SPECIES, a, i + LANES)
                    .sub(FloatVector.fromArray(SPECIES, b, i + LANES));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
        }
        for (int end = n - LANES; i <= end; i += LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
            acc0 = d0.fma(d0, acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
