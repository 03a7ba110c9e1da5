package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a face out of an image, upright and scaled as a model expects: the similarity
 * transform that best maps the template's points onto the face's landmarks
 * ({@link SimilarityTransform#estimate}, least squares as dlib's {@code find_similarity_transform}),
 * then a warp by inverse mapping with bilinear sampling.
 *
 * <p>The geometry is dlib's {@code extract_image_chip} for the {@code chip_details} that
 * {@code get_face_chip_details} builds: the chip's rectangle is centred on T(size / 2, size / 2)
 * with side size·s, and its first and last pixel columns (rows) fall on its edges, so output
 * pixel (u, v) reads the image at T(u·k, v·k) with k = size / (size − 1). A template point at
 * chip coordinates p thus lands at output pixel p / k. Output pixels that read outside the
 * image are black, as in dlib. dlib also blurs the image down a pyramid first when the face
 * is more than about twice the crop's size; this warp samples the full-size image directly.
 */
public final class FaceAligner {

    private final AlignmentTemplate template;

    public FaceAligner(AlignmentTemplate template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    /** The template faces are aligned to. */
    public AlignmentTemplate template() {
        return template;
    }

    /** Output pixel → image position for a face with these landmarks. */
    public SimilarityTransform cropToImage(Landmarks landmarks) {
        List<Point> targets = new ArrayList<>();
        for (int i : template.landmarks()) {
            targets.add(landmarks.point(i));
        }
        SimilarityTransform chipToImage = SimilarityTransform.estimate(template.points(), targets);
        double k = template.size() / (template.size() - 1.0);
        return chipToImage.after(new SimilarityTransform(k, 0, 0, 0));
    }

    /** The aligned {@code size × size} crop of the face with these landmarks. */
    public RgbImage align(RgbImage image, Landmarks landmarks) {
        return warp(image, cropToImage(landmarks), template.size());
    }

    /**
     * A {@code size × size} image whose pixel (u, v) is the image bilinearly sampled at
     * {@code cropToImage(u, v)}, rounded to 8 bits; black where that lies outside the image's
     * pixel centres.
     */
    public static RgbImage warp(RgbImage image, SimilarityTransform cropToImage, int size) {
        if (size < 1) {
            throw new BadInputException("A crop needs a size ≥ 1, got " + size);
        }
        byte[] out = new byte[size * size * 3];
        float[] rgb = new float[3];
        double maxX = image.width() - 1;
        double maxY = image.height() - 1;
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                double x = cropToImage.a() * u - cropToImage.b() * v + cropToImage.tx();
                double y = cropToImage.b() * u + cropToImage.a() * v + cropToImage.ty();
                if (!(x >= 0 && x <= maxX && y >= 0 && y <= maxY)) {
                    continue;
                }
                image.bilinear(x, y, rgb);
                int at = (v * size + u) * 3;
                for (int c = 0; c < 3; c++) {
                    out[at + c] = (byte) Math.round(rgb[c]);
                }
            }
        }
        return new RgbImage(size, size, out);
    }
}
