package io.github.facenet4j.faces.internal;

import io.github.facenet4j.faces.MultiScaleConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@link io.github.facenet4j.faces.MultiScaleDetector} runs its detector besides the
 * whole image. With L the image's longer side and m = max(smallestShare·L, smallestPixels)
 * the smallest face looked for, the whole image reaches faces of reach·L; when that is more
 * than m, n = ⌈reach·L / m⌉ tiles (at most maxTiles) go along the longer side. Tiles are
 * squares of side t = L / n + max(L / (4n), reach·L): an even split plus an overlap that holds
 * whole every face the whole image finds (reach·L), so a face cut by one tile is found whole
 * in its neighbour or in the whole image. Along each axis they are spread evenly from edge to
 * edge, steps at most L / n apart.
 */
public final class Tiling {

    /** A tile: its top-left pixel and size, inside the image. */
    public record Tile(int x, int y, int width, int height) {
    }

    private Tiling() {
    }

    /** The tiles of a width × height image; empty when the whole image reaches far enough. */
    public static List<Tile> tiles(int width, int height, MultiScaleConfig config) {
        int longer = Math.max(width, height);
        double smallest = Math.max(config.smallestShare() * longer, config.smallestPixels());
        int n = Math.min(config.maxTiles(), (int) Math.ceil(config.reach() * longer / smallest));
        if (n < 2) {
            return List.of();
        }
        double step = (double) longer / n;
        int side = (int) Math.ceil(step + Math.max(step / 4, config.reach() * longer));
        if (side >= longer) {
            return List.of();
        }
        List<Tile> tiles = new ArrayList<>();
        for (int y : starts(height, side, step)) {
            for (int x : starts(width, side, step)) {
                tiles.add(new Tile(x, y, Math.min(side, width), Math.min(side, height)));
            }
        }
        return List.copyOf(tiles);
    }

    /** Evenly spread starts of tiles of {@code side} covering [0, length), at most {@code step} apart. */
    static int[] starts(int length, int side, double step) {
        if (length <= side) {
            return new int[] {0};
        }
        int count = (int) Math.ceil((length - side) / step) + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = (int) Math.round((double) i * (length - side) / (count - 1));
        }
        return starts;
    }
}
