package io.github.facenet4j.faces;

import java.util.Comparator;
import java.util.Objects;

/**
 * Whether an image given as an already aligned crop has its face where the model's
 * {@link AlignmentTemplate} puts it: the detector's largest box in the crop against the box
 * the detector draws around a face aligned on that template ({@link #expectedBox}).
 *
 * <p>The figures below were measured on the 21 faces the pipeline finds in the pack's six
 * sample photos, with the default 150-pixel dlib template: their own aligned crops, and
 * crops of the same faces made misaligned by warping them with a changed transform.
 * <ul>
 * <li>The tiny detector misses faces that fill the whole picture (an aligned crop's face
 *     does): run on the bare crop at input 224 it found no face in 7 of the 21 aligned crops.
 *     The crop is therefore centred on a black square twice its side, which gives the face
 *     the surroundings the detector was trained with.</li>
 * <li>{@value #DETECTOR_INPUT_SIZE} is the detector input for that square (the crop is then
 *     seen at 0.75 of its size, the face at about 118 pixels, three grid cells): it found a
 *     face in all 21 aligned and all 21 half-size crops; 160 missed 4 of the half-size ones,
 *     320 missed 4 aligned ones. It is a fifth of the work of the default 512.</li>
 * <li>On the aligned crops the detector's box is on average 1.59 times as wide and 1.45 times
 *     as high as the template's mean face (the square of landmarks 17…67 that dlib pads
 *     around), its centre 0.066 of that side lower and level with it horizontally
 *     ({@link #BOX_WIDTH}, {@link #BOX_HEIGHT}, {@link #BOX_DROP}, rounded).</li>
 * <li>Intersection over union of the found box with that expected box: aligned crops
 *     0.70…0.95; the face at half size in the centre 0.26…0.45; at half size in the
 *     bottom-right corner 0.23…0.35 (one no face); a 150×150 downscale of a whole photo:
 *     no face in all six. {@link #MIN_IOU} = 0.6 sits between. Milder faults are not
 *     reliably caught: moved right by a quarter of the crop, 0.45…0.80 (3 no face); down by
 *     20 pixels, 0.58…0.83; enlarged 1.5 times, 0.61…0.76 (5 no face).</li>
 * </ul>
 *
 * <p>Thread-safe when the detector is.
 */
public final class AlignedCropCheck {

    /** The detector plugin this check was measured with, whichever detector finds the faces of photos. */
    public static final String DETECTOR = "tiny";

    /** The detector input size this check was measured with; its detector should be built for it. */
    public static final int DETECTOR_INPUT_SIZE = 224;

    /** A found box overlapping the expected one less than this is far from the template. */
    public static final double MIN_IOU = 0.6;

    /** Width of the detector's box around an aligned face, in sides of the template's mean face. */
    static final double BOX_WIDTH = 1.6;
    /** Height of that box, in sides of the mean face. */
    static final double BOX_HEIGHT = 1.45;
    /** How far that box's centre lies below the mean face's centre, in sides of the mean face. */
    static final double BOX_DROP = 0.07;

    /**
     * What the check found.
     *
     * @param found    the largest face the detector found, in crop pixels (it may reach past
     *                 the crop's edges); {@code null} when it found none
     * @param expected where the template puts the face ({@link #expectedBox})
     */
    public record Result(FaceBox found, FaceBox expected) {

        /** Intersection over union of the found and the expected box; 0 when none was found. */
        public double iou() {
            return found == null ? 0 : found.iou(expected);
        }

        /** A face was found and its box overlaps the expected one by at least {@link #MIN_IOU}. */
        public boolean aligned() {
            return iou() >= MIN_IOU;
        }
    }

    private final FaceDetector detector;
    private final AlignmentTemplate template;
    private final FaceBox expected;

    /**
     * @param detector a face detector, best a {@link TinyFaceDetector} at {@link #DETECTOR_INPUT_SIZE}
     * @param template the template the crops should be aligned on
     */
    public AlignedCropCheck(FaceDetector detector, AlignmentTemplate template) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.template = Objects.requireNonNull(template, "template");
        this.expected = expectedBox(template);
    }

    /**
     * The detector's box around a face aligned on {@code template}, in crop pixels: the
     * template's mean face (side {@code size / (1 + 2·padding)}, {@code padding} of it from the
     * top-left, in chip coordinates, which {@link FaceAligner} puts at output pixel
     * {@code p · (size − 1) / size}) widened and lowered as measured above.
     */
    public static FaceBox expectedBox(AlignmentTemplate template) {
        double toPixels = (template.size() - 1.0) / template.size();
        double side = template.size() / (1 + 2 * template.padding()) * toPixels;
        double centre = template.padding() * side + side / 2;
        double width = BOX_WIDTH * side;
        double height = BOX_HEIGHT * side;
        return new FaceBox(centre - width / 2, centre + BOX_DROP * side - height / 2, width, height, 1);
    }

    /** Checks one crop (any size; the template's size is what it was measured for). */
    public Result check(RgbImage crop) {
        Objects.requireNonNull(crop, "crop");
        int side = Math.max(crop.width(), crop.height());
        int left = (2 * side - crop.width()) / 2;
        int top = (2 * side - crop.height()) / 2;
        RgbImage framed = FaceAligner.warp(crop, new SimilarityTransform(1, 0, -left, -top), 2 * side);
        FaceBox largest = detector.detect(framed).stream().max(Comparator.comparingDouble(FaceBox::area)).orElse(null);
        FaceBox found = largest == null ? null
                : new FaceBox(largest.x() - left, largest.y() - top, largest.width(), largest.height(), largest.score());
        return new Result(found, expected);
    }

    /** The template the crops are checked against. */
    public AlignmentTemplate template() {
        return template;
    }
}
