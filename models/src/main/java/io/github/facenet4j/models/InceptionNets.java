package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The FaceNet paper's Inception models (Schroff et al. 2015, Table 2 and §3.3): NN2 at
 * 224×224, NN3 (the same network at 160×160), NN4 (at 96×96), and the "mini" NNS1
 * (165×165) and "tiny" NNS2 (140×140).
 *
 * <p>NN2 is Table 2 row by row: conv1 7×7/2 64, max pool + LRN, inception (2) (1×1 64 then
 * 3×3 192), LRN + max pool, inception 3a–3c, 4a–4e, 5a, 5b with the table's tower widths
 * and pool kinds (max or L2 pooling, 3×3; a pool projection where the table has one), average
 * pool, fully connected 128, L2 normalisation. 3c and 4e halve the size: their 3×3 and 5×5
 * towers have stride 2 and their pool passes through unprojected, as in GoogLeNet. Every
 * convolution pads 'same' and is followed by a ReLU.
 *
 * <p>The paper gives NNS1 and NNS2 only as totals (26 M parameters / 220 M FLOPS and 4.3 M /
 * 20 M). Here they are NN2 without blocks 4b–4d (as OpenFace's nn4.small2, a public
 * small FaceNet, leaves them out) and with every width scaled, ½ for NNS1 and ⅙ for NNS2:
 * the widths are chosen to come near the paper's multiply-adds, the figure that decides
 * their use on a phone. Their parameter counts then fall far short of the paper's, whose
 * parameter-to-FLOPS ratios (0.12 and 0.2 against NN2's 0.005) imply large fully connected
 * layers the paper does not describe (see {@link #paper()}).
 */
public final class InceptionNets implements PaperArchitecture {

    /** Pooling of a tower. */
    enum Pool { MAX, L2 }

    /**
     * An inception block: widths of its towers (0 for none) and its pooling; stride 2 halves
     * the size, with the pool passed through unprojected.
     */
    record Block(String name, int oneByOne, int reduce3, int conv3, int reduce5, int conv5, Pool pool, int proj,
            int stride) {
    }

    /** Table 2's blocks, in order. */
    static final List<Block> NN2_BLOCKS = List.of(
            new Block("3a", 64, 96, 128, 16, 32, Pool.MAX, 32, 1),
            new Block("3b", 64, 96, 128, 32, 64, Pool.L2, 64, 1),
            new Block("3c", 0, 128, 256, 32, 64, Pool.MAX, 0, 2),
            new Block("4a", 256, 96, 192, 32, 64, Pool.L2, 128, 1),
            new Block("4b", 224, 112, 224, 32, 64, Pool.L2, 128, 1),
            new Block("4c", 192, 128, 256, 32, 64, Pool.L2, 128, 1),
            new Block("4d", 160, 144, 288, 32, 64, Pool.L2, 128, 1),
            new Block("4e", 0, 160, 256, 64, 128, Pool.MAX, 0, 2),
            new Block("5a", 384, 192, 384, 48, 128, Pool.L2, 128, 1),
            new Block("5b", 384, 192, 384, 48, 128, Pool.MAX, 128, 1));

    /** OpenFace's nn4.small2 leaves out these blocks; so do NNS1 and NNS2 here. */
    private static final Set<String> SMALL2_OMITS = Set.of("4b", "4c", "4d");

    public static final InceptionNets NN2 = new InceptionNets("nn2", 224, 1, Set.of(),
            new PaperFigures(7_500_000L, 1_600_000_000L, "Table 2 row for row (each row's count within 1% of the "
                    + "table's); the parameters include 0.01 M biases."));
    public static final InceptionNets NN3 = new InceptionNets("nn3", 160, 1, Set.of(),
            new PaperFigures(null, null, "NN2 at 160×160 (§5.1): the same parameters, multiply-adds (160/224)² of "
                    + "NN2's; the paper gives no totals for it."));
    public static final InceptionNets NN4 = new InceptionNets("nn4", 96, 1, Set.of(),
            new PaperFigures(null, 285_000_000L, "NN2 at 96×96: 'same' padding keeps (96/224)² of NN2's 1.6 B, "
                    + "3% over the paper's 285 M, which must crop somewhere it does not say."));
    public static final InceptionNets NNS1 = new InceptionNets("nns1", 165, 0.5, SMALL2_OMITS,
            new PaperFigures(26_000_000L, 220_000_000L, "Paper gives totals only: NN2 at half width without 4b-4d "
                    + "(as OpenFace's nn4.small2) is 11% under its FLOPS; its 26 M parameters imply large layers "
                    + "the paper does not describe."));
    public static final InceptionNets NNS2 = new InceptionNets("nns2", 140, 1 / 6.0, SMALL2_OMITS,
            new PaperFigures(4_300_000L, 20_000_000L, "Paper gives totals only: NN2 at a sixth of the width without "
                    + "4b-4d is 4% over its FLOPS; its 4.3 M parameters imply large layers the paper does not "
                    + "describe."));

    /** All five, in the paper's order. */
    public static final List<InceptionNets> ALL = List.of(NN2, NN3, NN4, NNS1, NNS2);

    static final String OUTPUT = "embedding";

    private final String name;
    private final int side;
    private final double width;
    private final PaperFigures paper;
    private final Set<String> skipped;

    private InceptionNets(String name, int side, double width, Set<String> skipped, PaperFigures paper) {
        this.name = name;
        this.side = side;
        this.width = width;
        this.skipped = Set.copyOf(skipped);
        this.paper = paper;
    }

    @Override public String name() { return name; }

    @Override
    public String description() {
        return "FaceNet " + name.toUpperCase(java.util.Locale.ROOT) + " (Table 2 Inception"
                + (width == 1 ? "" : String.format(java.util.Locale.ROOT, ", widths ×%.3g", width))
                + (skipped.isEmpty() ? "" : ", without " + String.join(", ", new java.util.TreeSet<>(skipped))) + ") at "
                + side + "×" + side;
    }

    @Override public TensorShape defaultInput() { return new TensorShape(3, side, side); }
    @Override public int defaultDimension() { return 128; }
    @Override public PaperFigures paper() { return paper; }

    @Override
    public Graph initialise(TensorShape input, int dimension, long seed) {
        return structure(input, dimension).initialise(OUTPUT, seed);
    }

    @Override
    public List<BlockRow> rows() {
        return structure(defaultInput(), defaultDimension()).rows();
    }

    private int w(int channels) {
        return scaled(channels, width);
    }

    private static int scaled(int channels, double width) {
        return channels == 0 ? 0 : Math.max(1, (int) Math.round(channels * width));
    }

    NetworkBuilder structure(TensorShape input, int dimension) {
        if (dimension < 1) {
            throw new ConfigurationException(name + ": embedding dimension must be ≥ 1, got " + dimension);
        }
        NetworkBuilder b = new NetworkBuilder(input);
        String x = b.row(BlockRow.Spec.plain("conv1 (7×7×" + input.channels() + ", 2)", 1))
                .convRelu("conv1", "input", w(64), 7, 2);
        b.row(BlockRow.Spec.plain("max pool + norm (m 3×3, 2)", 0)).maxPool("pool1", x, 3, 2);
        x = b.lrn("norm1", "pool1");
        b.row(new BlockRow.Spec("inception (2)", 2, "", "" + w(64), "" + w(192), "", "", ""))
                .convRelu("conv2a", x, w(64), 1, 1);
        x = b.convRelu("conv2", "conv2a/relu", w(192), 3, 1);
        b.row(BlockRow.Spec.plain("norm + max pool (m 3×3, 2)", 0)).lrn("norm2", x);
        x = b.maxPool("pool2", "norm2", 3, 2);
        for (Block block : NN2_BLOCKS) {
            if (!skipped.contains(block.name())) {
                x = inception(b, block, x, width);
            }
        }
        x = b.row(BlockRow.Spec.plain("avg pool", 0)).add(new Node.GlobalAvgPool("avgpool", x));
        x = b.row(BlockRow.Spec.plain("fully conn", 1)).dense("fc", x, dimension);
        b.row(BlockRow.Spec.plain("L2 normalization", 0)).add(new Node.L2Normalize(OUTPUT, x, 1e-12f));
        return b;
    }

    /**
     * One inception block as a concat of its towers, every width scaled by {@code width};
     * returns the concat's name.
     */
    static String inception(NetworkBuilder b, Block block, String x, double width) {
        java.util.function.IntUnaryOperator w = c -> scaled(c, width);
        int s = block.stride();
        int reduce5 = w.applyAsInt(block.reduce5());
        int conv5 = w.applyAsInt(block.conv5());
        String pool = (block.pool() == Pool.MAX ? "m" : "L2") + " 3×3" + (s == 1 ? "" : ", " + s);
        b.row(new BlockRow.Spec("inception (" + block.name() + ")", 2, cell(w.applyAsInt(block.oneByOne()), s),
                cell(w.applyAsInt(block.reduce3()), 1), cell(w.applyAsInt(block.conv3()), s), cell(reduce5, 1), cell(conv5, s),
                pool + (block.proj() == 0 ? "" : ", " + w.applyAsInt(block.proj()) + "p")));
        String p = block.name() + "/";
        List<String> towers = new ArrayList<>();
        if (block.oneByOne() > 0) {
            towers.add(b.convRelu(p + "1x1", x, w.applyAsInt(block.oneByOne()), 1, 1));
        }
        String reduce = b.convRelu(p + "3x3_reduce", x, w.applyAsInt(block.reduce3()), 1, 1);
        towers.add(b.convRelu(p + "3x3", reduce, w.applyAsInt(block.conv3()), 3, s));
        if (conv5 > 0) {
            String reduce55 = b.convRelu(p + "5x5_reduce", x, reduce5, 1, 1);
            towers.add(b.convRelu(p + "5x5", reduce55, conv5, 5, s));
        }
        String pooled = block.pool() == Pool.MAX ? b.maxPool(p + "pool", x, 3, s) : b.l2Pool(p + "pool", x, 3, s);
        towers.add(block.proj() == 0 ? pooled : b.convRelu(p + "pool_proj", pooled, w.applyAsInt(block.proj()), 1, 1));
        return b.add(new Node.Concat(block.name(), towers));
    }

    private static String cell(int channels, int stride) {
        return channels == 0 ? "" : channels + (stride == 1 ? "" : ",2");
    }
}
