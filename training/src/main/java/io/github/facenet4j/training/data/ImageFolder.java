package io.github.facenet4j.training.data;

import io.github.facenet4j.api.BadInputException;
import io.github.facenet4j.api.ConfigurationException;
import io.github.facenet4j.api.nn.TensorShape;
import io.github.facenet4j.faces.ImageFiles;
import io.github.facenet4j.faces.ImageLimits;
import io.github.facenet4j.faces.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Face crops in folders, one per identity: {@code root/IDENTITY/*.jpg} (also {@code .jpeg},
 * {@code .png}, {@code .bmp}), the layout of LFW and most face data sets. Identities are the
 * sub-folder names in sorted order; files within one are sorted by name. Only the file list is
 * read when the data set opens: each image is decoded when it is asked for, exactly as
 * inference decodes a photo ({@link ImageFiles}: EXIF orientation, CMYK JPEGs, 16-bit and
 * palette PNGs, the {@link ImageLimits} pixel-count limit, and the same one-line messages for
 * a file that is empty, not an image, too large, truncated or corrupt), resized to the
 * requested height and width as the face pipeline resizes a crop ({@link RgbImage#resize}),
 * and given as pixel values 0…255: grey (BT.601 luma) for one channel, R, G, B planes for
 * three ({@link RgbImage#planes}). Images are expected to be aligned crops already; nothing is
 * detected or aligned here.
 */
public final class ImageFolder extends LabelledImages {

    private final List<Path> files;
    private final ImageLimits limits;

    private ImageFolder(Path root, TensorShape shape, List<Path> files, int[] labels, List<String> names,
                        ImageLimits limits) {
        super(shape, labels, names, "image folder " + root + " (" + names.size() + " identities, " + files.size()
                + " images)");
        this.files = files;
        this.limits = limits;
    }

    /** Lists the images under {@code root}, to be decoded within {@link ImageLimits#defaults()}. */
    public static ImageFolder open(Path root, TensorShape shape) {
        return open(root, shape, ImageLimits.defaults());
    }

    /**
     * Lists the images under {@code root}.
     *
     * @param shape  what every image becomes: 1 (grey) or 3 (RGB) channels, height, width
     * @param limits the largest image decoded
     * @throws BadInputException if {@code root} is missing or holds no images in identity folders
     */
    public static ImageFolder open(Path root, TensorShape shape, ImageLimits limits) {
        Objects.requireNonNull(limits, "limits");
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new ConfigurationException("Image folders give 1 (grey) or 3 (RGB) channels, not "
                    + shape.channels());
        }
        if (!Files.isDirectory(root)) {
            throw new BadInputException("Image folder not found: " + root);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (Path dir : sorted(root)) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> images = sorted(dir).stream().filter(ImageFolder::isImage).toList();
                if (images.isEmpty()) {
                    continue;
                }
                int label = names.size();
                names.add(dir.getFileName().toString());
                for (Path image : images) {
                    files.add(image);
                    labels.add(label);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot list the image folder " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new BadInputException("No images in " + root + ": expected " + root
                    + "/IDENTITY/*.jpg (or .jpeg, .png, .bmp), one folder per identity");
        }
        return new ImageFolder(root, shape, List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray(),
                List.copyOf(names), limits);
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")
                || name.endsWith(".bmp"));
    }

    /** The file of image {@code index}. */
    public Path file(int index) {
        return files.get(index);
    }

    /**
     * Decodes image {@code index} and writes its pixel values 0…255.
     *
     * @throws BadInputException with {@link ImageFiles}' one-line message if the file cannot be decoded
     */
    @Override
    public void image(int index, float[] target, int offset) {
        TensorShape shape = shape();
        RgbImage decoded = ImageFiles.read(files.get(index), limits);
        RgbImage sized = decoded.width() == shape.width() && decoded.height() == shape.height() ? decoded
                : decoded.resize(shape.width(), shape.height());
        sized.planes(shape.channels(), target, offset);
    }
}
