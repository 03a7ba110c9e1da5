package io.github.facenet4j.models;

import java.util.List;

/**
 * An architecture of the FaceNet paper (Schroff et al. 2015, §3.3 and §5.1): built as the
 * paper describes it, with the paper's own totals to compare against and the reasons the
 * counts here differ.
 */
public interface PaperArchitecture extends Architecture {

    /**
     * The paper's figures for this network.
     *
     * @param parameters   the paper's parameter count, or {@code null} where it gives none
     * @param multiplyAdds the paper's "FLOPS" (multiply-adds per image), or {@code null}
     * @param differences  why this build's counts differ, in one or two sentences
     */
    record PaperFigures(Long parameters, Long multiplyAdds, String differences) {
    }

    /** The paper's figures and how this build differs. */
    PaperFigures paper();

    /** The layer table at the default input and dimension, in the paper's rows (Tables 1 and 2). */
    List<BlockRow> rows();

    /** Parameters at the default input and dimension, counted without allocating the weights. */
    default long parameterCount() {
        return rows().stream().mapToLong(BlockRow::parameters).sum();
    }

    /** Multiply-adds per image at the default input and dimension. */
    default long multiplyAdds() {
        return rows().stream().mapToLong(BlockRow::multiplyAdds).sum();
    }
}
