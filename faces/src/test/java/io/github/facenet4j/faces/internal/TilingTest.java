package io.github.facenet4j.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.facenet4j.api.RandomCases;
import io.github.facenet4j.faces.MultiScaleConfig;
import io.github.facenet4j.faces.internal.Tiling.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tile layouts worked by hand from the rule in {@link Tiling}, and its promises on random sizes. */
class TilingTest {

    private static final MultiScaleConfig DEFAULTS = MultiScaleConfig.defaults();

    @Test
    void aSmallImageIsSearchedWhole() {
        // smallest face max(200 / 16, 20) = 20; the whole image reaches 0.1 · 200 = 20: one tile a side
        assertThat(Tiling.tiles(200, 150, DEFAULTS)).isEmpty();
    }

    @Test
    void messi5GetsTwoTilesAcross() {
        // smallest max(548 / 16, 20) = 34.25; ⌈54.8 / 34.25⌉ = 2 across; step 274, side
        // ⌈274 + max(68.5, 54.8)⌉ = 343; across: ⌈(548 − 343) / 274⌉ + 1 = 2 tiles at 0 and 205;
        // down: 342 ≤ 343, one.
        assertThat(Tiling.tiles(548, 342, DEFAULTS))
                .containsExactly(new Tile(0, 0, 343, 342), new Tile(205, 0, 343, 342));
    }

    @Test
    void aSamplePhotoGetsTwoByTwo() {
        // smallest 1920 / 16 = 120; ⌈192 / 120⌉ = 2; step 960, side 960 + 240; across 0, 720;
        // down ⌈80 / 960⌉ + 1 = 2: 0, 80
        assertThat(Tiling.tiles(1920, 1280, DEFAULTS)).containsExactly(new Tile(0, 0, 1200, 1200),
                new Tile(720, 0, 1200, 1200), new Tile(0, 80, 1200, 1200), new Tile(720, 80, 1200, 1200));
    }

    @Test
    void theTileCountIsCapped() {
        // ⌈0.3 / 0.03⌉ = 10 wanted, 3 allowed: step 333.3, side ⌈333.3 + 300⌉ = 634;
        // ⌈366 / 333.3⌉ + 1 = 3 a side, at 0, 183 and 366
        MultiScaleConfig reachesLittle = new MultiScaleConfig(0.3, 0.03, 1, 3, 0.4);
        assertThat(Tiling.tiles(1000, 1000, reachesLittle)).hasSize(9).contains(new Tile(183, 366, 634, 634));
        assertThat(Tiling.tiles(1000, 1000, new MultiScaleConfig(0.3, 0.03, 1, 1, 0.4))).isEmpty();
        // a tile as large as the image (0.8 · 1000 overlap) is no tile
        assertThat(Tiling.tiles(1000, 1000, new MultiScaleConfig(0.8, 0.03, 1, 3, 0.4))).isEmpty();
    }

    @Test
    void tilesLieInsideCoverTheImageAndNeighboursOverlapByWhatTheWholeImageReaches() {
        RandomCases.check(200, random -> {
            int width = random.nextInt(1, 3000);
            int height = random.nextInt(1, 3000);
            MultiScaleConfig config = new MultiScaleConfig(random.nextDouble(0.02, 0.5), random.nextDouble(0.01, 0.5),
                    random.nextDouble(1, 100), random.nextInt(1, 4), 0.4);
            List<Tile> tiles = Tiling.tiles(width, height, config);
            for (Tile t : tiles) {
                assertThat(t.x()).isBetween(0, width - t.width());
                assertThat(t.y()).isBetween(0, height - t.height());
            }
            if (!tiles.isEmpty()) {
                int reach = (int) (config.reach() * Math.max(width, height));
                checkAxis(tiles.stream().map(t -> new int[] {t.x(), t.width()}).toList(), width, reach);
                checkAxis(tiles.stream().map(t -> new int[] {t.y(), t.height()}).toList(), height, reach);
            }
        });
    }

    /** Starts and lengths along one axis: from 0 to the end, each neighbour overlapping by ≥ reach. */
    private static void checkAxis(List<int[]> spans, int length, int reach) {
        List<int[]> distinct = new ArrayList<>(new TreeMap<>(spans.stream()
                .collect(Collectors.toMap(s -> s[0], s -> s, (a, b) -> a))).values());
        assertThat(distinct.get(0)[0]).isZero();
        int[] last = distinct.get(distinct.size() - 1);
        assertThat(last[0] + last[1]).isEqualTo(length);
        for (int i = 1; i < distinct.size(); i++) {
            int[] before = distinct.get(i - 1);
            assertThat(before[0] + before[1] - distinct.get(i)[0]).isGreaterThanOrEqualTo(reach);
        }
    }
}
