package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;

/**
 * {@code small-inception}: an Inception-style embedder for 28×28 grey images, the
 * counterpart of {@link SmallCnn} built from the FaceNet paper's NN2 blocks (Table 2): a
 * stem, two inception blocks (max and L2 pooling towers), a stride-2 reduction block and one
 * more block, then global average pool, dense and L2 normalisation.
 *
 * <pre>
 *   conv 3×3 C→32 → max pool 3×3/2 → LRN                          14×14×32
 *   3a: 1×1 16 | 1×1 24 → 3×3 32 | 1×1 4 → 5×5 8 | max 3×3 → 1×1 8   14×14×64
 *   3b: 1×1 32 | 1×1 32 → 3×3 48 | 1×1 8 → 5×5 16 | L2 3×3 → 1×1 16  14×14×112
 *   3c: 1×1 48 → 3×3/2 64 | 1×1 8 → 5×5/2 16 | max 3×3/2           7×7×192
 *   4a: 1×1 64 | 1×1 48 → 3×3 96 | 1×1 16 → 5×5 32 | L2 3×3 → 1×1 32  7×7×224
 *   global average pool → dense d → L2 normalise
 * </pre>
 */
public final class SmallInception implements Architecture {

    public static final String NAME = "small-inception";
    public static final TensorShape DEFAULT_INPUT = SmallCnn.DEFAULT_INPUT;
    static final String OUTPUT = "embedding";

    private static final InceptionNets.Pool MAX = InceptionNets.Pool.MAX;
    private static final InceptionNets.Pool L2 = InceptionNets.Pool.L2;
    private static final List<InceptionNets.Block> BLOCKS = List.of(
            new InceptionNets.Block("3a", 16, 24, 32, 4, 8, MAX, 8, 1),
            new InceptionNets.Block("3b", 32, 32, 48, 8, 16, L2, 16, 1),
            new InceptionNets.Block("3c", 0, 48, 64, 8, 16, MAX, 0, 2),
            new InceptionNets.Block("4a", 64, 48, 96, 16, 32, L2, 32, 1));

    @Override public String name() { return NAME; }

    @Override
    public String description() {
        return "Inception-style (FaceNet NN2 blocks 3a, 3b, 3c, 4a at small widths) for 28×28 images";
    }

    @Override public TensorShape defaultInput() { return DEFAULT_INPUT; }
    @Override public int defaultDimension() { return SmallCnn.DEFAULT_DIMENSION; }

    @Override
    public Graph initialise(TensorShape input, int dimension, long seed) {
        if (dimension < 1) {
            throw new ConfigurationException(NAME + ": embedding dimension must be ≥ 1, got " + dimension);
        }
        NetworkBuilder b = new NetworkBuilder(input);
        String x = b.convRelu("conv1", "input", 32, 3, 1);
        x = b.lrn("norm1", b.maxPool("pool1", x, 3, 2));
        for (InceptionNets.Block block : BLOCKS) {
            x = InceptionNets.inception(b, block, x, 1);
        }
        x = b.add(new Node.GlobalAvgPool("avgpool", x));
        x = b.dense("fc", x, dimension);
        b.add(new Node.L2Normalize(OUTPUT, x, 1e-12f));
        return b.initialise(OUTPUT, seed);
    }
}
