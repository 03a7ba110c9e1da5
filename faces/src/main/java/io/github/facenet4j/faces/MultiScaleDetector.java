package io.github.facenet4j.faces;

import io.github.facenet4j.faces.internal.NonMaxSuppression;
import io.github.facenet4j.faces.internal.Tiling;
import io.github.facenet4j.faces.internal.Tiling.Tile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Any {@link FaceDetector} on the whole image and, when the image is large for the faces it
 * should find, on overlapping tiles of it ({@link Tiling}), so that faces below the
 * detector's reach on the whole image are found without a larger input size. A box a tile's
 * detector returns against one of the tile's inner edges (where the tile cuts the image) is
 * a cut face and dropped: the overlap or the whole image holds that face entire. The tiles'
 * boxes, in image pixels, are merged by non-maximum suppression (face-api's), and only those
 * that overlap no box of the whole image are added: a face found on the whole image keeps
 * that box, since a tile's box of the same face differs by its scale (on sample1 of the
 * model pack ≈ 10 % smaller, which would change which face is the largest). The tiles run
 * one after another, in a fixed order, so the result is the same in every run.
 */
public final class MultiScaleDetector implements FaceDetector {

    /** How close (pixels) to a tile's inner edge a box counts as cut by it. */
    private static final double EDGE = 1;

    private final FaceDetector detector;
    private final MultiScaleConfig config;

    /**
     * @param detector the detector, run on the image and on tiles of it
     * @param config   its reach and the smallest face looked for
     */
    public MultiScaleDetector(FaceDetector detector, MultiScaleConfig config) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public List<FaceBox> detect(RgbImage image) {
        List<Tile> tiles = Tiling.tiles(image.width(), image.height(), config);
        if (tiles.isEmpty()) {
            return detector.detect(image);
        }
        List<FaceBox> whole = detector.detect(image);
        List<FaceBox> fromTiles = new ArrayList<>();
        for (Tile tile : tiles) {
            for (FaceBox box : detector.detect(image.crop(tile.x(), tile.y(), tile.width(), tile.height()))) {
                if (!cut(box, tile, image)) {
                    fromTiles.add(new FaceBox(box.x() + tile.x(), box.y() + tile.y(), box.width(), box.height(),
                            box.score()));
                }
            }
        }
        List<FaceBox> faces = new ArrayList<>(whole);
        for (FaceBox box : NonMaxSuppression.apply(fromTiles, config.iouThreshold())) {
            if (whole.stream().noneMatch(kept -> kept.iou(box) > config.iouThreshold())) {
                faces.add(box);
            }
        }
        faces.sort(Comparator.comparingDouble(FaceBox::score).reversed());
        return List.copyOf(faces);
    }

    /** Whether a box (in tile pixels) touches an edge of the tile that lies inside the image. */
    static boolean cut(FaceBox box, Tile tile, RgbImage image) {
        return tile.x() > 0 && box.x() <= EDGE
                || tile.y() > 0 && box.y() <= EDGE
                || tile.x() + tile.width() < image.width() && box.x() + box.width() >= tile.width() - EDGE
                || tile.y() + tile.height() < image.height() && box.y() + box.height() >= tile.height() - EDGE;
    }
}
