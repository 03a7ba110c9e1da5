package io.github.facenet4j.faces.internal;

import io.github.facenet4j.faces.RgbImage;

/**
 * The detector's input as face-api builds it from an image tensor
 * ({@code NetInput.toBatchTensor(inputSize, false)} in face-api 1.7.15,
 * {@code src/dom/NetInput.ts}): the image is zero-padded at the bottom or right to a square of
 * side max(width, height) ({@code src/ops/padToSquare.ts}, not centred), then resized to
 * {@code size × size} with tfjs {@code resizeBilinear} without corner alignment or half-pixel
 * centres. That resize maps output pixel i to source position i·side/size, reads the pixels at
 * ⌊·⌋ and ⌈·⌉ (clamped to the square), and interpolates along x, then y, in double precision,
 * storing a float (tfjs-backend-cpu's ResizeBilinear kernel, bundled in {@code dist/face-api.esm.js});
 * this class does the same arithmetic, so its values equal tfjs' bit for bit.
 */
public final class SquareInput {

    private SquareInput() {
    }

    /**
     * Pads and resizes an image as described above.
     *
     * @return NCHW values 0…255, {@code 3 × size × size}
     */
    public static float[] resize(RgbImage image, int size) {
        int side = Math.max(image.width(), image.height());
        double scale = (double) side / size;
        int[] lo = new int[size];
        int[] hi = new int[size];
        double[] frac = new double[size];
        for (int i = 0; i < size; i++) {
            double source = scale * i;
            lo[i] = Math.max(0, (int) Math.floor(source));
            hi[i] = Math.min(side - 1, (int) Math.ceil(source));
            frac[i] = source - lo[i];
        }
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                for (int ch = 0; ch < 3; ch++) {
                    double topLeft = pixel(image, lo[c], lo[r], ch);
                    double topRight = pixel(image, hi[c], lo[r], ch);
                    double bottomLeft = pixel(image, lo[c], hi[r], ch);
                    double bottomRight = pixel(image, hi[c], hi[r], ch);
                    double top = topLeft + (topRight - topLeft) * frac[c];
                    double bottom = bottomLeft + (bottomRight - bottomLeft) * frac[c];
                    out[ch * plane + r * size + c] = (float) (top + (bottom - top) * frac[r]);
                }
            }
        }
        return out;
    }

    /**
     * face-api's normalisation in place: (value − mean of its channel) / 255, in float as tfjs
     * computes it ({@code src/ops/normalize.ts}, then {@code div(255)} in
     * {@code src/tinyYolov2/TinyYolov2Base.ts}).
     *
     * @param nchw    one NCHW image of three channels
     * @param meanRgb the mean R, G, B
     * @return {@code nchw}
     */
    public static float[] normalize(float[] nchw, float[] meanRgb) {
        int plane = nchw.length / 3;
        for (int i = 0; i < nchw.length; i++) {
            nchw[i] = (nchw[i] - meanRgb[i / plane]) / 255f;
        }
        return nchw;
    }

    /** The padded square: the image's pixel, or 0 below or right of it. */
    private static int pixel(RgbImage image, int x, int y, int ch) {
        return x < image.width() && y < image.height() ? image.get(x, y, ch) : 0;
    }
}
