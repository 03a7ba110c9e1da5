package io.github.facenet4j.api.nn;

import io.github.facenet4j.api.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How 8-bit pixel values become a network's input: which channels the network takes and in
 * what order, and per channel {@code (value − mean[c]) / scale[c]} on values 0…255. A model
 * card carries one; whatever feeds that model's network (training, embedding a data set,
 * embedding face crops) applies this one definition, so the tensors agree bit for bit.
 *
 * @param channelOrder the network's channels
 * @param mean         one value per channel, in the network's channel order; finite
 * @param scale        one value per channel, in the network's channel order; finite and &gt; 0
 */
public record InputNormalisation(ChannelOrder channelOrder, float[] mean, float[] scale) {

    /** The channels a network takes, in order. */
    public enum ChannelOrder {
        /** Red, green, blue. */
        RGB,
        /** Blue, green, red (Caffe and OpenCV models). */
        BGR,
        /** One grey channel (ITU-R BT.601 luma). */
        GRAY;

        /** How many channels. */
        public int channels() {
            return this == GRAY ? 1 : 3;
        }

        /** The name model cards use: {@code rgb}, {@code bgr} or {@code gray}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The order a {@link #label()} names.
         *
         * @throws ConfigurationException naming the accepted labels
         */
        public static ChannelOrder parse(String label) {
            for (ChannelOrder order : values()) {
                if (order.label().equals(label)) {
                    return order;
                }
            }
            throw new ConfigurationException("Input channel order must be rgb, bgr or gray, got '" + label + "'");
        }

        /** Grey for one channel, RGB for three. */
        public static ChannelOrder forChannels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new ConfigurationException("Images have 1 (grey) or 3 (RGB) channels, not " + channels);
            }
            return channels == 1 ? GRAY : RGB;
        }
    }

    public InputNormalisation {
        Objects.requireNonNull(channelOrder, "channelOrder");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        int channels = channelOrder.channels();
        if (mean.length != channels || scale.length != channels) {
            throw new ConfigurationException("Input normalisation: mean and scale need one value per channel ("
                    + channels + "), got " + mean.length + " and " + scale.length);
        }
        for (float m : mean) {
            if (!Float.isFinite(m)) {
                throw new ConfigurationException("Input normalisation: every mean must be finite, got " + m);
            }
        }
        for (float s : scale) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new ConfigurationException("Input normalisation: every scale must be > 0, got " + s);
            }
        }
        mean = mean.clone();
        scale = scale.clone();
    }

    /** Values 0…255 to [0, 1]: mean 0, scale 255 in every channel ({@code value / 255}). */
    public static InputNormalisation unitRange(ChannelOrder channelOrder) {
        float[] scale = new float[channelOrder.channels()];
        Arrays.fill(scale, 255f);
        return new InputNormalisation(channelOrder, new float[scale.length], scale);
    }

    /** How many channels the network takes. */
    public int channels() {
        return channelOrder.channels();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] scale() {
        return scale.clone();
    }

    /**
     * Normalises one image. Its pixel values 0…255 are {@code pixels[from …]}, plane after plane
     * of {@code plane} values each: one grey plane for {@link ChannelOrder#GRAY}, otherwise red,
     * green and blue planes in that order. The network's planes, in {@link #channelOrder()}, go to
     * {@code target[offset …]}. {@code target} may be {@code pixels} at the same position.
     */
    public void apply(float[] pixels, int from, int plane, float[] target, int offset) {
        if (channelOrder == ChannelOrder.BGR) {
            for (int p = 0; p < plane; p++) {
                float red = pixels[from + p];
                float green = pixels[from + plane + p];
                float blue = pixels[from + 2 * plane + p];
                target[offset + p] = (blue - mean[0]) / scale[0];
                target[offset + plane + p] = (green - mean[1]) / scale[1];
                target[offset + 2 * plane + p] = (red - mean[2]) / scale[2];
            }
            return;
        }
        for (int c = 0; c < mean.length; c++) {
            for (int p = 0; p < plane; p++) {
                target[offset + c * plane + p] = (pixels[from + c * plane + p] - mean[c]) / scale[c];
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputNormalisation n && n.channelOrder == channelOrder && Arrays.equals(n.mean, mean)
                && Arrays.equals(n.scale, scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channelOrder, Arrays.hashCode(mean), Arrays.hashCode(scale));
    }

    @Override
    public String toString() {
        return channelOrder.label() + " (value − " + Arrays.toString(mean) + ") / " + Arrays.toString(scale);
    }
}
