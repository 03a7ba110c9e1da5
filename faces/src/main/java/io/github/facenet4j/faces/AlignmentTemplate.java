package io.github.facenet4j.faces;

import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.models.ModelCard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Where a model wants a face's landmarks in its square input crop: the crop's side, and for
 * some of the 68 landmarks ({@link Landmarks}) a target position in chip coordinates, which
 * run from 0 to {@code size} across the crop as in dlib's {@code get_face_chip_details}. A
 * model card names its template by {@link #name()}.
 *
 * @param name      what a model card calls it, for example {@value #DLIB_68_NAME}
 * @param size      side of the crop in pixels
 * @param padding   border around the mean face, as a fraction of its width (dlib's padding)
 * @param landmarks which landmarks (0…67) are matched, in the order of {@code points}
 * @param points    their target positions in chip coordinates
 */
public record AlignmentTemplate(String name, int size, double padding, List<Integer> landmarks, List<Point> points) {

    /** Name of the dlib template with padding 0.25. */
    public static final String DLIB_68_NAME = "dlib-68-padding-0.25";

    /**
     * dlib's mean face shape, landmarks 17…67 in a unit square, from
     * {@code dlib/image_transforms/interpolation.h}, {@code get_face_chip_details} (dlib 19.x,
     * Boost Software License): x then y per landmark.
     */
    private static final double[] MEAN_FACE_X = {
        0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
        0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
        0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
        0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
        0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
        0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
        0.553364, 0.490127, 0.42689};
    private static final double[] MEAN_FACE_Y = {
        0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
        0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326,
        0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
        0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099,
        0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
        0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
        0.784792, 0.824182, 0.831803, 0.824182};

    /**
     * The crop dlib's face recognition ResNet was trained on: {@code get_face_chip_details(det,
     * 150, 0.25)} (dlib's {@code dnn_face_recognition_ex.cpp}).
     */
    public static final AlignmentTemplate DLIB_68_PADDING_025 = dlib68(150, 0.25);

    public AlignmentTemplate {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("An alignment template needs a name, got '" + name + "'");
        }
        if (size < 2) {
            throw new ConfigurationException("Alignment template '" + name + "' needs a size ≥ 2, got " + size);
        }
        if (!(padding >= 0) || !Double.isFinite(padding)) {
            throw new ConfigurationException("Alignment template '" + name + "' needs a padding ≥ 0, got " + padding);
        }
        landmarks = List.copyOf(landmarks);
        points = List.copyOf(points);
        if (landmarks.size() != points.size() || landmarks.size() < 2) {
            throw new ConfigurationException("Alignment template '" + name + "' needs as many points as landmarks, "
                    + "at least 2; got " + points.size() + " points for " + landmarks.size() + " landmarks");
        }
        if (new HashSet<>(landmarks).size() != landmarks.size()
                || landmarks.stream().anyMatch(i -> i < 0 || i >= Landmarks.COUNT)) {
            throw new ConfigurationException("Alignment template '" + name + "' needs distinct landmarks 0…67, got "
                    + landmarks);
        }
    }

    /**
     * dlib's 68-point alignment ({@code get_face_chip_details} for a 68-part detection): the
     * mean face shape at (padding + m) / (1 + 2·padding) · size for landmarks 27…54 and 60…64
     * (dlib leaves out the eyebrows, the jaw and the lower lip).
     */
    public static AlignmentTemplate dlib68(int size, double padding) {
        List<Integer> landmarks = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        for (int i = 17; i < Landmarks.COUNT; i++) {
            if (i <= 26 || (55 <= i && i <= 59) || i >= 65) {
                continue;
            }
            landmarks.add(i);
            points.add(new Point((padding + MEAN_FACE_X[i - 17]) / (2 * padding + 1) * size,
                    (padding + MEAN_FACE_Y[i - 17]) / (2 * padding + 1) * size));
        }
        String name = "dlib-68-padding-" + BigDecimal.valueOf(padding).stripTrailingZeros().toPlainString();
        return new AlignmentTemplate(name, size, padding, landmarks, points);
    }

    /**
     * The template a model card asks for: {@code "dlib-68"} with the card's padding at the
     * card's input size gives {@link #dlib68}.
     *
     * @throws ConfigurationException for a card whose input is not square, that wants no
     *                                alignment ({@code "none"}), or names an unknown template
     */
    public static AlignmentTemplate forCard(ModelCard card) {
        String template = card.alignment().template();
        if (!template.equals("dlib-68")) {
            throw new ConfigurationException("Model '" + card.id() + "' asks for alignment template '" + template
                    + "'; known: dlib-68");
        }
        if (card.input().width() != card.input().height()) {
            throw new ConfigurationException("Model '" + card.id() + "' takes " + card.input().width() + "×"
                    + card.input().height() + " input; face alignment makes square crops");
        }
        return dlib68(card.input().width(), card.alignment().padding());
    }

    /** The target position (chip coordinates) of the mean of the given landmarks, all of which must be in the template. */
    public Point target(int... landmarkIndices) {
        if (landmarkIndices.length == 0) {
            throw new ConfigurationException("Name at least one landmark to place on template '" + name + "'");
        }
        List<Point> chosen = new ArrayList<>();
        for (int i : landmarkIndices) {
            int at = landmarks.indexOf(i);
            if (at < 0) {
                throw new ConfigurationException("Alignment template '" + name + "' has no target for landmark " + i);
            }
            chosen.add(points.get(at));
        }
        return Point.mean(chosen);
    }
}
