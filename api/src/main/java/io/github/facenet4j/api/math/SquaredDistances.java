package io.github.facenet4j.api.math;

import java.util.stream.IntStream;

/**
 * Pairwise squared L2 distances ‖aᵢ − bⱼ‖², the quantity FaceNet thresholds and mines on
 * (§3.1, §3.2), from one matrix product: ‖a‖² + ‖b‖² − 2·a·b, clamped at 0.
 *
 * <p>The product runs as 8 × 32 register tiles over Bᵀ, on the JDK vector API when the JVM
 * was started with {@code --add-modules jdk.incubator.vector} (the {@code facenet} launcher
 * does) and in plain Java otherwise; large products use all cores. Float accumulation:
 * entries agree with a double-precision difference-of-vectors sum to about 1e-5 for unit
 * vectors of dimension 128.
 */
public final class SquaredDistances {

    private static final GramKernel DEFAULT_KERNEL = chooseKernel();
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1L << 21;

    private final float[] transposed;
    private final float[] norms;
    private final int columns;
    private final int stride;
    private final int dimension;

    private final GramKernel kernel;

    SquaredDistances(float[][] b, GramKernel kernel) {
        this.kernel = kernel;
        this.columns = b.length;
        this.dimension = b.length == 0 ? 0 : b[0].length;
        this.stride = roundUp(Math.max(columns, 1), GramKernel.TILE_COLUMNS);
        this.transposed = new float[dimension * stride];
        this.norms = new float[stride];
        for (int j = 0; j < columns; j++) {
            float[] row = b[j];
            requireDimension(row, j);
            for (int k = 0; k < dimension; k++) {
                transposed[k * stride + j] = row[k];
            }
            norms[j] = squaredNorm(row);
        }
    }

    /**
     * Prepares {@code columns} (one vector per row) once, to compute distances from many
     * blocks of query rows, e.g. streaming over all pairs of a large set without holding
     * its n × n matrix.
     */
    public static SquaredDistances against(float[][] columns) {
        return new SquaredDistances(columns, DEFAULT_KERNEL);
    }

    /** The symmetric n × n matrix of squared distances among the rows of {@code x}; diagonal 0. */
    public static DistanceMatrix pairwise(float[][] x) {
        return new SquaredDistances(x, DEFAULT_KERNEL).pairwiseOfColumns(x);
    }

    /** Pairwise distances among the prepared columns, given again as rows. */
    DistanceMatrix pairwiseOfColumns(float[][] x) {
        DistanceMatrix matrix = compute(x, 0, x.length, true);
        float[] values = matrix.values();
        for (int i = 0; i < x.length; i++) {
            values[i * matrix.stride() + i] = 0f;
        }
        return matrix;
    }

    /** Distances from rows {@code [from, to)} of {@code queries} to every prepared column. */
    public DistanceMatrix from(float[][] queries, int from, int to) {
        if (from < 0 || to > queries.length || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside 0.." + queries.length);
        }
        return compute(queries, from, to, false);
    }

    /** True when the vector-API kernel is in use. */
    public static boolean vectorised() {
        return DEFAULT_KERNEL instanceof VectorGramKernel;
    }

    private DistanceMatrix compute(float[][] queries, int from, int to, boolean symmetric) {
        int rows = to - from;
        int paddedRows = roundUp(Math.max(rows, 1), GramKernel.TILE_ROWS);
        float[][] a = new float[paddedRows][];
        // A symmetric product's rows are the prepared columns: their norms (zero in the
        // padding) and dimensions were taken by the constructor.
        float[] aNorms = symmetric ? norms : new float[paddedRows];
        float[] zeros = new float[dimension];
        for (int r = 0; r < paddedRows; r++) {
            if (r < rows) {
                a[r] = queries[from + r];
                if (!symmetric) {
                    requireDimension(a[r], from + r);
                    aNorms[r] = squaredNorm(a[r]);
                }
            } else {
                a[r] = zeros;
            }
        }
        // Symmetric products compute only tiles on or above the diagonal (out is padded to
        // whole tiles in both directions so that those tiles never write out of bounds).
        int outRows = symmetric ? Math.max(paddedRows, stride) : paddedRows;
        float[] out = new float[outRows * stride];
        int rowTiles = paddedRows / GramKernel.TILE_ROWS;
        IntStream tiles = IntStream.range(0, rowTiles);
        if ((long) rows * columns * dimension >= PARALLEL_THRESHOLD) {
            tiles = tiles.parallel();
        }
        tiles.forEach(tile -> {
            int i0 = tile * GramKernel.TILE_ROWS;
            int firstColumn = symmetric ? (i0 / GramKernel.TILE_COLUMNS) * GramKernel.TILE_COLUMNS : 0;
            for (int j0 = firstColumn; j0 < stride; j0 += GramKernel.TILE_COLUMNS) {
                kernel.tile(a, aNorms, i0, transposed, norms, stride, j0, dimension, out, i0, stride);
                if (symmetric && j0 > firstColumn) {
                    mirrorTile(out, i0, j0, rows);
                }
            }
        });
        return new DistanceMatrix(out, rows, columns, stride);
    }

    /**
     * Copies the tile just computed at (i0, j0), right of its rows' first tile, into the
     * lower triangle: (i, j) into (j, i) for i, j &lt; n. Row j's first computed column is
     * j rounded down to a multiple of {@link GramKernel#TILE_COLUMNS}, above every i of a
     * later tile, so exactly the entries left of each row's first computed tile are filled,
     * each once; copied while the tile is still in cache, where a pass after the product
     * read the 13 MB matrix of a 1,800 batch back from memory.
     */
    private void mirrorTile(float[] out, int i0, int j0, int n) {
        int rowEnd = Math.min(i0 + GramKernel.TILE_ROWS, n);
        int columnEnd = Math.min(j0 + GramKernel.TILE_COLUMNS, n);
        for (int j = j0; j < columnEnd; j++) {
            int target = j * stride;
            for (int i = i0; i < rowEnd; i++) {
                out[target + i] = out[i * stride + j];
            }
        }
    }

    private void requireDimension(float[] row, int index) {
        if (row.length != dimension) {
            throw new IllegalArgumentException("Vector " + index + " has dimension " + row.length
                    + ", expected " + dimension);
        }
    }

    private static float squaredNorm(float[] v) {
        float sum = 0;
        for (float value : v) {
            sum += value * value;
        }
        return sum;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static GramKernel chooseKernel() {
        return VectorModule.kernel(GramKernel.class, "io.github.facenet4j.api.math.VectorGramKernel",
                ScalarGramKernel::new);
    }
}
