package io.github.facenet4j.faces;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.Network;
import io.github.facenet4j.api.TensorBatch;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.models.FaceLandmark68Net;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the 68 landmarks of a detected face with face-api's 68-point landmark net
 * ({@link FaceLandmark68Net}) compiled by any backend. Around the network it does what
 * face-api 1.7.15 does for a tensor input ({@code DetectAllFaceLandmarksTask}):
 * <ol>
 * <li>crop: the box clipped to the image, then each of x, y, width, height floored
 *     ({@code Box.clipAtImageBorders}, {@code extractFaceTensors});</li>
 * <li>pad the crop with black to a square: of the difference d between its sides,
 *     round(d / 2) columns (or rows) after it and the rest before ({@code padToSquare}, centred);</li>
 * <li>resize to 112×112 bilinearly the way tfjs' {@code resizeBilinear} does without half-pixel
 *     centres or aligned corners: output pixel i reads the square at i · side / 112
 *     ({@link RgbImage#bilinear});</li>
 * <li>(pixel − mean RGB) / 255 ({@link FaceLandmark68Net#preprocess}), run the net;</li>
 * <li>map its outputs back as {@code FaceLandmark68NetBase.postProcess} does: times 112, less
 *     half the side difference (in 112-scale units) on the padded axis, over the scaled
 *     side, times the crop side (float arithmetic as tfjs does it); then add the crop's corner.</li>
 * </ol>
 * Two details differ from face-api by under a pixel and are face-api's: its postProcess
 * removes d / 2 of padding where padToSquare put ⌊d / 2⌋ before the crop (kept here, the
 * net was fitted through it), and it adds the unfloored box corner where the crop starts at
 * the floored one (here the crop's corner, where the crop really is).
 *
 * <p>Thread-safe when the network is (every {@link Network} is).
 */
public final class FaceLandmarker implements LandmarkFinder {

    private static final int SIZE = FaceLandmark68Net.INPUT_SIZE;

    private final Network network;

    /**
     * @param network the landmark net compiled by a backend: 3×112×112 in, 136 out
     * @throws ConfigurationException if the network does not have those shapes
     */
    public FaceLandmarker(Network network) {
        this.network = Objects.requireNonNull(network, "network");
        TensorShape in = network.inputShape();
        if (!in.equals(new TensorShape(3, SIZE, SIZE)) || network.outputSize() != FaceLandmark68Net.OUTPUT_SIZE) {
            throw new ConfigurationException("A 68-point landmark network takes 3×112×112 and gives "
                    + FaceLandmark68Net.OUTPUT_SIZE + " values; this one takes " + in + " and gives "
                    + network.outputSize());
        }
    }

    /** The landmarks of the face in {@code box}, in image pixels. */
    public Landmarks detect(RgbImage image, FaceBox box) {
        return detect(image, List.of(box)).get(0);
    }

    /**
     * The landmarks of each face, in image pixels, in the order of the boxes; the faces run as
     * one batch.
     *
     * @throws BadInputException if a box has no pixel inside the image
     */
    @Override
    public List<Landmarks> detect(RgbImage image, List<FaceBox> boxes) {
        if (boxes.isEmpty()) {
            return List.of();
        }
        int plane = 3 * SIZE * SIZE;
        float[] batch = new float[boxes.size() * plane];
        List<Crop> crops = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            Crop crop = Crop.of(image, boxes.get(i));
            crops.add(crop);
            System.arraycopy(input(image, crop), 0, batch, i * plane, plane);
        }
        float[][] out = network.run(new TensorBatch(FaceLandmark68Net.preprocess(batch), boxes.size(), 3, SIZE, SIZE));
        List<Landmarks> result = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            result.add(toImage(out[i], crops.get(i)));
        }
        return result;
    }

    /** The pixels of the image the net sees for a face: x, y of the top-left corner, width, height. */
    record Crop(int x, int y, int width, int height) {

        /** face-api's {@code Box.clipAtImageBorders}: clip, then floor x, y, width and height. */
        static Crop of(RgbImage image, FaceBox box) {
            double x = Math.max(box.x(), 0);
            double y = Math.max(box.y(), 0);
            double width = Math.min(box.x() + box.width() - x, image.width() - x);
            double height = Math.min(box.y() + box.height() - y, image.height() - y);
            Crop crop = new Crop((int) Math.floor(x), (int) Math.floor(y), (int) Math.floor(width),
                    (int) Math.floor(height));
            if (crop.width < 1 || crop.height < 1) {
                throw new BadInputException("Face box " + box.x() + ", " + box.y() + ", " + box.width() + "×"
                        + box.height() + " holds no whole pixel of the " + image.width() + "×" + image.height()
                        + " image");
            }
            return crop;
        }

        int side() {
            return Math.max(width, height);
        }

        /** Black columns (or rows) padToSquare puts before the crop: d − round(d / 2). */
        int before() {
            int d = Math.abs(width - height);
            return d - (int) Math.round(d * 0.5);
        }
    }

    /** The 112×112 NCHW RGB input (0…255) for one crop: padded to a square, resized as tfjs does. */
    static float[] input(RgbImage image, Crop crop) {
        int side = crop.side();
        byte[] square = new byte[side * side * 3];
        int left = crop.width < crop.height ? crop.before() : 0;
        int top = crop.height < crop.width ? crop.before() : 0;
        for (int y = 0; y < crop.height; y++) {
            System.arraycopy(image.pixels(), ((crop.y + y) * image.width() + crop.x) * 3, square,
                    ((top + y) * side + left) * 3, crop.width * 3);
        }
        RgbImage padded = new RgbImage(side, side, square);
        double step = side / (double) SIZE;
        float[] nchw = new float[3 * SIZE * SIZE];
        float[] rgb = new float[3];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                padded.bilinear(c * step, r * step, rgb);
                for (int ch = 0; ch < 3; ch++) {
                    nchw[(ch * SIZE + r) * SIZE + c] = rgb[ch];
                }
            }
        }
        return nchw;
    }

    /** The net's 136 outputs for a crop as image pixels (face-api's postProcess, then the crop corner). */
    static Landmarks toImage(float[] out, Crop crop) {
        // face-api works out the sizes in double and hands them to tfjs as float32 tensors.
        double scale = SIZE / (double) crop.side();
        double scaledWidth = crop.width * scale;
        double scaledHeight = crop.height * scale;
        float width = (float) scaledWidth;
        float height = (float) scaledHeight;
        float padX = (float) (scaledWidth < scaledHeight ? Math.abs(scaledWidth - scaledHeight) / 2 : 0);
        float padY = (float) (scaledHeight < scaledWidth ? Math.abs(scaledWidth - scaledHeight) / 2 : 0);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < FaceLandmark68Net.POINTS; i++) {
            float relX = (out[2 * i] * SIZE - padX) / width;
            float relY = (out[2 * i + 1] * SIZE - padY) / height;
            points.add(new Point((double) relX * crop.width + crop.x, (double) relY * crop.height + crop.y));
        }
        return new Landmarks(points);
    }
}
