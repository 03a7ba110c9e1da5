package io.github.facenet4j.api.math;

/**
 * Computes one tile of squared distances from dot products:
 * ‖aᵢ − bⱼ‖² = ‖aᵢ‖² + ‖bⱼ‖² − 2·aᵢ·bⱼ, clamped at 0.
 *
 * <p>A tile is {@link #TILE_ROWS} rows of A (row-major) against {@link #TILE_COLUMNS}
 * columns of Bᵀ (stored dimension-major, {@code bt[k * bStride + j]}), so that the inner
 * loop streams contiguous B values against broadcast A values: the register-blocked
 * outer-product form of matrix multiplication.
 */
interface GramKernel {
    int TILE_ROWS = 8;
    int TILE_COLUMNS = 32;

    /**
     * @param a       rows of A; {@code a[i0 .. i0 + TILE_ROWS)} must exist (pad with zero rows)
     * @param aNorms  ‖aᵢ‖² per row of {@code a}
     * @param bt      Bᵀ, {@code dimension} rows of {@code bStride} values
     * @param bNorms  ‖bⱼ‖² per column, length ≥ bStride
     * @param out     destination; entry (i, j) goes to {@code out[(i - i0 + outRow0) * outStride + j]}
     */
    void tile(float[][] a, float[] aNorms, int i0, float[] bt, float[] bNorms, int bStride, int j0,
              int dimension, float[] out, int outRow0, int outStride);
}
