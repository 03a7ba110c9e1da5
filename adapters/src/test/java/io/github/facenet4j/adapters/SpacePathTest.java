package io.github.facenet4j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.facenet4j.adapters.SpacePath.Route;
import io.github.facenet4j.adapters.SpacePath.Side;
import io.github.facenet4j.adapters.internal.LinearAdapter;
import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.DeclaredSpace;
import io.github.facenet4j.api.EmbeddingSpace;
import io.github.facenet4j.api.SpaceMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path between two spaces: the same one, a declared compatibility either way, an adapter, or a one-line refusal. */
class SpacePathTest {

    static final EmbeddingSpace V1 = new EmbeddingSpace("small-cnn-fm", "1", 4);
    static final EmbeddingSpace V2 = new EmbeddingSpace("small-cnn-fm", "2", 4);
    static final EmbeddingSpace OTHER = new EmbeddingSpace("small-inception", "1", 4);

    static Side side(String where, EmbeddingSpace space, String... compatibleWith) {
        return new Side(where, new DeclaredSpace(space, List.of(compatibleWith)));
    }

    static SpaceMap adapter(EmbeddingSpace source, EmbeddingSpace target) {
        return new LinearAdapter(Map.of()).fit(AdapterDirectoryTest.training(source, target, 30, 7));
    }

    @Test
    void oneSpaceIsThePathItselfAndCarriesTheRowsAsTheyAre() {
        SpacePath path = SpacePath.between(side("A.csv", V1), side("B.csv", V1), Optional.empty(), "");
        assertThat(path.route()).isEqualTo(Route.SAME_SPACE);
        float[][] rows = {{1, 0, 0, 0}};
        assertThat(path.carry(rows)).isSameAs(rows);
        assertThat(path.describe()).isEqualTo("same space");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCompatibilityEitherCardDeclaresIsAPathInBothDirections(boolean declaredByTheFirst) {
        Side v2 = declaredByTheFirst ? side("v2.csv", V2, "small-cnn-fm@1") : side("v2.csv", V2);
        Side v1 = declaredByTheFirst ? side("v1.csv", V1) : side("v1.csv", V1, "small-cnn-fm@2");
        assertThat(SpacePath.between(v2, v1, Optional.empty(), "").route()).isEqualTo(Route.DECLARED_COMPATIBLE);
        assertThat(SpacePath.between(v1, v2, Optional.empty(), "").route()).isEqualTo(Route.DECLARED_COMPATIBLE);
    }

    @Test
    void anAdapterFromTheFirstSpaceIntoTheSecondIsThePathAndMapsTheRows() {
        SpaceMap map = adapter(V2, V1);
        SpacePath path = SpacePath.between(side("v2.csv", V2), side("v1.csv", V1), Optional.of(map), "DIR");
        assertThat(path.route()).isEqualTo(Route.ADAPTER);
        float[] row = {0.5f, 0.5f, 0.5f, 0.5f};
        assertThat(path.carry(new float[][] {row})[0]).containsExactly(map.map(row));
        assertThat(path.describe()).isEqualTo("adapter linear");
    }

    @Test
    void noPathIsOneLineNamingBothSpaces() {
        assertThatThrownBy(() -> SpacePath.between(side("A.csv", V2), side("B.csv", V1), Optional.empty(), ""))
                .isInstanceOf(BadInputException.class)
                .hasMessage("cannot compare A.csv (small-cnn-fm@2, 4-d) with B.csv (small-cnn-fm@1, 4-d): no model card"
                        + " declares the two spaces compatible and no adapter maps one into the other; fit one with"
                        + " 'facenet adapt --from MODEL_DIR --to MODEL_DIR --dataset SPEC --out DIR' and pass --adapter"
                        + " DIR");
        // a compatibility with a third space is no path between these two
        assertThatThrownBy(() -> SpacePath.between(side("A.csv", V2, "small-inception@1"), side("B.csv", V1),
                Optional.empty(), "")).hasMessageStartingWith("cannot compare A.csv (small-cnn-fm@2, 4-d) with B.csv");
        // nor is one declared between spaces of two dimensions
        EmbeddingSpace wide = new EmbeddingSpace("small-cnn-fm", "3", 8);
        assertThatThrownBy(() -> SpacePath.between(side("A.csv", wide, "small-cnn-fm@1"), side("B.csv", V1),
                Optional.empty(), "")).hasMessageStartingWith("cannot compare A.csv (small-cnn-fm@3, 8-d)");
    }

    @Test
    void anAdapterFromAnotherSpaceOrIntoAnotherIsOneLine() {
        assertThatThrownBy(() -> SpacePath.between(side("A.csv", OTHER), side("B.csv", V1),
                Optional.of(adapter(V2, V1)), "DIR")).isInstanceOf(BadInputException.class)
                .hasMessage("the adapter DIR maps small-cnn-fm@2 (4-d) into small-cnn-fm@1, but A.csv"
                        + " (small-inception@1, 4-d) is in another space; fit an adapter from it with 'facenet adapt"
                        + " --from MODEL_DIR'");
        assertThatThrownBy(() -> SpacePath.between(side("A.csv", V2), side("B.csv", OTHER),
                Optional.of(adapter(V2, V1)), "DIR"))
                .hasMessage("the adapter DIR maps small-cnn-fm@2 into small-cnn-fm@1 (4-d), but B.csv"
                        + " (small-inception@1, 4-d) is in another space; fit an adapter into it with 'facenet adapt"
                        + " --to MODEL_DIR'");
    }
}
