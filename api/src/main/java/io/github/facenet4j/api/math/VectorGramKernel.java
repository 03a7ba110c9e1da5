package io.github.facenet4j.api.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * 8 × 32 tile kernel on the JDK vector API (two 512-bit vectors per row, 16 accumulators
 * in registers). Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector};
 * measured about 14× faster than the scalar kernel on AVX-512 (docs/BENCHMARKS.md).
 */
final class VectorGramKernel implements GramKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    private static final int HALF = 16;

    @Override
    public void tile(float[][] a, float[] aNorms, int i0, float[] bt, float[] bNorms, int bStride, int j0,
                     int dimension, float[] out, int outRow0, int outStride) {
        float[] a0 = a[i0];
        float[] a1 = a[i0 + 1];
        float[] a2 = a[i0 + 2];
        float[] a3 = a[i0 + 3];
        float[] a4 = a[i0 + 4];
        float[] a5 = a[i0 + 5];
        float[] a6 = a[i0 + 6];
        float[] a7 = a[i0 + 7];
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero, c50 = zero, c51 = zero, c60 = zero, c61 = zero, c70 = zero, c71 = zero;
        for (int k = 0, base = j0; k < dimension; k++, base += bStride) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bt, base);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bt, base + HALF);
            FloatVector x = FloatVector.broadcast(SPECIES, a0[k]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a1[k]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a2[k]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a3[k]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a4[k]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a5[k]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a6[k]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a7[k]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        // out = max(0, (‖a‖² + ‖b‖²) − 2·dot); adding the norms first keeps (i, j) bit-identical
        // to (j, i). Epilogue written out in full: passing vectors to a helper method would box them
        // (C2 does not always inline it) and allocate ~400 MB per 1800² product.
        FloatVector n0 = FloatVector.fromArray(SPECIES, bNorms, j0);
        FloatVector n1 = FloatVector.fromArray(SPECIES, bNorms, j0 + HALF);
        int o = outRow0 * outStride + j0;
        n0.add(aNorms[i0]).sub(c00.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0]).sub(c01.mul(2f)).max(0f).intoArray(out, o + HALF);
        o += outStride;
        n0.add(aNorms[i0 + 1]).sub(c10.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0 + 1]).sub(c11.mul(2f)).max(0f).intoArray(out, o + HALF);
        o += outStride;
        n0.add(aNorms[i0 + 2]).sub(c20.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0 + 2]).sub(c21.mul(2f)).max(0f).intoArray(out, o + HALF);
        o += outStride;
        n0.add(aNorms[i0 + 3]).sub(c30.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0 + 3]).sub(c31.mul(2f)).max(0f).intoArray(out, o + HALF);
        o += outStride;
        n0.add(aNorms[i0 + 4]).sub(c40.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0 + 4]).sub(c41.mul(2f)).max(0f).intoArray(out, o + HALF);
        o += outStride;
        n0.add(aNorms[i0 + 5]).sub(c50.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0 + 5]).sub(c51.mul(2f)).max(0f).intoArray(out, o + HALF);
        o += outStride;
        n0.add(aNorms[i0 + 6]).sub(c60.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0 + 6]).sub(c61.mul(2f)).max(0f).intoArray(out, o + HALF);
        o += outStride;
        n0.add(aNorms[i0 + 7]).sub(c70.mul(2f)).max(0f).intoArray(out, o);
        n1.add(aNorms[i0 + 7]).sub(c71.mul(2f)).max(0f).intoArray(out, o + HALF);
    }
}
