package io.github.facenet4j.models;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.Graph;
import io.github.facenet4j.api.nn.Node;
import io.github.facenet4j.api.nn.TensorShape;
import java.util.List;

/**
 * {@code nn1}: the FaceNet paper's Zeiler&amp;Fergus-based network (Schroff et al. 2015,
 * Table 1), 220×220 RGB in, 128-d out.
 *
 * <pre>
 *   conv1 7×7/2 64 → max pool 3×3/2 → LRN
 *   conv2a 1×1 64 → conv2 3×3 192 → LRN → max pool 3×3/2
 *   conv3a 1×1 192 → conv3 3×3 384 → max pool 3×3/2
 *   conv4a 1×1 384 → conv4 3×3 256 → conv5a 1×1 256 → conv5 3×3 256 → conv6a 1×1 256 → conv6 3×3 256
 *   max pool 3×3/2 → concat → fc1 dense 8192, maxout p=2 → fc2 dense 8192, maxout p=2 → fc7128 dense 128 → L2
 * </pre>
 *
 * Every convolution is followed by a ReLU and pads 'same' (TensorFlow's rule), which gives
 * the table's sizes 110, 55, 28, 14, 7. A maxout fully connected layer of 4096 outputs is a
 * dense layer of 2 × 4096 followed by the maximum of each pair ({@link Node.Maxout}), as in
 * Goodfellow et al. 2013. The paper's "concat" row joins one tower here: it is an identity.
 */
public final class Nn1 implements PaperArchitecture {

    public static final String NAME = "nn1";
    public static final TensorShape DEFAULT_INPUT = new TensorShape(3, 220, 220);
    public static final int DEFAULT_DIMENSION = 128;
    static final String OUTPUT = "embedding";

    @Override public String name() { return NAME; }

    @Override
    public String description() {
        return "FaceNet NN1 (Table 1): Zeiler&Fergus conv net with 1×1 reductions, LRN, maxout fc layers";
    }

    @Override public TensorShape defaultInput() { return DEFAULT_INPUT; }
    @Override public int defaultDimension() { return DEFAULT_DIMENSION; }

    @Override
    public Graph initialise(TensorShape input, int dimension, long seed) {
        return structure(input, dimension).initialise(OUTPUT, seed);
    }

    @Override
    public PaperFigures paper() {
        return new PaperFigures(140_000_000L, 1_600_000_000L,
                "Table 1 row for row; the parameters include 0.02 M biases, and a maxout layer is counted as its "
                        + "dense layer of 2 × 4096 outputs (one multiply-add per weight), as the table does.");
    }

    @Override
    public List<BlockRow> rows() {
        return structure(DEFAULT_INPUT, DEFAULT_DIMENSION).rows();
    }

    static NetworkBuilder structure(TensorShape input, int dimension) {
        if (dimension < 1) {
            throw new ConfigurationException(NAME + ": embedding dimension must be ≥ 1, got " + dimension);
        }
        NetworkBuilder b = new NetworkBuilder(input);
        String x = b.row(BlockRow.Spec.plain("conv1 (7×7×" + input.channels() + ", 2)", 1))
                .convRelu("conv1", "input", 64, 7, 2);
        x = b.row(BlockRow.Spec.plain("pool1 (m 3×3, 2)", 0)).maxPool("pool1", x, 3, 2);
        x = b.row(BlockRow.Spec.plain("rnorm1", 0)).lrn("rnorm1", x);
        x = b.row(BlockRow.Spec.plain("conv2a (1×1, 1)", 1)).convRelu("conv2a", x, 64, 1, 1);
        x = b.row(BlockRow.Spec.plain("conv2 (3×3, 1)", 1)).convRelu("conv2", x, 192, 3, 1);
        x = b.row(BlockRow.Spec.plain("rnorm2", 0)).lrn("rnorm2", x);
        x = b.row(BlockRow.Spec.plain("pool2 (m 3×3, 2)", 0)).maxPool("pool2", x, 3, 2);
        x = b.row(BlockRow.Spec.plain("conv3a (1×1, 1)", 1)).convRelu("conv3a", x, 192, 1, 1);
        x = b.row(BlockRow.Spec.plain("conv3 (3×3, 1)", 1)).convRelu("conv3", x, 384, 3, 1);
        x = b.row(BlockRow.Spec.plain("pool3 (m 3×3, 2)", 0)).maxPool("pool3", x, 3, 2);
        int[][] convs = {{4, 384, 256}, {5, 256, 256}, {6, 256, 256}};
        for (int[] c : convs) {
            x = b.row(BlockRow.Spec.plain("conv" + c[0] + "a (1×1, 1)", 1)).convRelu("conv" + c[0] + "a", x, c[1], 1, 1);
            x = b.row(BlockRow.Spec.plain("conv" + c[0] + " (3×3, 1)", 1)).convRelu("conv" + c[0], x, c[2], 3, 1);
        }
        x = b.row(BlockRow.Spec.plain("pool4 (m 3×3, 2)", 0)).maxPool("pool4", x, 3, 2);
        x = b.row(BlockRow.Spec.plain("concat", 0)).add(new Node.Concat("concat", List.of(x)));
        b.row(BlockRow.Spec.plain("fc1 (maxout p=2)", 1)).dense("fc1", x, 2 * 4096);
        x = b.add(new Node.Maxout("fc1/maxout", "fc1", 2));
        b.row(BlockRow.Spec.plain("fc2 (maxout p=2)", 1)).dense("fc2", x, 2 * 4096);
        x = b.add(new Node.Maxout("fc2/maxout", "fc2", 2));
        x = b.row(BlockRow.Spec.plain("fc7128", 1)).dense("fc7128", x, dimension);
        b.row(BlockRow.Spec.plain("L2", 0)).add(new Node.L2Normalize(OUTPUT, x, 1e-12f));
        return b;
    }
}
