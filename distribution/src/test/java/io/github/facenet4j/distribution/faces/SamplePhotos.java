package io.github.facenet4j.distribution.faces;

import io.github.facenet4j.models.FaceApiPack;
import io.github.facenet4j.models.RealModel;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.awt.image.RescaleOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** The face-api pack's six sample photos, and altered copies of them for the sanity checks. */
public final class SamplePhotos {

    private SamplePhotos() {
    }

    /** demo/sample1.jpg … sample6.jpg of the (fetched) pack. */
    public static List<Path> all() {
        Path pack = RealModel.packageDir();
        return FaceApiPack.SAMPLE_PHOTOS.stream().map(pack::resolve).toList();
    }

    public static BufferedImage read(Path photo) {
        try {
            return ImageIO.read(photo.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(BufferedImage image, Path file) {
        try {
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Half the width and height, bilinear. */
    public static BufferedImage half(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth() / 2, image.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** A 5×5 Gaussian blur, σ = 1.5 pixels. */
    public static BufferedImage blur(BufferedImage image) {
        float[] k = new float[25];
        float sum = 0;
        for (int y = -2; y <= 2; y++) {
            for (int x = -2; x <= 2; x++) {
                k[(y + 2) * 5 + x + 2] = (float) Math.exp(-(x * x + y * y) / (2 * 1.5 * 1.5));
                sum += k[(y + 2) * 5 + x + 2];
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        BufferedImage rgb = copy(image);
        return new ConvolveOp(new Kernel(5, 5, k), ConvolveOp.EDGE_NO_OP, null).filter(rgb, null);
    }

    /** Every channel × 1.3, clipped. */
    public static BufferedImage brighter(BufferedImage image) {
        return new RescaleOp(1.3f, 0f, null).filter(copy(image), null);
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
