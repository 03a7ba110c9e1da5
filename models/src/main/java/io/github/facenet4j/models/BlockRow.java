package io.github.facenet4j.models;

import io.github.facenet4j.api.nn.TensorShape;
import java.util.Objects;

/**
 * One row of a layer table laid out like the FaceNet paper's Table 2 (Schroff et al. 2015):
 * the block's type, output size, depth and the widths of an inception block's towers, with
 * the parameters and multiply-adds of the nodes that make it.
 *
 * @param spec         what the row is (given by the architecture)
 * @param output       shape of the block's last node
 * @param parameters   weight values of the block's nodes (biases included)
 * @param multiplyAdds multiply-adds per image
 */
public record BlockRow(Spec spec, TensorShape output, long parameters, long multiplyAdds) {

    public BlockRow {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(output, "output");
    }

    /**
     * @param type      as the paper writes it: "conv1 (7×7×3, 2)", "inception (3a)"
     * @param depth     layers of weights on the block's longest path
     * @param oneByOne  the columns #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5 and pool proj
     *                  ("" where the block has no such tower)
     */
    public record Spec(String type, int depth, String oneByOne, String reduce3, String conv3, String reduce5,
            String conv5, String poolProj) {
        public Spec {
            Objects.requireNonNull(type, "type");
        }

        /** A row without towers. */
        static Spec plain(String type, int depth) {
            return new Spec(type, depth, "", "", "", "", "", "");
        }
    }
}
