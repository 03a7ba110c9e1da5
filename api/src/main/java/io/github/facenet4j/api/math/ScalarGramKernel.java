package io.github.facenet4j.api.math;

/** Portable tile kernel in plain Java, used when the JDK's vector module is not present. */
final class ScalarGramKernel implements GramKernel {

    @Override
    public void tile(float[][] a, float[] aNorms, int i0, float[] bt, float[] bNorms, int bStride, int j0,
                     int dimension, float[] out, int outRow0, int outStride) {
        float[] acc = new float[TILE_COLUMNS];
        for (int r = 0; r < TILE_ROWS; r++) {
            float[] row = a[i0 + r];
            java.util.Arrays.fill(acc, 0f);
            for (int k = 0, base = j0; k < dimension; k++, base += bStride) {
                float value = row[k];
                for (int c = 0; c < TILE_COLUMNS; c++) {
                    acc[c] += value * bt[base + c];
                }
            }
            int o = (outRow0 + r) * outStride + j0;
            float rowNorm = aNorms[i0 + r];
            for (int c = 0; c < TILE_COLUMNS; c++) {
                out[o + c] = Math.max(0f, (rowNorm + bNorms[j0 + c]) - 2f * acc[c]);
            }
        }
    }
}
